import { beforeAll, expect, it } from 'vitest';
import type { OutboundJob } from './env.ts';
import worker from './index.ts';
import { authed, call, env, outboxSettled, seedDemo, signIn } from '../test/worker/support.ts';

beforeAll(seedDemo);

it('a queued message on a deployment without CREDENTIALS_KEY or PUBLIC_URL ends failed with the reason, not queued forever', async () => {
  const sent = await call('/v1/candidates/cand_demo_c1001/messages', authed(await signIn(), 'POST', { channel: 'sms', body: 'Before the key went missing' }));
  expect(sent.status).toBe(201);
  const { id } = (await sent.json()) as { id: string };
  await outboxSettled();
  // As it stood when the deployment lost its settings: written, not yet taken by the consumer.
  await env.DB.batch([
    env.DB.prepare(`UPDATE messages SET status = 'queued', provider_message_id = NULL WHERE id = ?`).bind(id),
    env.DB.prepare(`UPDATE outbox SET state = 'pending' WHERE message_id = ?`).bind(id),
  ]);
  expect((await env.DB.prepare(`SELECT status FROM messages WHERE id = ?`).bind(id).first<{ status: string }>())?.status).toBe('queued');

  const misconfigured = {
    ...env,
    SANDBOX_ENABLED: 'false',
    CLOCK_OFFSET_MS: undefined,
    PROVIDER_API_OVERRIDE: undefined,
    CREDENTIALS_KEY: undefined,
    PUBLIC_URL: undefined,
    EMAIL_PROVIDER: 'http',
    EMAIL_API_URL: 'https://email.example.com/send',
    EMAIL_API_KEY: 'key',
    EMAIL_FROM: 'Parley <parley@example.com>',
  };
  const acked: string[] = [];
  const batch: MessageBatch<OutboundJob> = {
    queue: 'parley-outbound',
    metadata: { metrics: { backlogCount: 1, backlogBytes: 0 } },
    messages: [{ id: 'q1', timestamp: new Date(0), body: { messageId: id, tenantId: 'ten_demo' }, attempts: 1, ack: () => acked.push('q1'), retry: () => {} }],
    ackAll: () => acked.push('all'),
    retryAll: () => {},
  };
  await worker.queue(batch, misconfigured);
  const row = await env.DB.prepare(`SELECT status, failure_reason FROM messages WHERE id = ?`).bind(id).first<{ status: string; failure_reason: string }>();
  expect(row?.status).toBe('failed');
  expect(row?.failure_reason).toMatch(/^Not sent: Parley is not configured for production \(set the secret CREDENTIALS_KEY.*PUBLIC_URL.*\)\. Retry it/);
  expect(acked.length).toBeGreaterThan(0);
});
