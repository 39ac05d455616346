import { describe, expect, it } from 'vitest';
import type { InterviewState } from '../api/interviews.ts';
import {
  candidateTime,
  holdArrivesBefore,
  nextInterviewState,
  overlaps,
  mayAnswerInterview,
  parseInterviewReply,
  reminderDueAt,
  replyEvent,
  slotsFromRange,
  slotsFromStarts,
  wallTimeOf,
  zonedInstant,
} from './interviews.ts';

const at = (iso: string) => new Date(iso);

describe('the interview state machine', () => {
  const states: InterviewState[] = ['invited', 'awaiting_pick', 'confirmed', 'declined', 'reschedule_requested', 'cancelled'];

  it('takes a fixed invitation to confirmed, declined or reschedule_requested', () => {
    expect(nextInterviewState('invited', { kind: 'confirm' })).toBe('confirmed');
    expect(nextInterviewState('invited', { kind: 'decline' })).toBe('declined');
    expect(nextInterviewState('invited', { kind: 'ask_reschedule' })).toBe('reschedule_requested');
    expect(nextInterviewState('invited', { kind: 'pick' })).toBeNull();
  });

  it('confirms self-scheduling only by a pick', () => {
    expect(nextInterviewState('awaiting_pick', { kind: 'pick' })).toBe('confirmed');
    expect(nextInterviewState('awaiting_pick', { kind: 'confirm' })).toBeNull();
    expect(nextInterviewState('awaiting_pick', { kind: 'decline' })).toBe('declined');
  });

  it('does not confirm twice, nor answer after a decline', () => {
    expect(nextInterviewState('confirmed', { kind: 'confirm' })).toBeNull();
    expect(nextInterviewState('confirmed', { kind: 'pick' })).toBeNull();
    expect(nextInterviewState('declined', { kind: 'confirm' })).toBeNull();
    expect(nextInterviewState('declined', { kind: 'decline' })).toBeNull();
    expect(nextInterviewState('confirmed', { kind: 'decline' })).toBe('declined');
  });

  it('reschedules (re-invites) from every state but cancelled, and cancelled is final', () => {
    for (const state of states) {
      const fixed = nextInterviewState(state, { kind: 'reschedule', selfSchedule: false });
      const slots = nextInterviewState(state, { kind: 'reschedule', selfSchedule: true });
      const cancel = nextInterviewState(state, { kind: 'cancel' });
      if (state === 'cancelled') expect([fixed, slots, cancel]).toEqual([null, null, null]);
      else expect([fixed, slots, cancel]).toEqual(['invited', 'awaiting_pick', 'cancelled']);
    }
    expect(nextInterviewState('cancelled', { kind: 'confirm' })).toBeNull();
  });
});

describe('reply keywords', () => {
  const cases: [string, string, 'confirm' | 'decline' | null][] = [
    ['en', '1', 'confirm'],
    ['en', ' yes! ', 'confirm'],
    ['en', 'No.', 'decline'],
    ['en', '2', 'decline'],
    ['de', 'Ja', 'confirm'],
    ['de', 'NEIN', 'decline'],
    ['fr', 'oui', 'confirm'],
    ['fr', 'Non !', 'decline'],
    ['es', 'Sí', 'confirm'],
    ['es', 'si', 'confirm'],
    ['es', '¡SÍ!', 'confirm'],
    ['es', 'no', 'decline'],
    ['nl', 'ja', 'confirm'],
    ['nl', 'nee', 'decline'],
    // English YES/NO are read in every language; another language's own word is not.
    ['de', 'yes', 'confirm'],
    ['en', 'ja', null],
    ['fr', 'nein', null],
    // Whole message only.
    ['en', 'yes but can we do 3pm?', null],
    ['en', '12', null],
    ['en', '', null],
    ['en', 'STOP', null],
  ];
  it.each(cases)('%s: %j → %s', (language, body, expected) => {
    expect(parseInterviewReply(body, language)).toBe(expected);
  });

  it('reads a language tag by its base and an unknown language as English', () => {
    expect(parseInterviewReply('ja', 'de-AT')).toBe('confirm');
    expect(parseInterviewReply('yes', 'pt')).toBe('confirm');
    expect(parseInterviewReply('sim', 'pt')).toBeNull();
  });

  it('tells an answer word in any language from an ordinary message', () => {
    for (const body of ['1', ' Yes!', 'nein.', 'Sí', 'oui', 'Nee', '¿no?']) expect(mayAnswerInterview(body), body).toBe(true);
    for (const body of ['Bench reply', 'yes please', '12', '', 'STOP', 'sim']) expect(mayAnswerInterview(body), body).toBe(false);
  });

  it('counts only while an invitation waits for it', () => {
    expect(replyEvent('invited', 'confirm')).toEqual({ kind: 'confirm' });
    expect(replyEvent('awaiting_pick', 'confirm')).toBeNull();
    expect(replyEvent('awaiting_pick', 'decline')).toEqual({ kind: 'decline' });
    expect(replyEvent('confirmed', 'confirm')).toBeNull();
    expect(replyEvent('confirmed', 'decline')).toBeNull();
    expect(replyEvent('cancelled', 'decline')).toBeNull();
  });
});

