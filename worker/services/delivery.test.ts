import { beforeAll, describe, expect, it, vi } from 'vitest';
import { signSandboxBody } from '../providers/sandbox.ts';
import { authed, call, count, DEMO, demoContext, env, outboxSettled, seedDemo, signIn, clock } from '../../test/worker/support.ts';
import { connectTwilio, type TwilioAccount, twilioAccount } from '../../test/worker/providers.ts';
import { deliver, sweepOutbox } from './delivery.ts';

type Msg = { id: string; status: string; failureReason: string | null; seq: number; body: string; encoding?: string; segments?: number };

let token: string;
let account: TwilioAccount;
let integrationId: string;

beforeAll(async () => {
  await seedDemo();
  token = await signIn();
  account = await twilioAccount();
  integrationId = await connectTwilio(account, [{ channel: 'sms', country: 'US', phoneNumber: '+14155550100' }]);
});

/** A US candidate of the demo ATS with SMS consent, so tests do not share a thread. */
async function consentedCandidate(atsId: string, phone: string, channels: ('sms' | 'whatsapp')[] = ['sms']): Promise<string> {
  const { id } = (await (await call('/v1/candidates', authed(token, 'PUT', demoContext(atsId, `Candidate ${atsId}`, phone)))).json()) as { id: string };
  for (const channel of channels) {
    await env.DB.prepare(`INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at) VALUES (?, ?, ?, 'granted', 'admin_import', ?)`)
      .bind(DEMO.tenantId, id, channel, clock.now().toISOString())
      .run();
  }
  return id;
}

const send = async (candidateId: string, body: unknown) => call(`/v1/candidates/${candidateId}/messages`, authed(token, 'POST', body));
const thread = async (candidateId: string, channel = 'sms', after = 0) =>
  ((await (await call(`/v1/candidates/${candidateId}/messages?channel=${channel}&after=${after}`, authed(token))).json()) as { messages: Msg[] }).messages;
const stored = async (candidateId: string, id: string, channel = 'sms') => (await thread(candidateId, channel)).find((m) => m.id === id)!;

