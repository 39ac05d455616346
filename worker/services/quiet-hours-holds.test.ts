/**
 * What happens to a message after it was held for quiet hours: Retry at night holds it again,
 * new quiet hours re-time every hold they apply to (and an open panel hears of it), and a
 * recruiter who lost their seat meanwhile does not send it at release.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentingCandidate, cron, delivered, demoUsersUnderQuietHoursAt, FEDERAL_QUIET_HOURS, LATE_EVENING, MORNING } from '../../test/worker/quiet-hours.ts';
import { authed, call, count, DEMO, env, outboxSettled, seedOtherTenant, clock, pinClock } from '../../test/worker/support.ts';
import { releaseDueHolds } from './quiet-hours.ts';

type Msg = { id: string; status: string; failureReason: string | null; senderUserId: string | null; seq: number; sendAt?: string; sendAtTimeZone?: string };

// LATE_EVENING is 23:00 on Friday in San Francisco, MORNING its 08:00. The next evening, 23:00 on Saturday in San Francisco, and the Sunday morning after it.
const NEXT_EVENING = '2026-11-21T07:00:00.000Z';
const NEXT_MORNING = '2026-11-21T16:00:00.000Z';
const users = demoUsersUnderQuietHoursAt(LATE_EVENING);

async function setQuietHours(
  defaultQuietHours: { start: string; end: string },
  countries: { country: string; quietHours: { start: string; end: string } }[] = [],
) {
  const body = { defaultOptIn: 'double', defaultQuietHours, countries: countries.map((row) => ({ ...row, optIn: 'double' })) };
  const response = await call('/v1/compliance-settings', authed(users.admin, 'PUT', body));
  expect(response.status).toBe(200);
}

const candidate = (atsId: string, phone: string) => consentingCandidate(users.rita, atsId, phone);

async function send(candidateId: string, body: string): Promise<Msg> {
  const response = await call(`/v1/candidates/${candidateId}/messages`, authed(users.rita, 'POST', { channel: 'sms', body }));
  expect(response.status).toBe(201);
  return (await response.json()) as Msg;
}

const thread = async (candidateId: string, after = 0) =>
  ((await (await call(`/v1/candidates/${candidateId}/messages?channel=sms&after=${after}`, authed(users.rita))).json()) as { messages: Msg[] }).messages;
const stored = async (candidateId: string, id: string) => (await thread(candidateId)).find((m) => m.id === id)!;
const updateEvents = (messageId: string) => count('events', `kind = 'message.updated' AND json_extract(payload, '$.messageId') = ?`, messageId);
const outboxOf = (messageId: string) =>
  env.DB.prepare(`SELECT state, created_at FROM outbox WHERE message_id = ?`).bind(messageId).first<{ state: string; created_at: string }>();
const retry = (token: string, messageId: string) => call(`/v1/messages/${messageId}/retry`, authed(token, 'POST'));
const setSeat = async (userId: string, seat: boolean) => expect((await call(`/v1/users/${userId}`, authed(users.admin, 'PATCH', { seat }))).status).toBe(200);

describe('a held message whose recruiter lost their seat, retried at night by someone with one', () => {
  let candidateId: string;
  let held: Msg;
  const body = 'Holds: seat revoked while held';

  it('fails at release with the reason, and nothing reaches the phone', async () => {
    pinClock(LATE_EVENING);
    candidateId = await candidate('c-hold-seat', '+14155550170');
    held = await send(candidateId, body);
    expect(held).toMatchObject({ status: 'scheduled', sendAt: MORNING });
    await setSeat(DEMO.recruiter.id, false);

    pinClock(MORNING);
    await cron(MORNING);
    await outboxSettled();
    expect(await stored(candidateId, held.id)).toMatchObject({
      status: 'failed',
      failureReason: 'Not sent: Rita Ortiz no longer has a Parley seat. Someone with a seat can retry it.',
    });
    expect(await delivered(body)).toBe(0);
    // Nor can she send it again herself.
    expect((await retry(users.rita, held.id)).status).toBe(403);
  });

  it('a Retry at night holds it again until morning, under the retrying recruiter’s name: one of two clicks wins', async () => {
    pinClock(NEXT_EVENING);
    const clicks = await Promise.all([retry(users.admin, held.id), retry(users.admin, held.id)]);
    expect(clicks.map((r) => r.status).sort()).toEqual([200, 409]);
    const retried = (await clicks.find((r) => r.status === 200)!.json()) as Msg;
    expect(retried).toMatchObject({
      status: 'scheduled',
      failureReason: null,
      sendAt: NEXT_MORNING,
      sendAtTimeZone: 'America/Los_Angeles',
      senderUserId: DEMO.admin.id,
    });
    // A held message has no outbox row: the failed one went with the retry.
    expect(await outboxOf(held.id)).toBeNull();
    await outboxSettled();
    expect(await delivered(body)).toBe(0);
  });

  it('is not released before its time, then is released with a fresh outbox row and sent exactly once', async () => {
    pinClock('2026-11-21T15:59:00Z');
    await cron('2026-11-21T15:59:00Z');
    expect((await stored(candidateId, held.id)).status).toBe('scheduled');

    pinClock(NEXT_MORNING);
    expect(await releaseDueHolds(env, new Date(NEXT_MORNING))).toMatchObject({ released: 1, failed: 0 });
    expect(['queued', 'sent']).toContain((await stored(candidateId, held.id)).status);
    expect((await outboxOf(held.id))?.created_at).toBe(NEXT_MORNING);
    await cron('2026-11-21T16:01:00Z');
    await outboxSettled();
    expect(await delivered(body)).toBe(1);
    expect(await stored(candidateId, held.id)).toMatchObject({ status: 'sent', senderUserId: DEMO.admin.id });
  });

  afterAll(() => setSeat(DEMO.recruiter.id, true));
});

describe('Retry of a message the provider reported failed', () => {
  it('at night waits for morning instead of going out at once, and is then sent once more', async () => {
    pinClock('2026-11-22T18:00:00Z'); // 10:00 in San Francisco
    const candidateId = await candidate('c-hold-provider', '+14155550171');
    const body = 'Holds: failed at the provider';
    const sent = await send(candidateId, body);
    expect(sent.status).toBe('queued');
    await outboxSettled();
    // As the provider's "failed" status callback writes it: the outbox row stays done.
    await env.DB.prepare(`UPDATE messages SET status = 'failed', failure_reason = 'Unreachable handset.' WHERE id = ?`).bind(sent.id).run();
    expect((await outboxOf(sent.id))?.state).toBe('done');

    pinClock('2026-11-23T06:30:00Z'); // 22:30
    const retried = await retry(users.rita, sent.id);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ status: 'scheduled', sendAt: '2026-11-23T16:00:00.000Z' });
    await outboxSettled();
    expect(await delivered(body)).toBe(1);

    pinClock('2026-11-23T16:00:00Z');
    await cron('2026-11-23T16:00:00Z');
    await outboxSettled();
    expect(await delivered(body)).toBe(2);
    expect((await stored(candidateId, sent.id)).status).toBe('sent');
  });
});

describe('new quiet hours move the messages already held', () => {
  const EVENING = '2026-11-24T07:00:00.000Z'; // 23:00 in San Francisco, 08:00 in Berlin
  let us: { candidateId: string; held: Msg };
  let de: { candidateId: string; held: Msg };
  let otherTenantHold: string;

  beforeAll(async () => {
    pinClock('2026-11-24T05:30:00Z'); // 21:30 in San Francisco, 06:30 in Berlin
    const usCandidate = await candidate('c-hold-retime-us', '+14155550172');
    const deCandidate = await candidate('c-hold-retime-de', '+4915123456172');
    us = { candidateId: usCandidate, held: await send(usCandidate, 'Holds: re-timed in the US') };
    de = { candidateId: deCandidate, held: await send(deCandidate, 'Holds: Berlin keeps its time') };
    expect(us.held).toMatchObject({ status: 'scheduled', sendAt: '2026-11-24T16:00:00.000Z' });
    expect(de.held).toMatchObject({ status: 'scheduled', sendAt: '2026-11-24T07:00:00.000Z' }); // 08:00 CET

    // Another tenant's hold, for a US number too, under its own (default) quiet hours.
    const other = await seedOtherTenant();
    otherTenantHold = 'msg_other_hold';
    const now = clock.now().toISOString();
    await env.DB.batch([
      env.DB.prepare(`INSERT INTO conversations (id, tenant_id, candidate_id, channel, created_at) VALUES ('conv_other', 'ten_other', ?, 'sms', ?)`).bind(
        other.candidateId,
        now,
      ),
      env.DB.prepare(
        `INSERT INTO messages (id, tenant_id, conversation_id, direction, body, status, integration_id, from_number, to_number, created_at, updated_at, send_at, send_at_zone)
         VALUES (?, 'ten_other', 'conv_other', 'outbound', 'Other tenant hold', 'scheduled', ?, '+14155550100', '+14155550199', ?, ?, '2026-11-24T16:00:00.000Z', 'America/Los_Angeles')`,
      ).bind(otherTenantHold, DEMO.integrationId, now, now),
    ]);
  });

  const sendAtOf = async (id: string) => (await env.DB.prepare(`SELECT send_at FROM messages WHERE id = ?`).bind(id).first<{ send_at: string }>())?.send_at;

  it('loosened: earlier, and an open panel hears of it and finds the new time among the changes since its cursor', async () => {
    pinClock(EVENING);
    const [before] = (await thread(us.candidateId)).filter((m) => m.id === us.held.id);
    const events = await updateEvents(us.held.id);
    await setQuietHours(FEDERAL_QUIET_HOURS, [{ country: 'US', quietHours: { start: '22:00', end: '06:00' } }]);
    expect(await updateEvents(us.held.id)).toBe(events + 1);
    const changed = await thread(us.candidateId, before!.seq);
    expect(changed.map((m) => [m.id, m.status, m.sendAt])).toEqual([[us.held.id, 'scheduled', '2026-11-24T14:00:00.000Z']]);
  });

  it('tightened: later', async () => {
    await setQuietHours(FEDERAL_QUIET_HOURS, [{ country: 'US', quietHours: { start: '20:00', end: '09:00' } }]);
    expect(await stored(us.candidateId, us.held.id)).toMatchObject({
      status: 'scheduled',
      sendAt: '2026-11-24T17:00:00.000Z',
      sendAtTimeZone: 'America/Los_Angeles',
    });
  });

  it('holds under quiet hours that did not change, and another tenant’s holds, keep their time', async () => {
    expect(await sendAtOf(de.held.id)).toBe('2026-11-24T07:00:00.000Z');
    expect(await sendAtOf(otherTenantHold)).toBe('2026-11-24T16:00:00.000Z');
    expect(await updateEvents(de.held.id)).toBe(0);
  });

  it('turned off: due now, sent by the next cron run and not by the settings request', async () => {
    const events = await updateEvents(us.held.id);
    await setQuietHours(FEDERAL_QUIET_HOURS, [{ country: 'US', quietHours: { start: '00:00', end: '00:00' } }]);
    expect(await stored(us.candidateId, us.held.id)).toMatchObject({ status: 'scheduled', sendAt: EVENING });
    expect(await updateEvents(us.held.id)).toBe(events + 1);
    await outboxSettled();
    expect(await delivered('Holds: re-timed in the US')).toBe(0);
    expect(await sendAtOf(otherTenantHold)).toBe('2026-11-24T16:00:00.000Z');

    await cron(EVENING);
    await outboxSettled();
    expect(await delivered('Holds: re-timed in the US')).toBe(1);
  });
});
