/**
 * Parley's own messages go first: a recruiter's message sent while the candidate's identification
 * (or START invitation) is still queued in the conversation waits for it, so the candidate learns
 * who writes before the first message — even though a send's first attempt runs at once.
 */
import { beforeAll, expect, it } from 'vitest';
import { authed, call, callSettled, clock, count, DEMO, demoContext, env, outboxSettled, seedDemo, signIn } from '../../test/worker/support.ts';
import { deliver } from './delivery.ts';

const PHONE = '+14155550191';
let token: string;
let candidateId: string;

beforeAll(async () => {
  await seedDemo();
  token = await signIn();
  const put = await call('/v1/candidates', authed(token, 'PUT', demoContext('c-order', 'Olga Order', PHONE)));
  candidateId = ((await put.json()) as { id: string }).id;
});

/** What reached the sandbox phone, in order. */
const received = async () =>
  (
    await env.DB.prepare(`SELECT body FROM sandbox_traffic WHERE direction = 'to_phone' AND phone_number = ? ORDER BY seq`).bind(PHONE).all<{ body: string }>()
  ).results.map((row) => row.body);

it("a recruiter's message waits for Parley's identification queued before it, then follows it", async () => {
  const at = clock.now().toISOString();
  const identification = 'Hi Olga, this is Rita Ortiz of Northwind Talent about your application.';
  // Consent granted, and the identification stored queued with its outbox row as the gate writes it;
  // its queue message has not been delivered yet.
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, phone, updated_at) VALUES (?, ?, 'sms', 'granted', 'admin_import', ?, ?)`,
    ).bind(DEMO.tenantId, candidateId, PHONE, at),
    env.DB.prepare(`INSERT INTO conversations (id, tenant_id, candidate_id, channel, created_at) VALUES ('conv_order', ?, ?, 'sms', ?)`).bind(
      DEMO.tenantId,
      candidateId,
      at,
    ),
    env.DB.prepare(
      `INSERT INTO messages (id, tenant_id, conversation_id, direction, body, status, sender_user_id, integration_id, from_number, to_number, created_at, updated_at)
       VALUES ('msg_identification', ?, 'conv_order', 'outbound', ?, 'queued', NULL, ?, '+14155550100', ?, ?, ?)`,
    ).bind(DEMO.tenantId, identification, DEMO.integrationId, PHONE, at, at),
    env.DB.prepare(
      `INSERT INTO outbox (message_id, tenant_id, state, attempts, created_at, updated_at) VALUES ('msg_identification', ?, 'pending', 0, ?, ?)`,
    ).bind(DEMO.tenantId, at, at),
  ]);

  const text = 'Hi Olga, are you free for a call on Thursday?';
  const sent = await callSettled(`/v1/candidates/${candidateId}/messages`, authed(token, 'POST', { channel: 'sms', body: text }));
  expect(sent.status).toBe(201);
  // Its first attempt has run (and handed it to the queue): nothing reached the phone before the identification.
  expect(await received()).toEqual([]);
  expect(await count('messages', `id = ? AND status = 'queued'`, ((await sent.json()) as { id: string }).id)).toBe(1);

  expect(await deliver(env, { messageId: 'msg_identification', tenantId: DEMO.tenantId }, clock)).toEqual({ ack: true });
  await outboxSettled();
  expect(await received()).toEqual([identification, text]);
});
