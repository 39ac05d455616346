/**
 * Quiet hours: a proactive message composed during the candidate's local night is held and sent
 * when their day begins. The worker decides with `messageHold` on every send; the panel runs the
 * same function only to say before Send that a message would wait, and shows the instant the
 * worker chose once it is sent.
 *
 * Decisions this module makes, in one place:
 * - **Which messages are proactive.** A recruiter's message is, unless the candidate wrote on that
 *   channel within the last 60 minutes: answering someone who is writing at 21:30 is a
 *   conversation, not a cold message. The messages Parley sends by itself around consent (the HELP
 *   answer, the START invitation and the identification message after a consent-page grant) are
 *   immediate answers to something the candidate just did, so they are never held — holding a
 *   HELP answer until morning would also break the carriers' rule that HELP is answered at once.
 * - **Whose night.** The phone number's possible zones (shared/domain/phone-time-zones.ts); a
 *   prefix that spans several zones waits until it is day in every one of them. A number no prefix
 *   matches (non-geographic, +800 …) is treated as UTC. The number's zone is a guess (ported and
 *   mobile numbers travel), which is why the rule errs towards waiting.
 * - **The window.** `quiet` is the night, local "HH:MM" to "HH:MM", end exclusive, wrapping
 *   midnight when start > end; start == end means no quiet hours at all.
 * @module
 */
import { z } from 'zod';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour local time such as "21:00"');

/** The quiet period in the candidate's local time (the night), e.g. 21:00 → 08:00. */
export const QuietHours = z.object({ start: HHMM, end: HHMM }).meta({ id: 'QuietHours' });
export type QuietHours = z.infer<typeof QuietHours>;

/** US federal quiet hours (47 CFR §64.1200(c)(1): not before 8 a.m. or after 9 p.m. local). */
export const DEFAULT_QUIET_HOURS: QuietHours = { start: '21:00', end: '08:00' };

/** A tenant's quiet hours: per country (ISO 3166 alpha-2), and the default for countries not listed. */
export type QuietHoursSettings = { defaultQuietHours: QuietHours; countries: Readonly<Record<string, QuietHours>> };

/** @param country from the phone number (libphonenumber-js), null when it did not resolve: the default applies. */
export function quietHoursFor(settings: QuietHoursSettings, country: string | null): QuietHours {
  return (country ? settings.countries[country.toUpperCase()] : undefined) ?? settings.defaultQuietHours;
}

/** A reply this soon after the candidate's last message is part of a live conversation. */
export const CONVERSATION_WINDOW_MS = 60 * 60_000;

/** Whether a recruiter's message is proactive (subject to quiet hours) given the candidate's last message on the channel. */
export function isProactive(lastInboundAt: string | null, now: Date): boolean {
  if (lastInboundAt === null) return true;
  return now.getTime() - Date.parse(lastInboundAt) >= CONVERSATION_WINDOW_MS;
}

/** When a held message goes out, and the zone whose night ended last (the time the candidate sees). */
export type Hold = { sendAt: Date; timeZone: string };

/**
 * Where and when a candidate's night falls: the possible zones of their number (empty when no
 * prefix matched: the rule then uses UTC) and the quiet hours of their country.
 */
export type QuietNight = { zones: string[]; window: QuietHours };

/** The candidate's night, or null when their country's quiet hours are off (start == end). */
export function quietNightOf(zones: string[], country: string | null, settings: QuietHoursSettings): QuietNight | null {
  const window = quietHoursFor(settings, country);
  return window.start === window.end ? null : { zones, window };
}

/**
 * The hold for a recruiter's message, or null when it may go now: only a proactive message (no
 * reply from the candidate on the channel in the last hour) is held, until their night is over.
 * @param night null when the candidate has no number or no quiet hours.
 */
