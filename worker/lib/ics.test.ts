import { describe, expect, it } from 'vitest';
import { type CalendarEvent, escapeText, foldLine, icsOf } from './ics.ts';

const octets = (text: string) => new TextEncoder().encode(text).length;

const event: CalendarEvent = {
  uid: 'int_0123@parley.test',
  sequence: 2,
  method: 'REQUEST',
  start: new Date('2026-03-30T08:00:00Z'),
  end: new Date('2026-03-30T08:45:00Z'),
  stamp: new Date('2026-03-20T12:00:00Z'),
  summary: 'Interview, Backend; "Engineer"',
  location: 'Müllerstraße 12, Berlin',
  description: 'Line one\nline two',
  url: 'https://parley.test/i/abc',
  organizer: { name: 'Rita "R" Ortiz', email: 'rita@northwind.test' },
};

describe('iCalendar (RFC 5545)', () => {
  it('writes one VEVENT with a stable UID, the SEQUENCE, UTC times and CRLF line ends', () => {
    const ics = icsOf(event);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'BEGIN:VCALENDAR',
        'METHOD:REQUEST',
        'UID:int_0123@parley.test',
        'SEQUENCE:2',
        'DTSTAMP:20260320T120000Z',
        'DTSTART:20260330T080000Z',
        'DTEND:20260330T084500Z',
        'SUMMARY:Interview\\, Backend\\; "Engineer"',
        'DESCRIPTION:Line one\\nline two',
        'ORGANIZER;CN="Rita R Ortiz":mailto:rita@northwind.test',
        'STATUS:CONFIRMED',
        'END:VCALENDAR',
      ]),
    );
  });

  it('cancels with METHOD:CANCEL and STATUS:CANCELLED', () => {
    const ics = icsOf({ ...event, method: 'CANCEL', sequence: 3 });
    expect(ics).toContain('\r\nMETHOD:CANCEL\r\n');
    expect(ics).toContain('\r\nSTATUS:CANCELLED\r\n');
    expect(ics).toContain('\r\nSEQUENCE:3\r\n');
  });

  it('folds at 75 octets without splitting a UTF-8 character, and unfolds to the original', () => {
    const line = `DESCRIPTION:${'Grüße aus Köln – '.repeat(12)}`;
    const folded = foldLine(line);
    for (const physical of folded.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .slice(1)
        .every((l) => l.startsWith(' ')),
    ).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:line')).toBe('SHORT:line');
  });

  it('escapes backslashes, semicolons, commas and newlines', () => {
    expect(escapeText('a\\b;c,d\r\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });
});
