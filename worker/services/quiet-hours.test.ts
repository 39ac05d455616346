import { beforeEach, describe, expect, it } from 'vitest';
import { signSandboxBody } from '../providers/sandbox.ts';
import { consentingCandidate, cron, delivered, demoUsersUnderQuietHoursAt, LATE_EVENING, MORNING } from '../../test/worker/quiet-hours.ts';
import { authed, call, count, DEMO, env, outboxSettled, seedOtherTenant, signIn, pinClock } from '../../test/worker/support.ts';
import { releaseDueHolds } from './quiet-hours.ts';

type Msg = { id: string; status: string; failureReason: string | null; createdAt: string; sendAt?: string; sendAtTimeZone?: string };

const users = demoUsersUnderQuietHoursAt(LATE_EVENING);

// Each test starts on the evening before the morning the previous one ended in: the clock steps
// back, which a real sender never sees. Its pacing bookings, made in that morning, would lie in
// the new present's future and hold every send for hours; a sender at that evening had none.
beforeEach(async () => {
  await env.DB.prepare('DELETE FROM send_pacing').run();
});

/** A San Francisco candidate with consent on the channel and a thread of their own. */
const candidate = (atsId: string, phone = '+14155550160', channel: 'sms' | 'whatsapp' = 'sms') => consentingCandidate(users.rita, atsId, phone, channel);

async function send(candidateId: string, body: string, channel: 'sms' | 'whatsapp' = 'sms'): Promise<Msg> {
  const response = await call(`/v1/candidates/${candidateId}/messages`, authed(users.rita, 'POST', { channel, body }));
  expect(response.status).toBe(201);
  return (await response.json()) as Msg;
}

const stored = async (candidateId: string, id: string, channel: 'sms' | 'whatsapp' = 'sms') =>
  ((await (await call(`/v1/candidates/${candidateId}/messages?channel=${channel}`, authed(users.rita))).json()) as { messages: Msg[] }).messages.find(
    (m) => m.id === id,
  )!;
const cancel = (token: string, messageId: string) => call(`/v1/messages/${messageId}/cancel`, authed(token, 'POST'));

async function reply(from: string, body: string, channel: 'sms' | 'whatsapp' = 'sms') {
  const raw = JSON.stringify({ messageId: `sbx_${crypto.randomUUID()}`, channel, from, to: '+14155550100', body });
  const response = await call(`/webhooks/sandbox/${DEMO.integrationId}`, {
    method: 'POST',
    headers: { 'X-Sandbox-Signature': await signSandboxBody(DEMO.sandboxWebhookSecret, raw) },
    body: raw,
  });
  expect(response.status).toBe(200);
}

describe('a message composed in the candidate’s quiet hours', () => {
  let candidateId: string;
  let held: Msg;

  it('is stored scheduled with the instant of their 08:00, and nothing reaches the phone', async () => {
    candidateId = await candidate('c-qh-1');
    held = await send(candidateId, 'Quiet hours: are you free tomorrow?');
    // The fake clock reaches the worker's code: the message was written at the chosen instant.
    expect(held.createdAt).toBe(LATE_EVENING);
    expect(held).toMatchObject({ status: 'scheduled', sendAt: MORNING, sendAtTimeZone: 'America/Los_Angeles' });
    expect(await count('outbox', 'message_id = ?', held.id)).toBe(0);
    await outboxSettled();
    expect(await delivered('Quiet hours: are you free tomorrow?')).toBe(0);
  });

  it('is not released by a cron run before its time', async () => {
    pinClock('2026-11-20T15:59:00Z');
    await cron('2026-11-20T15:59:00Z');
    expect((await stored(candidateId, held.id)).status).toBe('scheduled');
  });

  it('is sent exactly once when its time comes, even by two overlapping cron runs', async () => {
    pinClock(MORNING);
    const events = () => count('events', `kind = 'message.updated' AND json_extract(payload, '$.messageId') = ?`, held.id);
    const outcomes = await Promise.all([releaseDueHolds(env, new Date(MORNING)), releaseDueHolds(env, new Date(MORNING))]);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.released, 0)).toBe(1);
    await cron('2026-11-20T16:01:00Z');
    await outboxSettled();
    expect(await delivered('Quiet hours: are you free tomorrow?')).toBe(1);
    expect(['sent', 'delivered']).toContain((await stored(candidateId, held.id)).status);
    // Each status move is a realtime event, which is what refreshes an open panel.
    expect(await events()).toBeGreaterThanOrEqual(2);
  });
});