export function messageHold(night: QuietNight | null, lastInboundAt: string | null, now: Date): Hold | null {
  if (!night || !isProactive(lastInboundAt, now)) return null;
  return quietHold(now, night.zones, night.window);
}

/** Zones used when the number matches no prefix. */
const UNKNOWN_ZONES = ['UTC'];
/** How far ahead to look for an instant that is day in every zone before giving up on "every". */
const HORIZON_MS = 2 * 86_400_000;

/**
 * Null when a message may go now; else the earliest instant at which it is outside `quiet` in
 * every one of `zones` (local wall-clock time, so DST changes are honoured). When the zones are
 * so far apart that no such instant exists (a prefix spanning Guam to Newfoundland), the message
 * waits for the zone whose night ends last.
 */
export function quietHold(now: Date, zones: readonly string[], quiet: QuietHours): Hold | null {
  if (quiet.start === quiet.end) return null;
  const candidates = zones.length ? zones : UNKNOWN_ZONES;
  const start = now.getTime();
  let at = start;
  let binding = candidates[0]!;
  // Each round moves to the end of some zone's night; with no common day, the horizon stops it.
  for (let round = 0; round <= candidates.length * 4 + 4 && at - start <= HORIZON_MS; round++) {
    const next = lastNightEnd(candidates, at, quiet);
    if (next.at === at) return at === start ? null : { sendAt: new Date(at), timeZone: binding };
    ({ at, zone: binding } = next);
  }
  const latest = lastNightEnd(candidates, start, quiet);
  return { sendAt: new Date(latest.at), timeZone: latest.zone };
}

/** The latest instant, from `at` on, at which some zone's night ends (`at` itself when it is day everywhere), and that zone. */
function lastNightEnd(zones: readonly string[], at: number, quiet: QuietHours): { at: number; zone: string } {
  let latest = { at, zone: zones[0]! };
  for (const zone of zones) {
    const allowedAt = nextAllowed(zone, at, quiet);
    if (allowedAt > latest.at) latest = { at: allowedAt, zone };
  }
  return latest;
}

// ---- local wall-clock arithmetic with Intl only ---------------------------------------------------

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function isQuiet(minuteOfDay: number, quiet: QuietHours): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The zone's wall clock at an instant, as if that wall-clock reading were UTC (ms, whole seconds). */
export function wallClock(zone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The first instant at which the zone's wall clock reads `wall` or later. */
export function instantOfWall(zone: string, wall: number): number {
  const offsetBefore = wallClock(zone, wall - 86_400_000) - (wall - 86_400_000);
  const offsetAfter = wallClock(zone, wall + 86_400_000) - (wall + 86_400_000);
  const matches = [wall - offsetBefore, wall - offsetAfter].filter((instant) => wallClock(zone, instant) === wall);
  if (matches.length) return Math.min(...matches);
  // The wall time falls in a spring-forward gap: find the transition, to the minute.
  let low = Math.min(wall - offsetBefore, wall - offsetAfter);
  let high = Math.max(wall - offsetBefore, wall - offsetAfter);
  while (high - low > 60_000) {
    const middle = low + Math.floor((high - low) / 120_000) * 60_000;
    if (wallClock(zone, middle) >= wall) high = middle;
    else low = middle;
  }
  return high;
}

/** `at` when it is day in the zone, else the instant its night ends. */
function nextAllowed(zone: string, at: number, quiet: QuietHours): number {
  const wall = wallClock(zone, at);
  const day = new Date(wall);
  const minuteOfDay = day.getUTCHours() * 60 + day.getUTCMinutes();
  if (!isQuiet(minuteOfDay, quiet)) return at;
  const end = minutesOf(quiet.end);
  // In a wrapping night (21:00 → 08:00) the evening part ends tomorrow morning.
  const endsTomorrow = minuteOfDay >= end;
  const endWall = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + (endsTomorrow ? 1 : 0), Math.floor(end / 60), end % 60);
  return instantOfWall(zone, endWall);
}
