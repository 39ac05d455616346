/**
 * Interviews across daylight-saving changes, at pinned instants: the invitation names the
 * candidate's local time and zone, and the reminders fall due (and are sent) at the right UTC
 * instant — Europe/Berlin in March and October, America/New_York in March and November 2026.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Interview } from '../../shared/api/interviews.ts';
import { zonedInstant } from '../../shared/domain/interviews.ts';
import { authed, call, env, pinClock, seedDemo, signIn } from '../../test/worker/support.ts';
import { sendDueReminders } from './interview-reminders.ts';

const ADA = 'cand_demo_c1001';
let rita: string;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  pinClock('2026-03-01T12:00:00Z');
  await seedDemo();
});
afterAll(() => {
  vi.useRealTimers();
});

async function schedule(start: Date, zone: string, language: string): Promise<Interview> {
  const response = await call(
    '/v1/interviews',
    authed(rita, 'POST', {
      candidateId: ADA,
      title: 'Interview',
      channel: 'sms',
      candidateTimeZone: zone,
      language,
      time: { kind: 'fixed', startsAt: start.toISOString(), durationMinutes: 45 },
      reminders: [{ offsetMinutes: 24 * 60 }, { offsetMinutes: 60 }],
    }),
  );
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Interview;
}
const bodyOf = async (id: string | null) => (await env.DB.prepare(`SELECT body FROM messages WHERE id = ?`).bind(id).first<{ body: string }>())?.body ?? '';
const reminders = async (id: string) => ((await (await call(`/v1/interviews/${id}`, authed(rita))).json()) as Interview).reminders;

const cases = [
  // EU: summer time from 29 March 01:00 UTC; an interview on the Monday after, 24 h before is on the changing Sunday.
  {
    zone: 'Europe/Berlin',
    language: 'de',
    scheduleAt: '2026-03-20T09:00:00Z',
    date: '2026-03-30',
    time: '10:00',
    start: '2026-03-30T08:00:00.000Z',
    text: 'Montag, 30. März 2026',
  },
  // EU: winter time from 25 October 01:00 UTC.
  {
    zone: 'Europe/Berlin',
    language: 'en',
    scheduleAt: '2026-10-20T09:00:00Z',
    date: '2026-10-26',
    time: '10:00',
    start: '2026-10-26T09:00:00.000Z',
    text: 'Monday, October 26, 2026',
  },
  // US: daylight time from 8 March 07:00 UTC.
  {
    zone: 'America/New_York',
    language: 'es',
    scheduleAt: '2026-03-02T15:00:00Z',
    date: '2026-03-09',
    time: '09:00',
    start: '2026-03-09T13:00:00.000Z',
    text: 'lunes, 9 de marzo de 2026',
  },
  // US: standard time from 1 November 06:00 UTC.
  {
    zone: 'America/New_York',
    language: 'en',
    scheduleAt: '2026-10-27T15:00:00Z',
    date: '2026-11-02',
    time: '09:00',
    start: '2026-11-02T14:00:00.000Z',
    text: 'Monday, November 2, 2026',
  },
];

describe.each(cases)('$zone, $date $time local', ({ zone, language, scheduleAt, date, time, start, text }) => {
  it('invites at the local time naming the zone, and sends each reminder at its UTC instant, not a minute before', async () => {
    pinClock(scheduleAt);
    // Months apart: a session from the previous instant would have expired.
    rita = await signIn();
    const startsAt = zonedInstant(date, time, zone);
    expect(startsAt.toISOString()).toBe(start);
    const interview = await schedule(startsAt, zone, language);
    const invitation = await bodyOf(interview.lastMessageId);
    expect(invitation).toContain(text);
    expect(invitation).toContain(`${time} (${zone.replace('_', ' ')})`);

    const dayBefore = new Date(startsAt.getTime() - 24 * 3_600_000);
    const hourBefore = new Date(startsAt.getTime() - 3_600_000);
    expect((await reminders(interview.id)).map((r) => r.dueAt)).toEqual([dayBefore.toISOString(), hourBefore.toISOString()]);

    expect(await sendDueReminders(env, new Date(dayBefore.getTime() - 60_000))).toEqual({ sent: 0, skipped: 0 });
    expect(await sendDueReminders(env, dayBefore)).toEqual({ sent: 1, skipped: 0 });
    expect(await sendDueReminders(env, new Date(hourBefore.getTime() - 60_000))).toEqual({ sent: 0, skipped: 0 });
    expect(await sendDueReminders(env, hourBefore)).toEqual({ sent: 1, skipped: 0 });
    expect((await reminders(interview.id)).map((r) => r.state)).toEqual(['sent', 'sent']);
    // The reminder names the same local time.
    const sent = await reminders(interview.id);
    expect(await bodyOf(sent[0]!.messageId)).toContain(`${time} (${zone.replace('_', ' ')})`);
  });
});

describe('a reply in the invitation’s language', () => {
  it('"Ja" confirms a German invitation; "nee" declines a Dutch one', async () => {
    // After the cases above: a reply answers the candidate's latest invitation waiting on the channel.
    pinClock('2026-12-01T09:00:00Z');
    rita = await signIn();
    const reply = (body: string) =>
      call('/sandbox/phone/%2B14155550101/reply', {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ body, to: '+14155550100', channel: 'sms', integrationId: 'int_demo_sandbox' }),
      });
    const german = await schedule(new Date('2026-12-08T08:00:00Z'), 'Europe/Berlin', 'de');
    expect(await bodyOf(german.lastMessageId)).toContain('Antworten Sie 1 oder JA');
    await reply('Ja');
    expect(((await (await call(`/v1/interviews/${german.id}`, authed(rita))).json()) as Interview).state).toBe('confirmed');
    const dutch = await schedule(new Date('2026-12-09T08:00:00Z'), 'Europe/Amsterdam', 'nl');
    await reply('nee');
    expect(((await (await call(`/v1/interviews/${dutch.id}`, authed(rita))).json()) as Interview).state).toBe('declined');
  });
});
