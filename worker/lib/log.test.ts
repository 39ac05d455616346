/**
 * What the worker logs over a full cycle — sign-in, a send through the queue to Twilio, its status
 * callback, the candidate's reply, a password reset and a consent request with their link pages —
 * and over its error paths (a request, a queue batch and a cron run while D1 fails): every line is
 * one JSON object with the id of what caused it, and none carries a message body, a token or a
 * credential.
 */
import { createMessageBatch, createScheduledController } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectTwilio, type TwilioAccount, twilioAccount } from '../../test/worker/providers.ts';
import { authed, call, callSettled, clock, DEMO, demoContext, env, outboxSettled, seedDemo, signIn } from '../../test/worker/support.ts';
import { createApi } from '../app.ts';
import type { OutboundJob } from '../env.ts';
import worker from '../index.ts';

const lines: string[] = [];
const secrets = new Map<string, string>();
const keep = (what: string, value: string) => void secrets.set(what, value);

const emailTo = async (to: string) =>
  (await env.DB.prepare(`SELECT body FROM sandbox_emails WHERE to_address = ? ORDER BY seq DESC LIMIT 1`).bind(to).first<{ body: string }>())!.body;
const pathIn = (body: string, pattern: RegExp) => new URL(pattern.exec(body)![0]).pathname;
const tokenOf = (path: string) => path.split('/').at(-1)!;

/** A database that fails the way a driver might, echoing a value it was given. */
const failingDb = (echo: string) =>
  ({
    prepare: () => {
      throw new Error(`D1_ERROR: cannot bind ${echo}`);
    },
    batch: () => Promise.reject(new Error(`D1_ERROR: cannot bind ${echo}`)),
  }) as unknown as D1Database;

let account: TwilioAccount;

beforeAll(async () => {
  for (const level of ['debug', 'log', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
  }
  await seedDemo();
  account = await twilioAccount();
  keep('Twilio auth token', account.authToken);
  keep('CREDENTIALS_KEY', env.CREDENTIALS_KEY!);
});

afterAll(() => vi.restoreAllMocks());

describe('the logs of a full cycle and of the error paths', () => {
  it('runs the cycle', async () => {
    const session = await signIn();
    keep('session token', session);
    const integrationId = await connectTwilio(account, [{ channel: 'sms', country: 'US', phoneNumber: '+14155550100' }]);

    const { id: candidateId } = (await (await call('/v1/candidates', authed(session, 'PUT', demoContext('c-log1', 'Lou Logger', '+14155550131')))).json()) as {
      id: string;
    };
    await env.DB.prepare(
      `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at) VALUES (?, ?, 'sms', 'granted', 'admin_import', ?)`,
    )
      .bind(DEMO.tenantId, candidateId, clock.now().toISOString())
      .run();
    const sent = 'Your interview code is 4711-quartz, see you Tuesday';
    keep('sent body', sent);
    expect((await call(`/v1/candidates/${candidateId}/messages`, authed(session, 'POST', { channel: 'sms', body: sent }))).status).toBe(201);
    await outboxSettled();
    const [accepted] = (await account.accepted()).filter((m) => m.body === sent);
    expect((await account.callback(accepted!.sid, 'delivered')).status).toBe(200);

    const received = 'My home address is 12 Lantern Row, call me after six';
    keep('received body', received);
    const url = `http://parley.test/webhooks/twilio/${integrationId}`;
    const params = {
      MessageSid: `SM${'7'.repeat(32)}`,
      AccountSid: account.accountSid,
      From: '+14155550131',
      To: '+14155550100',
      Body: received,
      NumMedia: '0',
    };
    const inbound = await call(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': await account.sign(url, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(inbound.status).toBe(200);

    const reset = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: DEMO.recruiter.email }) };
    expect((await callSettled('/v1/auth/password-resets', reset)).status).toBe(202);
    const passwordPath = pathIn(await emailTo(DEMO.recruiter.email), /https?:\/\/\S+\/account\/password\/\S+/);
    keep('password link token', tokenOf(passwordPath));
    expect((await call(passwordPath)).status).toBe(200);

    const { id: asked } = (await (
      await call('/v1/candidates', authed(session, 'PUT', { ...demoContext('c-log2', 'Cas Consent', '+14155550132'), email: 'c-log2@example.com' }))
    ).json()) as { id: string };
    expect((await call(`/v1/candidates/${asked}/consent-requests`, authed(session, 'POST', {}))).status).toBe(201);
    const consentPath = pathIn(await emailTo('c-log2@example.com'), /https?:\/\/\S+\/c\/[\w-]+/);
    keep('consent link token', tokenOf(consentPath));
    expect((await call(consentPath)).status).toBe(200);

    // Refused, so logged: a wrong bearer token must not be.
    const forged = 'forged-session-token-0123456789abcdefABCDEF_-';
    keep('forged bearer token', forged);
    expect((await call('/v1/me', authed(forged))).status).toBe(401);
  }, 60_000);

  it('runs the error paths: a request, a queue batch and a cron run with D1 failing', async () => {
    const consentToken = secrets.get('consent link token')!;
    const response = await createApi().request(`/c/${consentToken}`, {}, { ...env, DB: failingDb(consentToken) });
    expect(response.status).toBe(500);
    const { error } = (await response.json()) as { error: { requestId: string } };
    expect(lines.map((line) => JSON.parse(line) as { requestId?: string; event: string })).toContainEqual(
      // The driver's echo of the token is redacted from the error's text.
      expect.objectContaining({ event: 'request.failed', requestId: error.requestId, route: '/c/:token', error: 'Error: D1_ERROR: cannot bind [redacted]' }),
    );

    const broken = { ...env, DB: failingDb(secrets.get('session token')!) };
    const batch = createMessageBatch<OutboundJob>('parley-outbound', [
      { id: 'q-1', timestamp: clock.now(), attempts: 1, body: { messageId: 'msg_0123456789abcdef0123456789abcdef', tenantId: DEMO.tenantId } },
    ]);
    await worker.queue(batch, broken);
    await expect(worker.scheduled(createScheduledController(), broken)).rejects.toThrow();
  });

  it('logged one JSON object per line, each with the id of its request, batch or run, and no secret', () => {
    const events = lines.map((line) => JSON.parse(line) as { event: string; requestId?: unknown });
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['request.refused', 'request.failed', 'delivery.consumer_failed', 'cron.failed']));
    for (const event of events)
      expect(event.requestId, JSON.stringify(event)).toEqual(expect.stringMatching(/^(?:[\w-]{8,}|(?:queue|cron|hub)_[0-9a-f]{32})$/));
    expect(events.find((e) => e.event === 'delivery.consumer_failed')?.requestId).toMatch(/^queue_/);
    expect(events.find((e) => e.event === 'cron.failed')?.requestId).toMatch(/^cron_/);

    const text = lines.join('\n');
    expect(secrets.size).toBe(8);
    for (const [what, value] of secrets) expect(text.includes(value), `${what} appears in the logs`).toBe(false);
  });
});
