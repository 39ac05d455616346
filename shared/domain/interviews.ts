/**
 * Interview rules, in one place for the worker and the panel:
 * - **States.** `invited` (a fixed time) or `awaiting_pick` (offered slots) until the candidate
 *   answers: `confirmed`, `declined` or `reschedule_requested`. The recruiter may reschedule from
 *   any state but `cancelled` (it re-invites) and cancel from any state but `cancelled`.
 * - **Reply keywords** count only while an invitation waits on that channel (the worker checks);
 *   whole message only, like STOP: "1"/"2" and the words of the invitation's language, plus
 *   English YES/NO, which candidates write in any language.
 * - **Reminder instants** are the start minus the offset in elapsed minutes, computed on UTC
 *   instants: "24 hours before" is 24 real hours, whatever DST does to the wall clock in between.
 * - **Quiet hours** may hold a reminder only until before the interview: a hold that ends at or
 *   after the start skips it.
 * @module
 */
import type { InterviewSettings, InterviewState } from '../api/interviews.ts';
import { instantOfWall, wallClock } from './quiet-hours.ts';

/** The reminders new interviews start with until an admin changes them: 24 hours and 1 hour before, on the interview's channel. */
export const DEFAULT_INTERVIEW_SETTINGS: InterviewSettings = {
  defaultReminders: [
    { offsetMinutes: 24 * 60, channel: null },
    { offsetMinutes: 60, channel: null },
  ],
};

/** What happens to an interview: the candidate's answers and the recruiter's changes. */
export type InterviewEvent =
  | { kind: 'confirm' }
  | { kind: 'pick' }
  | { kind: 'decline' }
  | { kind: 'ask_reschedule' }
  | { kind: 'reschedule'; selfSchedule: boolean }
  | { kind: 'cancel' };

/** The states waiting for the candidate's answer to an invitation. */
export const AWAITING_ANSWER: readonly InterviewState[] = ['invited', 'awaiting_pick'];

/** The next state, or null when the event does not apply in this state (the caller refuses it). */
export function nextInterviewState(state: InterviewState, event: InterviewEvent): InterviewState | null {
  if (state === 'cancelled') return null;
  switch (event.kind) {
    case 'confirm':
      return state === 'invited' ? 'confirmed' : null;
    case 'pick':
      return state === 'awaiting_pick' ? 'confirmed' : null;
    case 'decline':
      // A confirmed candidate may still decline (they can no longer come).
      return state === 'invited' || state === 'awaiting_pick' || state === 'confirmed' ? 'declined' : null;
    case 'ask_reschedule':
      return state === 'invited' || state === 'awaiting_pick' || state === 'confirmed' ? 'reschedule_requested' : null;
    case 'reschedule':
      return event.selfSchedule ? 'awaiting_pick' : 'invited';
    case 'cancel':
      return 'cancelled';
  }
}

/** Whether reminders may go in this state: only for a time the candidate confirmed or was invited to. */
export const remindersApply = (state: InterviewState): boolean => state === 'confirmed' || state === 'invited';

// ---- slots ----------------------------------------------------------------------------------------

export type SlotPlan = { ok: true; starts: Date[] } | { ok: false; message: string };

/**
 * Back-to-back slots of `durationMinutes` from `from` until `to` (a slot ends by `to`), one every
 * `stepMinutes` (default: the duration), none starting before `notBefore`. Refused when none fits
 * or more than `max` would.
 */
export function slotsFromRange(
  range: { from: Date; to: Date; stepMinutes?: number | undefined },
  durationMinutes: number,
  notBefore: Date,
  max: number,
): SlotPlan {
  const step = (range.stepMinutes ?? durationMinutes) * 60_000;
  const length = durationMinutes * 60_000;
  const starts: Date[] = [];
  for (let at = range.from.getTime(); at + length <= range.to.getTime(); at += step) {
    if (at < notBefore.getTime()) continue;
    if (starts.length === max) return { ok: false, message: `The range gives more than ${max} slots; offer a shorter range or a longer step.` };
    starts.push(new Date(at));
  }
  if (starts.length === 0) return { ok: false, message: 'No slot of that duration fits in the range (from now on).' };
  return { ok: true, starts };
}

/** Listed starts: in the future, each once, earliest first. */
export function slotsFromStarts(starts: readonly Date[], notBefore: Date): SlotPlan {
  const unique = [...new Set(starts.map((d) => d.getTime()))].sort((a, b) => a - b);
  if (unique.length !== starts.length) return { ok: false, message: 'A slot is listed twice.' };
  if (unique.some((at) => at < notBefore.getTime())) return { ok: false, message: 'A slot starts in the past.' };
  return { ok: true, starts: unique.map((at) => new Date(at)) };
}

/** Half-open intervals [start, end): an interview ending at 10:00 and one starting at 10:00 do not overlap. */
export const overlaps = (a: { start: Date; end: Date }, b: { start: Date; end: Date }): boolean =>
  a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();

export const endOf = (start: Date, durationMinutes: number): Date => new Date(start.getTime() + durationMinutes * 60_000);

// ---- reply keywords -------------------------------------------------------------------------------

/** The languages interview messages are written in; others use English. */
export const INTERVIEW_LANGUAGES = ['en', 'de', 'fr', 'es', 'nl'] as const;
export type InterviewLanguage = (typeof INTERVIEW_LANGUAGES)[number];

export const interviewLanguageOf = (tag: string | null | undefined): InterviewLanguage => {
  const base = (tag ?? '').slice(0, 2).toLowerCase();
  return (INTERVIEW_LANGUAGES as readonly string[]).includes(base) ? (base as InterviewLanguage) : 'en';
};