describe('slots', () => {
  const now = at('2026-06-01T08:00:00Z');

  it('cuts a range into back-to-back slots that end by its end', () => {
    const plan = slotsFromRange({ from: at('2026-06-02T09:00:00Z'), to: at('2026-06-02T11:00:00Z') }, 45, now, 30);
    expect(plan).toEqual({ ok: true, starts: [at('2026-06-02T09:00:00Z'), at('2026-06-02T09:45:00Z')] });
  });

  it('steps by the given step and skips starts in the past', () => {
    const plan = slotsFromRange({ from: at('2026-06-01T07:00:00Z'), to: at('2026-06-01T10:00:00Z'), stepMinutes: 60 }, 30, now, 30);
    expect(plan).toEqual({ ok: true, starts: [at('2026-06-01T08:00:00Z'), at('2026-06-01T09:00:00Z')] });
  });

  it('refuses a range with no slot or too many', () => {
    expect(slotsFromRange({ from: at('2026-06-02T09:00:00Z'), to: at('2026-06-02T09:20:00Z') }, 30, now, 30).ok).toBe(false);
    const many = slotsFromRange({ from: at('2026-06-02T00:00:00Z'), to: at('2026-06-03T00:00:00Z') }, 15, now, 30);
    expect(many).toEqual({ ok: false, message: expect.stringContaining('more than 30') });
  });

  it('sorts listed starts and refuses duplicates and the past', () => {
    expect(slotsFromStarts([at('2026-06-03T09:00:00Z'), at('2026-06-02T09:00:00Z')], now)).toEqual({
      ok: true,
      starts: [at('2026-06-02T09:00:00Z'), at('2026-06-03T09:00:00Z')],
    });
    expect(slotsFromStarts([at('2026-06-02T09:00:00Z'), at('2026-06-02T09:00:00Z')], now).ok).toBe(false);
    expect(slotsFromStarts([at('2026-05-31T09:00:00Z')], now).ok).toBe(false);
  });

  it('treats intervals as half-open', () => {
    const nine = { start: at('2026-06-02T09:00:00Z'), end: at('2026-06-02T10:00:00Z') };
    expect(overlaps(nine, { start: at('2026-06-02T10:00:00Z'), end: at('2026-06-02T11:00:00Z') })).toBe(false);
    expect(overlaps(nine, { start: at('2026-06-02T09:59:00Z'), end: at('2026-06-02T11:00:00Z') })).toBe(true);
    expect(overlaps(nine, { start: at('2026-06-02T08:00:00Z'), end: at('2026-06-02T12:00:00Z') })).toBe(true);
  });
});