describe('while a message is held', () => {
  it('STOP from the candidate makes it fail with the reason at release, and nothing is sent; after START it can be retried', async () => {
    pinClock(LATE_EVENING);
    const candidateId = await candidate('c-qh-stop', '+14155550161');
    const held = await send(candidateId, 'Quiet hours: held then stopped');
    expect(held.status).toBe('scheduled');
    await reply('+14155550161', 'STOP');
    pinClock(MORNING);
    await cron(MORNING);
    await outboxSettled();
    const after = await stored(candidateId, held.id);
    expect(after.status).toBe('failed');
    expect(after.failureReason).toBe('Not sent: The candidate withdrew consent to SMS messages.');
    expect(await delivered('Quiet hours: held then stopped')).toBe(0);

    // Like any failed message it can be retried once the candidate subscribes again.
    await reply('+14155550161', 'START');
    const retried = await call(`/v1/messages/${held.id}/retry`, authed(users.rita, 'POST'));
    expect(retried.status).toBe(200);
    await outboxSettled();
    expect(await delivered('Quiet hours: held then stopped')).toBe(1);
  });

  it('a WhatsApp text whose 24-hour window closes during the night fails at release with the reason', async () => {
    pinClock('2026-11-19T09:00:00Z'); // the candidate writes at 01:00 their time
    const candidateId = await candidate('c-qh-window', '+14155550166', 'whatsapp');
    await reply('+14155550166', 'Hi, any news?', 'whatsapp');
    pinClock(LATE_EVENING); // 22 hours later: the window is open, and it is night
    const held = await send(candidateId, 'Quiet hours: WhatsApp window', 'whatsapp');
    expect(held.status).toBe('scheduled');
    pinClock(MORNING); // 31 hours after the candidate wrote
    await cron(MORNING);
    await outboxSettled();
    const after = await stored(candidateId, held.id, 'whatsapp');
    expect(after.status).toBe('failed');
    expect(after.failureReason).toMatch(/^Not sent: .*24/);
    expect(await delivered('Quiet hours: WhatsApp window')).toBe(0);
  });

  it('the recruiter can cancel it; a later cron sends nothing; a second cancel is refused', async () => {
    pinClock(LATE_EVENING);
    const candidateId = await candidate('c-qh-cancel', '+14155550162');
    const held = await send(candidateId, 'Quiet hours: cancelled');
    const before = await count('events', `kind = 'message.updated' AND json_extract(payload, '$.messageId') = ?`, held.id);
    const cancelled = await cancel(users.rita, held.id);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ id: held.id, status: 'cancelled' });
    expect(await count('events', `kind = 'message.updated' AND json_extract(payload, '$.messageId') = ?`, held.id)).toBe(before + 1);
    pinClock(MORNING);
    await cron(MORNING);
    await outboxSettled();
    expect((await stored(candidateId, held.id)).status).toBe('cancelled');
    expect(await delivered('Quiet hours: cancelled')).toBe(0);
    const again = await cancel(users.rita, held.id);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'conflict',
      message: 'This message was already cancelled.',
    });
  });

  it('a message already sent cannot be cancelled, and another tenant cannot see it', async () => {
    pinClock(MORNING); // 08:00 in San Francisco: sent at once
    const candidateId = await candidate('c-qh-sent', '+14155550163');
    const sent = await send(candidateId, 'Quiet hours: daytime');
    expect(sent.status).toBe('queued');
    expect(sent.sendAt).toBeUndefined();
    await outboxSettled();
    const refused = await cancel(users.rita, sent.id);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/already (sent|delivered)/);

    pinClock(LATE_EVENING);
    const held = await send(candidateId, 'Quiet hours: other tenant');
    const other = await seedOtherTenant();
    await env.DB.prepare(`UPDATE users SET has_seat = 1 WHERE email = ?`).bind(other.email).run();
    expect((await cancel(await signIn(other.email), held.id)).status).toBe(404);
    expect((await stored(candidateId, held.id)).status).toBe('scheduled');
  });
});

