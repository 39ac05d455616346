import { env } from 'cloudflare:workers';
import { beforeAll, expect, it } from 'vitest';
import type { RealtimeFrame } from '../../shared/api/realtime.ts';
import { authed, call, clock, DEMO, seedDemo, signIn } from '../../test/worker/support.ts';

beforeAll(async () => {
  await seedDemo();
  const now = clock.now().toISOString();
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO conversations (id, tenant_id, candidate_id, channel, created_at) VALUES ('conv_ada', 'ten_demo', 'cand_demo_c1001', 'sms', ?)`,
    ).bind(now),
    env.DB.prepare(
      `INSERT INTO messages (id, tenant_id, conversation_id, direction, body, status, integration_id, from_number, to_number, created_at, updated_at)
       VALUES ('msg_reply', 'ten_demo', 'conv_ada', 'inbound', 'Yes', 'received', 'int_demo_sandbox', '+14155550101', '+14155550100', ?, ?)`,
    ).bind(now, now),
  ]);
});

it('a socket whose session ended without it being closed (expired) is closed before the next push, which it never hears', async () => {
  const token = await signIn();
  const response = await call('/v1/realtime?cursor=0', { headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': `parley.v1, token.${token}` } });
  expect(response.status).toBe(101);
  const socket = response.webSocket!;
  const frames: RealtimeFrame[] = [];
  socket.addEventListener('message', (event) => frames.push(JSON.parse(event.data as string) as RealtimeFrame));
  const closedWith = new Promise<number>((resolve) => socket.addEventListener('close', (event) => resolve(event.code)));
  socket.accept();
  await expect.poll(() => frames.length).toBe(1);

  // The recruiter's session runs out while the socket is open: nothing tells the hub.
  await env.DB.prepare(`UPDATE sessions SET expires_at = ? WHERE user_id = ?`).bind(clock.now().toISOString(), DEMO.recruiter.id).run();
  // The admin's change is pushed to the tenant: the ended session's socket is closed instead of hearing it.
  const admin = await signIn(DEMO.admin.email);
  expect((await call('/v1/candidates/cand_demo_c1001/read', authed(admin, 'POST', { channel: 'sms' }))).status).toBe(200);
  expect(await closedWith).toBe(4001);
  expect(frames).toHaveLength(1);
});
