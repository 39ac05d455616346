/**
 * An interview as an iCalendar object (RFC 5545) for the candidate's calendar: one VEVENT whose UID
 * stays the same for the interview's life, a SEQUENCE the worker raises on every change it tells
 * the candidate about (so calendars replace the older copy: RFC 5546 §2.1.4), METHOD:REQUEST while
 * it stands and METHOD:CANCEL with STATUS:CANCELLED once cancelled. Lines end in CRLF and are
 * folded at 75 octets, never inside a UTF-8 character (RFC 5545 §3.1); text values are escaped
 * (§3.3.11). Written here rather than with the `ics` npm package: these few properties, exactly as
 * the RFC puts them, are shorter than adapting a general generator's defaults (its own PRODID,
 * METHOD handling) and leave nothing to a dependency.
 * @module
 */

export type CalendarEvent = {
  /** Stable for the interview: `<interview id>@<host>`. */
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  start: Date;
  end: Date;
  /** When this copy was made (DTSTAMP). */
  stamp: Date;
  summary: string;
  location: string | null;
  description: string | null;
  url: string | null;
  organizer: { name: string; email: string } | null;
};

const encoder = new TextEncoder();

/** 20260330T080000Z */
const utc = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** TEXT escaping: backslash, semicolon, comma, and newlines as \n. */
export const escapeText = (text: string) => text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** A content line folded into lines of at most 75 octets (continuations start with one space, which counts). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

// A quoted parameter value may not contain DQUOTE (§3.2); a name with one loses it.
const paramValue = (text: string) => `"${text.replace(/"/g, '')}"`;

export function icsOf(event: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Parley//Interviews//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.method}`,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utc(event.stamp)}`,
    `DTSTART:${utc(event.start)}`,
    `DTEND:${utc(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.url ? [`URL:${event.url}`] : []),
    ...(event.organizer ? [`ORGANIZER;CN=${paramValue(event.organizer.name)}:mailto:${event.organizer.email}`] : []),
    `STATUS:${event.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