describe('which sends are held', () => {
  it('not a reply within the hour of the candidate writing', async () => {
    pinClock('2026-11-20T06:50:00Z'); // 22:50 in San Francisco
    const candidateId = await candidate('c-qh-chat', '+14155550164');
    await reply('+14155550164', 'Sorry, only now saw your text');
    pinClock(LATE_EVENING);
    expect((await send(candidateId, 'Quiet hours: no problem, thanks')).status).toBe('queued');
    await outboxSettled();
  });

  it('by the quiet hours of the number’s country when the admin set them, else the default', async () => {
    const put = await call(
      '/v1/compliance-settings',
      authed(users.admin, 'PUT', {
        defaultOptIn: 'double',
        defaultQuietHours: { start: '21:00', end: '08:00' },
        countries: [{ country: 'US', optIn: 'double', quietHours: { start: '20:00', end: '09:00' } }],
      }),
    );
    expect(put.status).toBe(200);
    pinClock('2026-11-21T04:30:00Z'); // 20:30 in San Francisco
    const held = await send(await candidate('c-qh-country', '+14155550165'), 'Quiet hours: by country');
    expect(held).toMatchObject({ status: 'scheduled', sendAt: '2026-11-21T17:00:00.000Z' }); // 09:00 PST
  });
});

describe('quiet hours in Global Compliance', () => {
  it('are returned per country and for the default; bad times are refused with 422 and change nothing', async () => {
    const before = await (await call('/v1/compliance-settings', authed(users.rita))).json();
    expect(before).toEqual({
      defaultOptIn: 'double',
      defaultQuietHours: { start: '21:00', end: '08:00' },
      countries: [{ country: 'US', optIn: 'double', quietHours: { start: '20:00', end: '09:00' } }],
      privacyUrl: null,
    });
    for (const bad of [
      { defaultOptIn: 'double', defaultQuietHours: { start: '25:00', end: '08:00' }, countries: [] },
      { defaultOptIn: 'double', defaultQuietHours: { start: '21:00' }, countries: [] },
      { defaultOptIn: 'double', countries: [{ country: 'FR', optIn: 'single', quietHours: { start: '8:00', end: '20:00' } }] },
    ]) {
      const response = await call('/v1/compliance-settings', authed(users.admin, 'PUT', bad));
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
    }
    expect(await (await call('/v1/compliance-settings', authed(users.rita))).json()).toEqual(before);
  });

  it('left out of a save, keep what was stored; a new country gets the default’s', async () => {
    const put = await call(
      '/v1/compliance-settings',
      authed(users.admin, 'PUT', {
        defaultOptIn: 'single',
        countries: [
          { country: 'US', optIn: 'single' },
          { country: 'FR', optIn: 'double' },
        ],
      }),
    );
    expect(await put.json()).toEqual({
      defaultOptIn: 'single',
      defaultQuietHours: { start: '21:00', end: '08:00' },
      countries: [
        { country: 'FR', optIn: 'double', quietHours: { start: '21:00', end: '08:00' } },
        { country: 'US', optIn: 'single', quietHours: { start: '20:00', end: '09:00' } },
      ],
      privacyUrl: null,
    });
  });
});