/** The words a candidate may reply, as the invitation writes them (first the digit, then the word). */
export const REPLY_KEYWORDS: Record<InterviewLanguage, { confirm: readonly string[]; decline: readonly string[] }> = {
  en: { confirm: ['1', 'YES'], decline: ['2', 'NO'] },
  de: { confirm: ['1', 'JA'], decline: ['2', 'NEIN'] },
  fr: { confirm: ['1', 'OUI'], decline: ['2', 'NON'] },
  // Written SI, which GSM-7 carries; a reply of SÍ reads the same (accents are dropped before matching).
  es: { confirm: ['1', 'SI'], decline: ['2', 'NO'] },
  nl: { confirm: ['1', 'JA'], decline: ['2', 'NEE'] },
};

export type InterviewReply = 'confirm' | 'decline';

const plainWord = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .replace(/[.!¡?¿,;:)\s]+$/u, '')
    .replace(/^[¡¿(\s]+/u, '')
    .toUpperCase();

/** The reply words as matched: plain, per language and answer; worked out once, not per inbound message. */
const PLAIN_REPLY_WORDS = {} as Record<InterviewLanguage, Record<InterviewReply, ReadonlySet<string>>>;
for (const language of INTERVIEW_LANGUAGES) {
  const { confirm, decline } = REPLY_KEYWORDS[language];
  PLAIN_REPLY_WORDS[language] = { confirm: new Set(confirm.map(plainWord)), decline: new Set(decline.map(plainWord)) };
}

const ANY_REPLY_WORD: ReadonlySet<string> = new Set(
  INTERVIEW_LANGUAGES.flatMap((language) => [...PLAIN_REPLY_WORDS[language].confirm, ...PLAIN_REPLY_WORDS[language].decline]),
);

/**
 * The answer a whole reply gives ("1", " yes!", "Sí", "nein."), or null for any other text: a
 * sentence that merely contains YES is an ordinary message for the recruiter to read.
 */
export function parseInterviewReply(body: string, language: string): InterviewReply | null {
  const word = plainWord(body);
  if (!word) return null;
  const own = PLAIN_REPLY_WORDS[interviewLanguageOf(language)];
  if (own.confirm.has(word) || PLAIN_REPLY_WORDS.en.confirm.has(word)) return 'confirm';
  if (own.decline.has(word) || PLAIN_REPLY_WORDS.en.decline.has(word)) return 'decline';
  return null;
}

/** Whether a reply is an answer word in any interview language: most messages are not, and cost no lookup. */
export const mayAnswerInterview = (body: string): boolean => ANY_REPLY_WORD.has(plainWord(body));

/**
 * Which answer a reply is while this interview waits for one: a confirm only means something for a
 * fixed time (slots are picked on the page), a decline for either.
 */
export function replyEvent(state: InterviewState, reply: InterviewReply): InterviewEvent | null {
  if (reply === 'confirm') return state === 'invited' ? { kind: 'confirm' } : null;
  return state === 'invited' || state === 'awaiting_pick' ? { kind: 'decline' } : null;
}

// ---- time -----------------------------------------------------------------------------------------

/** When a reminder `offsetMinutes` before `startsAt` is due: elapsed minutes, on UTC instants. */
export const reminderDueAt = (startsAt: Date, offsetMinutes: number): Date => new Date(startsAt.getTime() - offsetMinutes * 60_000);

/** Whether a message held by quiet hours until `sendAt` still reaches the candidate before the interview starts. */
export const holdArrivesBefore = (sendAt: Date, startsAt: Date): boolean => sendAt.getTime() < startsAt.getTime();

/**
 * The instant a wall-clock time in a zone names ("2026-03-29", "10:00", "Europe/Berlin"): how the
 * panel turns what the recruiter typed into the instant it sends. A time skipped by a spring-forward
 * change becomes the first instant after the gap.
 */
export function zonedInstant(date: string, time: string, zone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(instantOfWall(zone, Date.UTC(y, m - 1, d, hh, mm)));
}

/** The zone's local date and time at an instant, as "YYYY-MM-DD" and "HH:MM". */
export function wallTimeOf(instant: Date, zone: string): { date: string; time: string } {
  const iso = new Date(wallClock(zone, instant.getTime())).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** The zone as people read it: "America/New_York" → "America/New York". */
export const zoneLabel = (zone: string): string => zone.replaceAll('_', ' ');

/**
 * An interview's time for the candidate, in their language and zone: the date written out
 * ("Tuesday, 3 March 2026"), the time with the zone named ("10:00 (Europe/Berlin)").
 */
export function candidateTime(instant: Date, zone: string, language: string): { date: string; time: string; timezone: string } {
  const wall = wallTimeOf(instant, zone);
  return { date: dateInWords(wall.date, language), time: timeInZone(wall.time, zone), timezone: zoneLabel(zone) };
}

/**
 * A calendar day ("2026-03-30") written out in the candidate's language ("Montag, 30. März 2026"):
 * the date of `candidateTime`, and what the panel's date picker puts in a message.
 */
export function dateInWords(date: string, language: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // The day itself, not an instant: formatted at UTC so no zone can move it to the day before.
  return new Intl.DateTimeFormat(interviewLanguageOf(language), { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    Date.UTC(y, m - 1, d),
  );
}

/** A wall-clock time ("10:00") with its zone named, "10:00 (Europe/Berlin)": so it cannot be read in the recruiter's zone. */
export const timeInZone = (time: string, zone: string): string => `${time} (${zoneLabel(zone)})`;