describe('reminder instants across DST (pinned instants)', () => {
  // EU 2026: clocks go forward on 29 March at 01:00 UTC and back on 25 October at 01:00 UTC.
  // US 2026: forward on 8 March at 07:00 UTC (02:00 EST), back on 1 November at 06:00 UTC (02:00 EDT).
  it('Europe/Berlin, March: 24 h before 10:00 CEST on Monday 30 March is 10:00 CEST on the Sunday', () => {
    const start = zonedInstant('2026-03-30', '10:00', 'Europe/Berlin');
    expect(start.toISOString()).toBe('2026-03-30T08:00:00.000Z');
    const due = reminderDueAt(start, 24 * 60);
    expect(due.toISOString()).toBe('2026-03-29T08:00:00.000Z');
    // 24 real hours: on the Sunday (already CEST since 03:00) that is 10:00 local.
    expect(wallTimeOf(due, 'Europe/Berlin')).toEqual({ date: '2026-03-29', time: '10:00' });
  });

  it('Europe/Berlin, March: 24 h before 10:00 CEST on the Sunday of the change is 09:00 CET on Saturday', () => {
    const start = zonedInstant('2026-03-29', '10:00', 'Europe/Berlin');
    expect(start.toISOString()).toBe('2026-03-29T08:00:00.000Z');
    const due = reminderDueAt(start, 24 * 60);
    expect(due.toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(wallTimeOf(due, 'Europe/Berlin')).toEqual({ date: '2026-03-28', time: '09:00' });
  });

  it('Europe/Berlin, October: 02:30 on the night clocks go back is the first 02:30 (CEST); 1 h before is 01:30', () => {
    // 02:30 happens twice on 25 October; a time entered as 02:30 is the first one (CEST).
    const start = zonedInstant('2026-10-25', '02:30', 'Europe/Berlin');
    expect(start.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    const due = reminderDueAt(start, 60);
    expect(due.toISOString()).toBe('2026-10-24T23:30:00.000Z');
    expect(wallTimeOf(due, 'Europe/Berlin')).toEqual({ date: '2026-10-25', time: '01:30' });
    // 24 h before 10:00 CET on the Monday after the change: 11:00 local on the Sunday.
    const monday = zonedInstant('2026-10-26', '10:00', 'Europe/Berlin');
    expect(monday.toISOString()).toBe('2026-10-26T09:00:00.000Z');
    expect(wallTimeOf(reminderDueAt(monday, 24 * 60), 'Europe/Berlin')).toEqual({ date: '2026-10-25', time: '10:00' });
  });

  it('America/New_York, March: a time in the skipped hour moves past the gap; 1 h before 03:30 EDT is 01:30 EST', () => {
    expect(zonedInstant('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z');
    const start = zonedInstant('2026-03-08', '03:30', 'America/New_York');
    expect(start.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    const due = reminderDueAt(start, 60);
    expect(due.toISOString()).toBe('2026-03-08T06:30:00.000Z');
    expect(wallTimeOf(due, 'America/New_York')).toEqual({ date: '2026-03-08', time: '01:30' });
  });

  it('America/New_York, November: 24 h before 09:00 EST on Monday 2 November is 09:00 EST on the Sunday (already EST)', () => {
    const start = zonedInstant('2026-11-02', '09:00', 'America/New_York');
    expect(start.toISOString()).toBe('2026-11-02T14:00:00.000Z');
    const due = reminderDueAt(start, 24 * 60);
    expect(due.toISOString()).toBe('2026-11-01T14:00:00.000Z');
    expect(wallTimeOf(due, 'America/New_York')).toEqual({ date: '2026-11-01', time: '09:00' });
  });
});

describe('what the candidate reads', () => {
  it('writes the date in their language and names the zone with the time', () => {
    const start = at('2026-03-30T08:00:00Z');
    expect(candidateTime(start, 'Europe/Berlin', 'de')).toEqual({ date: 'Montag, 30. März 2026', time: '10:00 (Europe/Berlin)', timezone: 'Europe/Berlin' });
    expect(candidateTime(start, 'America/New_York', 'en')).toEqual({
      date: 'Monday, March 30, 2026',
      time: '04:00 (America/New York)',
      timezone: 'America/New York',
    });
  });

  it('lets a hold count only when it ends before the start', () => {
    const start = at('2026-06-02T08:00:00Z');
    expect(holdArrivesBefore(at('2026-06-02T06:00:00Z'), start)).toBe(true);
    expect(holdArrivesBefore(start, start)).toBe(false);
  });
});
