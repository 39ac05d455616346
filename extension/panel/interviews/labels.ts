/**
 * How the panel says interview states, reminder timings and times: one place, so the card, the
 * form and the tests read the same words.
 * @module
 */
import type { InterviewState, ReminderState } from '@shared/api/interviews.ts';
import type { Candidate } from '@shared/api/candidates.ts';
import { zoneLabel } from '@shared/domain/interviews.ts';
import { timeZonesOfPhone } from '@shared/domain/phone-time-zones.ts';

export const interviewStateLabel: Record<InterviewState, string> = {
  invited: 'Invited, waiting for an answer',
  awaiting_pick: 'Times offered, waiting for a pick',
  confirmed: 'Confirmed',
  declined: 'Declined',
  reschedule_requested: 'Asked for another time',
  cancelled: 'Cancelled',
};

export const reminderStateLabel: Record<ReminderState, string> = {
  pending: 'Scheduled',
  sent: 'Sent',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
};

/** "Tue 8 Dec, 10:00" in a zone, in the recruiter's own locale. */
export function dateTimeIn(instant: string | Date, zone: string): string {
  return new Intl.DateTimeFormat(undefined, { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(
    new Date(instant),
  );
}

/** "16:00 in Europe/Berlin": the candidate's side of a time. */
export function timeThere(instant: string | Date, zone: string): string {
  const time = new Intl.DateTimeFormat(undefined, { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
  return `${time} in ${zoneLabel(zone)}`;
}

/** The recruiter's zone: the browser's. */
export const recruiterZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The candidate's zone as their number says (the first of several), else the recruiter's. */
export function candidateZone(candidate: Pick<Candidate, 'phone'>, fallback: string = recruiterZone()): string {
  return (candidate.phone && timeZonesOfPhone(candidate.phone)[0]) || fallback;
}