describe('the outbound pipeline through Twilio', () => {
  let candidate: string;
  let message: Msg;

  beforeAll(async () => {
    candidate = await consentedCandidate('c-p1', '+14155550111');
  });

  it('stores the message queued with its SMS encoding and segments, then the queue sends it once', async () => {
    const response = await send(candidate, { channel: 'sms', body: `Grüße! ${'a'.repeat(70)}` });
    expect(response.status).toBe(201);
    message = (await response.json()) as Msg;
    expect(message).toMatchObject({ status: 'queued', encoding: 'GSM-7', segments: 1 });
    await outboxSettled();
    const requests = (await account.requests()).filter((r) => r.method === 'POST');
    expect(requests).toHaveLength(1);
    expect(Object.fromEntries(new URLSearchParams(requests[0]!.body))).toEqual({
      To: '+14155550111',
      From: '+14155550100',
      Body: `Grüße! ${'a'.repeat(70)}`,
      StatusCallback: `http://parley.test/webhooks/twilio/${integrationId}?ref=${message.id}`,
    });
    expect(await stored(candidate, message.id)).toMatchObject({ status: 'sent', encoding: 'GSM-7', segments: 1 });
    const ucs2 = (await (await send(candidate, { channel: 'sms', body: '😀'.repeat(36) })).json()) as Msg;
    expect(ucs2).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    await outboxSettled();
  });

  it('answers the queue’s copy of a message already sent with one D1 round trip, and sends nothing', async () => {
    const postsBefore = (await account.requests()).filter((r) => r.method === 'POST').length;
    let roundTrips = 0;
    // Every way a statement reaches D1, counted, through bind (which makes a new statement).
    const counting = (statement: D1PreparedStatement): D1PreparedStatement =>
      new Proxy(statement, {
        get(target, property) {
          const value: unknown = Reflect.get(target, property, target);
          if (typeof value !== 'function') return value;
          if (property === 'bind') return (...values: unknown[]) => counting(target.bind(...values));
          return (...args: unknown[]) => {
            if (['first', 'run', 'all', 'raw'].includes(String(property))) roundTrips++;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    const counted = new Proxy(env.DB, {
      get(target, property) {
        if (property === 'prepare') return (sql: string) => counting(target.prepare(sql));
        if (property === 'batch') {
          return (statements: D1PreparedStatement[]) => {
            roundTrips++;
            return target.batch(statements);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const disposition = await deliver({ ...env, DB: counted }, { messageId: message.id, tenantId: DEMO.tenantId }, clock);
    expect(disposition).toEqual({ ack: true });
    expect(roundTrips).toBe(1);
    expect((await account.requests()).filter((r) => r.method === 'POST')).toHaveLength(postsBefore);
  });

  it('moves forward on signed status callbacks, and the poller sees the change after its cursor', async () => {
    // The panel's cursor: the highest seq it has seen.
    const seen = Math.max(...(await thread(candidate)).map((m) => m.seq));
    const [accepted] = (await account.accepted()).filter((m) => m.body?.startsWith('Grüße'));
    expect((await account.callback(accepted!.sid, 'delivered')).status).toBe(200);
    const changed = await thread(candidate, 'sms', seen);
    expect(changed.map((m) => [m.id, m.status])).toEqual([[message.id, 'delivered']]);
    const cursor = changed[0]!.seq;
    expect(cursor).toBeGreaterThan(seen);

    // Late, replayed and out-of-order callbacks change nothing, so the poller sees nothing new.
    for (const status of ['sent', 'delivered', 'queued', 'undelivered']) expect((await account.callback(accepted!.sid, status)).status).toBe(200);
    expect(await thread(candidate, 'sms', cursor)).toEqual([]);

    const forged = await account.callback(accepted!.sid, 'read', { forge: true });
    expect(forged.status).toBe(403);
    expect(JSON.parse(forged.body)).toMatchObject({ error: { code: 'invalid_signature' } });
    expect((await stored(candidate, message.id)).status).toBe('delivered');
  });

  it('fails with a readable reason on a permanent error; Retry really resends, once', async () => {
    await account.faults([{ kind: 'status', status: 400, body: { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 } }]);
    const { id } = (await (await send(candidate, { channel: 'sms', body: 'Will fail first' })).json()) as Msg;
    await outboxSettled();
    expect(await stored(candidate, id)).toMatchObject({ status: 'failed', failureReason: 'The phone number is not valid. (Twilio 21211)' });

    const retries = await Promise.all([1, 2, 3].map(() => call(`/v1/messages/${id}/retry`, authed(token, 'POST'))));
    expect(retries.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    await outboxSettled();
    expect(await stored(candidate, id)).toMatchObject({ status: 'sent', failureReason: null });
    expect((await account.accepted()).filter((m) => m.body === 'Will fail first')).toHaveLength(1);
    // Sent (accepted by the provider): no retry.
    const again = await call(`/v1/messages/${id}/retry`, authed(token, 'POST'));
    expect(again.status).toBe(409);
    expect((await call('/v1/messages/msg_missing/retry', authed(token, 'POST'))).status).toBe(404);
  });

  it("treats Twilio 21610 as the candidate's opt-out: failed, and consent revoked", async () => {
    const optedOut = await consentedCandidate('c-p2', '+14155550112');
    await account.faults([{ kind: 'status', status: 400, body: { code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 } }]);
    const { id } = (await (await send(optedOut, { channel: 'sms', body: 'Hello?' })).json()) as Msg;
    await outboxSettled();
    expect(await stored(optedOut, id)).toMatchObject({ status: 'failed', failureReason: expect.stringMatching(/replied STOP.*21610/) });
    const next = await send(optedOut, { channel: 'sms', body: 'Hello again' });
    expect(next.status).toBe(409);
    expect(await next.json()).toMatchObject({ error: { code: 'consent_required' } });
    // The revocation is proven like any other: an evidence record naming the provider's answer.
    const evidence = await env.DB.prepare(`SELECT state, previous_state, source, detail FROM consent_evidence WHERE candidate_id = ? ORDER BY seq DESC LIMIT 1`)
      .bind(optedOut)
      .first();
    expect(evidence).toMatchObject({ state: 'revoked', previous_state: 'granted', source: 'provider_flag', detail: expect.stringContaining(id) });
  });
});

describe('faults at the provider', () => {
  it('ends every message delivered to Twilio exactly once through 500s, 429s and hangs: none lost, none sent twice', async () => {
    const logged: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error'] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    const candidate = await consentedCandidate('c-p3', '+14155550113');
    const rateLimited = {
      kind: 'status',
      status: 429,
      body: { code: 20429, message: 'Too Many Requests', status: 429 },
      headers: { 'Retry-After': '1' },
    } as const;
    const serverError = { kind: 'status', status: 500, body: { code: 20500, message: 'Internal Server Error', status: 500 } } as const;
    await account.faults([
      serverError,
      rateLimited,
      { kind: 'hang', ms: 6_000 },
      serverError,
      rateLimited,
      serverError,
      { kind: 'hang', ms: 6_000 },
      serverError,
      rateLimited,
    ]);
    const bodies = Array.from({ length: 12 }, (_, i) => `Fault test ${i}`);
    const ids = await Promise.all(bodies.map(async (body) => ((await (await send(candidate, { channel: 'sms', body })).json()) as Msg).id));
    await outboxSettled(90_000);

    const final = await thread(candidate);
    const accepted = await account.accepted();
    expect(final).toHaveLength(12);
    // Every fault is retried past (none is permanent): all 12 end sent, each accepted by Twilio exactly once.
    expect(ids.map((id) => final.find((x) => x.id === id)?.status)).toEqual(Array(12).fill('sent'));
    expect(bodies.map((body) => accepted.filter((a) => a.body === body).length)).toEqual(Array(12).fill(1));
    // Every fault was met and survived: the fake saw more requests than messages.
    expect(
      (await account.requests()).filter((r) => r.method === 'POST' && bodies.includes(new URLSearchParams(r.body).get('Body') ?? '')).length,
    ).toBeGreaterThan(12);
    // Whatever was logged on the way, no line carries the integration's credentials.
    expect(logged.filter((line) => line.includes(account.authToken))).toEqual([]);
    vi.restoreAllMocks();
  }, 120_000);

  it('re-enqueues an outbox row whose queue message was lost', async () => {
    const candidate = await consentedCandidate('c-p4', '+14155550114');
    const old = new Date(clock.now().getTime() - 10 * 60_000).toISOString();
    const now = clock.now().toISOString();
    // A message stored with its outbox row, as if the queue send after the batch had been lost.
    await env.DB.batch([
      env.DB.prepare(`INSERT INTO conversations (id, tenant_id, candidate_id, channel, created_at) VALUES ('conv_lost', ?, ?, 'sms', ?)`).bind(
        DEMO.tenantId,
        candidate,
        now,
      ),
      env.DB.prepare(
        `INSERT INTO messages (id, tenant_id, conversation_id, direction, body, status, integration_id, from_number, to_number, created_at, updated_at)
         VALUES ('msg_lost', ?, 'conv_lost', 'outbound', 'Lost in the queue', 'queued', ?, '+14155550100', '+14155550114', ?, ?)`,
      ).bind(DEMO.tenantId, integrationId, now, now),
      env.DB.prepare(`INSERT INTO outbox (message_id, tenant_id, state, attempts, created_at, updated_at) VALUES ('msg_lost', ?, 'pending', 0, ?, ?)`).bind(
        DEMO.tenantId,
        old,
        old,
      ),
    ]);
    expect(await sweepOutbox(env, clock.now())).toBe(1);
    await outboxSettled();
    expect(await stored(candidate, 'msg_lost')).toMatchObject({ status: 'sent' });
    expect((await account.accepted()).filter((m) => m.body === 'Lost in the queue')).toHaveLength(1);
  });
});

describe('an attempt whose claim expired', () => {
  it('is looked up at the provider before any resend: accepted there, recording lost → sent once, not twice', async () => {
    const candidate = await consentedCandidate('c-p5', '+14155550116');
    const { id } = (await (await send(candidate, { channel: 'sms', body: 'Accepted, then the consumer died' })).json()) as Msg;
    await outboxSettled();
    expect((await account.accepted()).filter((m) => m.body === 'Accepted, then the consumer died')).toHaveLength(1);
    // As if the consumer died after Twilio accepted it and before recording that: still queued,
    // its outbox row `sending` under a lease that has since run out.
    const old = new Date(clock.now().getTime() - 10 * 60_000).toISOString();
    await env.DB.batch([
      env.DB.prepare(`UPDATE messages SET status = 'queued', provider_message_id = NULL WHERE id = ?`).bind(id),
      env.DB.prepare(`UPDATE outbox SET state = 'sending', lease_until = ?1, updated_at = ?1 WHERE message_id = ?2`).bind(old, id),
    ]);
    expect(await sweepOutbox(env, clock.now())).toBe(1);
    await outboxSettled();
    expect((await account.accepted()).filter((m) => m.body === 'Accepted, then the consumer died')).toHaveLength(1);
    expect(await stored(candidate, id)).toMatchObject({ status: 'sent' });
  });
});

describe('consent judged again at delivery', () => {
  /** A recruiter's message stored queued with its outbox row, left for the test to deliver (no queue message). */
  async function queuedMessage(candidateId: string, id: string, to: string, body: string) {
    const now = clock.now().toISOString();
    await env.DB.batch([
      env.DB.prepare(`INSERT INTO conversations (id, tenant_id, candidate_id, channel, created_at) VALUES (?, ?, ?, 'sms', ?)`).bind(
        `conv_${id}`,
        DEMO.tenantId,
        candidateId,
        now,
      ),
      env.DB.prepare(
        `INSERT INTO messages (id, tenant_id, conversation_id, direction, body, status, sender_user_id, integration_id, from_number, to_number, created_at, updated_at)
         VALUES (?, ?, ?, 'outbound', ?, 'queued', ?, ?, '+14155550100', ?, ?, ?)`,
      ).bind(id, DEMO.tenantId, `conv_${id}`, body, DEMO.recruiter.id, integrationId, to, now, now),
      env.DB.prepare(`INSERT INTO outbox (message_id, tenant_id, state, attempts, created_at, updated_at) VALUES (?, ?, 'pending', 0, ?, ?)`).bind(
        id,
        DEMO.tenantId,
        now,
        now,
      ),
    ]);
  }

  async function smsToParley(from: string, body: string) {
    const url = `http://parley.test/webhooks/twilio/${integrationId}`;
    const params = { MessageSid: `SM${'7'.repeat(32)}`, AccountSid: account.accountSid, From: from, To: '+14155550100', Body: body, NumMedia: '0' };
    const response = await call(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': await account.sign(url, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBe(200);
  }

  it('a message waiting in backoff (Retry-After capped at 300 s) ends failed after a STOP, and is never sent', async () => {
    const candidate = await consentedCandidate('c-p6', '+14155550117');
    await queuedMessage(candidate, 'msg_backoff', '+14155550117', 'Waiting out a rate limit');
    // Twilio asks for a day's patience; Parley waits at most five minutes.
    await account.faults([
      { kind: 'status', status: 429, body: { code: 20429, message: 'Too Many Requests', status: 429 }, headers: { 'Retry-After': '86400' } },
    ]);
    const job = { messageId: 'msg_backoff', tenantId: DEMO.tenantId };
    expect(await deliver(env, job, clock)).toEqual({ ack: false, retryInSeconds: 300 });

    await smsToParley('+14155550117', 'STOP');
    // The queue hands the message over again once its backoff is over.
    expect(await deliver(env, job, clock)).toEqual({ ack: true });
    expect(await stored(candidate, 'msg_backoff')).toMatchObject({
      status: 'failed',
      failureReason: 'Not sent: The candidate withdrew consent to SMS messages.',
    });
    expect((await account.accepted()).filter((m) => m.body === 'Waiting out a rate limit')).toHaveLength(0);
  });
});

describe('the WhatsApp 24-hour window', () => {
  it('refuses free text outside it (409, nothing stored), accepts a template, and opens with a reply', async () => {
    const candidate = await consentedCandidate('c-w1', '+14155550115', ['whatsapp']);
    const before = await count('messages');
    const refused = await send(candidate, { channel: 'whatsapp', body: 'Hi there' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'whatsapp_window_closed' } });
    expect(await count('messages')).toBe(before);

    // An approved template of the tenant's own, chosen by its id (the worker attaches its WhatsApp twin).
    const approved = await call(
      '/v1/templates',
      authed(await signIn(DEMO.admin.email), 'POST', {
        name: 'Hello there',
        language: 'en',
        channels: ['whatsapp'],
        body: 'Hi there (template)',
        whatsapp: { id: 'parley_hello', language: 'en', variables: ['{{candidate.first_name | "there"}}'] },
      }),
    );
    expect(approved.status).toBe(201);
    const { id: templateId } = (await approved.json()) as { id: string };
    const template = await send(candidate, { channel: 'whatsapp', templateId, body: 'Hi there (template)' });
    expect(template.status).toBe(201);

    // The candidate answers on WhatsApp (through the sandbox, the demo's WhatsApp numbers).
    const raw = JSON.stringify({ messageId: 'sbx_wa_reply', channel: 'whatsapp', from: '+14155550115', to: '+14155550100', body: 'Hello!' });
    const reply = await call(`/webhooks/sandbox/${DEMO.integrationId}`, {
      method: 'POST',
      headers: { 'X-Sandbox-Signature': await signSandboxBody(DEMO.sandboxWebhookSecret, raw) },
      body: raw,
    });
    expect(reply.status).toBe(200);
    expect((await send(candidate, { channel: 'whatsapp', body: 'Great, talk soon' })).status).toBe(201);
    await outboxSettled();
  });
});
