/**
 * Labels for contract values, in one place so the panel, inbox and options page say the same thing.
 * @module
 */
import type { Channel } from '@shared/api/channels.ts';
import type { MessageStatus } from '@shared/api/messages.ts';
import type { ConsentState } from '@shared/domain/consent.ts';
import { clock } from '../lib/clock.ts';

export const channelLabel: Record<Channel, string> = { sms: 'SMS', whatsapp: 'WhatsApp' };

export const consentLabel: Record<ConsentState, string> = {
  none: 'No consent',
  requested: 'Requested',
  awaiting_start: 'Waiting for START',
  granted: 'Consented',
  declined: 'Declined',
  revoked: 'Withdrawn',
};

export const statusLabel: Record<MessageStatus, string> = {
  scheduled: 'Scheduled',
  queued: 'Queued',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not delivered',
  cancelled: 'Cancelled',
  received: 'Received',
};

/** "German" for "de"; the tag itself when the browser has no name for it. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The instant in `timeZone` (the recruiter's own when undefined): time only when it is today there, else date and time too. */
function timeIn(at: Date, now: Date, timeZone?: string): string {
  // en-CA's short date is YYYY-MM-DD: the calendar day in that zone, comparable as text.
  const day = new Intl.DateTimeFormat('en-CA', { dateStyle: 'short', ...(timeZone ? { timeZone } : {}) });
  const today = day.format(at) === day.format(now);
  return new Intl.DateTimeFormat(undefined, {
    ...(today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }),
    ...(timeZone ? { timeZone } : {}),
  }).format(at);
}

/** "Will send at 08:00 (candidate's time) · 14:00 your time", for a message held for quiet hours. */
export function sendAtLabel(sendAt: string, candidateTimeZone: string | undefined, now = clock.now()): string {
  const at = new Date(sendAt);
  const yours = `${timeIn(at, now)} your time`;
  return candidateTimeZone ? `Will send at ${timeIn(at, now, candidateTimeZone)} (candidate’s time) · ${yours}` : `Will send at ${yours}`;
}

/** "It's 11:40 PM for the candidate. This message will wait until 8:00 AM their time (2:00 PM yours).", said before Send. */
export function holdAheadLabel(sendAt: Date, candidateTimeZone: string, now = clock.now()): string {
  return `It’s ${timeIn(now, now, candidateTimeZone)} for the candidate. This message will wait until ${timeIn(sendAt, now, candidateTimeZone)} their time (${timeIn(sendAt, now)} yours).`;
}

/** Time only for today's messages, date and time for older ones. */
export function messageTime(iso: string, now = clock.now()): string {
  const at = new Date(iso);
  const today = at.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(undefined, today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** "Germany" for "DE"; the code itself when the browser has no name for it. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(undefined, { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The flag emoji of an ISO 3166 alpha-2 code: its two regional indicator letters. */
export const countryFlag = (code: string): string =>
  String.fromCodePoint(...[...code.toUpperCase()].map((letter) => 0x1f1e6 + letter.charCodeAt(0) - 'A'.charCodeAt(0)));

/** "1 message", "3 messages": the count with its noun in the right number. */
export const plural = (count: number, one: string, many = `${one}s`): string => `${count.toLocaleString()} ${count === 1 ? one : many}`;

/** "21:00 to 08:00", or "None" when the start and end are the same (no quiet hours). */
export const quietHoursLabel = (quiet: { start: string; end: string }): string => (quiet.start === quiet.end ? 'None' : `${quiet.start} to ${quiet.end}`);
