import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeFrame } from '../../shared/api/realtime.ts';
import { signSandboxBody } from '../providers/sandbox.ts';
import { authed, call, callSettled, clock, DEMO, lastEmailTo, passwordLinkIn, seedDemo, seedOtherTenant, signIn } from '../../test/worker/support.ts';

const ADA = 'cand_demo_c1001';
let rita: string;

beforeAll(async () => {
  await seedDemo();
  rita = await signIn();
  const now = clock.now().toISOString();
  // A conversation with one reply, written as the webhook path writes it.
  await env.DB.batch([
    env.DB.prepare(`INSERT INTO conversations (id, tenant_id, candidate_id, channel, created_at) VALUES ('conv_ada', 'ten_demo', ?, 'sms', ?)`).bind(ADA, now),
    env.DB.prepare(
      `INSERT INTO messages (id, tenant_id, conversation_id, direction, body, status, integration_id, from_number, to_number, created_at, updated_at)
       VALUES ('msg_reply', 'ten_demo', 'conv_ada', 'inbound', 'Yes, Tuesday works', 'received', 'int_demo_sandbox', '+14155550101', '+14155550100', ?, ?)`,
    ).bind(now, now),
  ]);
});

/** Opens the tenant socket the way the extension does and collects its frames. */
async function openSocket(token: string, cursor = 0) {
  const response = await call(`/v1/realtime?cursor=${cursor}`, {
    headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': `parley.v1, token.${token}` },
  });
  expect(response.status).toBe(101);
  expect(response.headers.get('Sec-WebSocket-Protocol')).toBe('parley.v1');
  const socket = response.webSocket!;
  const frames: RealtimeFrame[] = [];
  socket.addEventListener('message', (event) => frames.push(JSON.parse(event.data as string) as RealtimeFrame));
  socket.accept();
  return { socket, frames };
}

const markRead = (token: string) => call(`/v1/candidates/${ADA}/read`, authed(token, 'POST', { channel: 'sms' }));

describe('the realtime feed', () => {
  it('replays what a client missed, then pushes live events to every socket of the tenant', async () => {
    const first = await openSocket(rita);
    await expect.poll(() => first.frames.length).toBe(1);
    // The reply written in beforeAll is an event already (a trigger writes it with the message),
    // as is the seed's consent for Ada.
    expect(first.frames[0]).toMatchObject({ type: 'events', replay: true });
    expect(first.frames[0]!.events.map((e) => e.kind)).toEqual(['consent.changed', 'message.created']);
    expect(first.frames[0]!.events[1]).toMatchObject({
      kind: 'message.created',
      candidateId: ADA,
      payload: { messageId: 'msg_reply', direction: 'inbound', candidateName: 'Ada Lovelace', preview: 'Yes, Tuesday works', channel: 'sms' },
    });

    expect((await markRead(rita)).status).toBe(200);
    await expect.poll(() => first.frames.length).toBe(2);
    const live = first.frames[1]!;
    expect(live.replay).toBe(false);
    // Only what is new: the hub ignored pokes while nobody listened, and resumes pushing where this
    // first listener's replay ended (not with the reply and consent it replayed).
    expect(live.events.map((e) => e.kind)).toEqual(['conversation.read']);
    expect(live.events[0]).toMatchObject({ kind: 'conversation.read', candidateId: ADA, payload: { conversationId: 'conv_ada' } });
    const seq = live.events.at(-1)!.seq;

    // Offline for a while: the next connection replays from its cursor, and only what is newer.
    // (The same event may also come live, if the hub's push of it lands after the socket opened.)
    await markRead(rita);
    const again = await openSocket(rita, seq);
    await expect.poll(() => again.frames.length).toBeGreaterThanOrEqual(1);
    expect(again.frames[0]!.replay).toBe(true);
    expect(again.frames[0]!.events.map((e) => e.seq)).toEqual([seq + 1]);
    first.socket.close();
    again.socket.close();
  });

  it("never carries one tenant's events to another tenant's socket", async () => {
    const other = await seedOtherTenant();
    const eve = await openSocket(await signIn(other.email));
    await expect.poll(() => eve.frames.length).toBe(1);
    expect(eve.frames[0]!.events).toEqual([]); // the demo tenant's history is not hers
    await markRead(rita);
    const ritaSocket = await openSocket(rita);
    await expect.poll(() => ritaSocket.frames.length).toBe(1);
    await markRead(rita);
    await expect.poll(() => ritaSocket.frames.length).toBe(2);
    expect(eve.frames).toHaveLength(1);
    eve.socket.close();
    ritaSocket.socket.close();
  });

  it('refuses sockets without a session, with a forged token, or without a WebSocket upgrade', async () => {
    const noToken = await call('/v1/realtime', { headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': 'parley.v1' } });
    expect(noToken.status).toBe(401);
    const forged = await call('/v1/realtime', { headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': 'parley.v1, token.forged-forged-forged-forged' } });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const plain = await call('/v1/realtime', authed(rita));
    expect(plain.status).toBe(426);
    const badCursor = await call('/v1/realtime?cursor=-1', { headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': `parley.v1, token.${rita}` } });
    expect(badCursor.status).toBe(422);
  });
});

describe('message events', () => {
  it('pushes a candidate reply that came through the webhook, and its status changes, at once', async () => {
    const { socket, frames } = await openSocket(rita, 1_000_000);
    await expect.poll(() => frames.length).toBe(1);
    const raw = JSON.stringify({ messageId: 'sbx_live_1', channel: 'sms', from: '+14155550101', to: '+14155550100', body: 'On my way' });
    const signature = await signSandboxBody(DEMO.sandboxWebhookSecret, raw);
    const webhook = await call(`/webhooks/sandbox/${DEMO.integrationId}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Sandbox-Signature': signature },
      body: raw,
    });
    expect(webhook.status).toBe(200);
    await expect.poll(() => frames.flatMap((f) => f.events).filter((e) => e.kind === 'message.created').length).toBe(1);
    const [created] = frames.flatMap((f) => f.events);
    expect(created).toMatchObject({ kind: 'message.created', candidateId: ADA, payload: { direction: 'inbound', preview: 'On my way' } });

    // A replay of the same webhook stores nothing, so it reports nothing.
    await call(`/webhooks/sandbox/${DEMO.integrationId}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Sandbox-Signature': signature },
      body: raw,
    });
    await env.DB.prepare(`UPDATE messages SET status = 'failed', updated_at = ? WHERE id = 'msg_reply'`).bind(clock.now().toISOString()).run();
    await markRead(rita); // any later poke pushes everything committed since the last push
    await expect.poll(() => frames.flatMap((f) => f.events).map((e) => e.kind)).toEqual(['message.created', 'message.updated', 'conversation.read']);
    socket.close();
  });

  it('delivers every reply of a burst, though pokes that follow one closely are skipped', async () => {
    const { socket, frames } = await openSocket(rita, 1_000_000);
    await expect.poll(() => frames.length).toBe(1);
    // Back to back: all but the first come within the poke spacing, so only the hub's trailing push carries them.
    for (let i = 0; i < 5; i++) {
      const raw = JSON.stringify({ messageId: `sbx_burst_${i}`, channel: 'sms', from: '+14155550101', to: '+14155550100', body: `Burst ${i}` });
      const signature = await signSandboxBody(DEMO.sandboxWebhookSecret, raw);
      await call(`/webhooks/sandbox/${DEMO.integrationId}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Sandbox-Signature': signature },
        body: raw,
      });
    }
    const previews = () =>
      frames
        .flatMap((f) => f.events)
        .filter((e) => e.kind === 'message.created')
        .map((e) => (e.payload as { preview: string }).preview);
    await expect.poll(previews, { timeout: 2_000 }).toEqual(['Burst 0', 'Burst 1', 'Burst 2', 'Burst 3', 'Burst 4']);
    socket.close();
  });

  it('reports consent changes too, whatever wrote them', async () => {
    const { socket, frames } = await openSocket(rita, 1_000_000);
    await expect.poll(() => frames.length).toBe(1);
    const now = clock.now().toISOString();
    await env.DB.prepare(`UPDATE consents SET state = 'revoked', updated_at = ? WHERE candidate_id = ? AND channel = 'sms'`).bind(now, ADA).run();
    await env.DB.prepare(`UPDATE consents SET state = 'revoked', updated_at = ? WHERE candidate_id = ? AND channel = 'sms'`).bind(now, ADA).run(); // no change, no event
    await markRead(rita);
    await expect
      .poll(() => frames.flatMap((f) => f.events).filter((e) => e.kind === 'consent.changed'))
      .toEqual([expect.objectContaining({ kind: 'consent.changed', candidateId: ADA, payload: { channel: 'sms', state: 'revoked' } })]);
    socket.close();
  });
});

describe('sockets end with their session', () => {
  /** Resolves with the close code once the server closes the socket. */
  const closed = (socket: WebSocket) => new Promise<number>((resolve) => socket.addEventListener('close', (event) => resolve(event.code)));

  it('signing out closes that session’s socket and no other; signing out everywhere closes them all', async () => {
    const [first, second] = [await signIn(), await signIn()];
    const one = await openSocket(first);
    const other = await openSocket(second);
    await expect.poll(() => one.frames.length + other.frames.length).toBe(2);
    const oneClosed = closed(one.socket);
    expect((await call('/v1/auth/sessions/current', authed(first, 'DELETE'))).status).toBe(204);
    expect(await oneClosed).toBe(4001);
    const otherClosed = closed(other.socket);
    let otherClosedYet = false;
    void otherClosed.then(() => (otherClosedYet = true));
    // The other session's socket still hears the team's events.
    expect((await markRead(second)).status).toBe(200);
    await expect.poll(() => other.frames.length).toBe(2);
    expect(otherClosedYet).toBe(false);
    expect((await call('/v1/auth/sessions', authed(second, 'DELETE'))).status).toBe(204);
    expect(await otherClosed).toBe(4001);
  });

  it('a seat removed or a role changed (admin → recruiter and back, one by one or by CSV) closes the user’s sockets to reconnect, authorized anew', async () => {
    const admin = await signIn(DEMO.admin.email);
    const patchRita = (body: unknown) => call(`/v1/users/${DEMO.recruiter.id}`, authed(admin, 'PATCH', body));
    const csvRole = async (role: string) => {
      const csv = (await (await call('/v1/users/export', authed(admin))).text()).replace(
        `${DEMO.recruiter.email},${DEMO.recruiter.name},recruiter,`,
        `${DEMO.recruiter.email},${DEMO.recruiter.name},${role},`,
      );
      return call('/v1/users/import', authed(admin, 'POST', { csv, dryRun: false }));
    };
    for (const change of [
      () => patchRita({ seat: false }),
      () => patchRita({ role: 'admin' }),
      () => patchRita({ role: 'recruiter' }),
      () => csvRole('admin'),
    ]) {
      const session = await signIn();
      const socket = await openSocket(session);
      await expect.poll(() => socket.frames.length).toBe(1);
      const socketClosed = closed(socket.socket);
      expect((await change()).status).toBe(200);
      expect(await socketClosed).toBe(4002);
      await openSocket(session);
    }
    expect((await patchRita({ role: 'recruiter', seat: true })).status).toBe(200);
  });

  it('a deactivated user’s socket closes at once, so no preview reaches them', async () => {
    const jana = await signIn(DEMO.teammate.email);
    const admin = await signIn(DEMO.admin.email);
    const janaSocket = await openSocket(jana);
    await expect.poll(() => janaSocket.frames.length).toBe(1);
    const janaClosed = closed(janaSocket.socket);
    expect((await call(`/v1/users/${DEMO.teammate.id}`, authed(admin, 'PATCH', { active: false }))).status).toBe(200);
    expect(await janaClosed).toBe(4001);
  });

  it('a password set by a reset link closes every socket of the user', async () => {
    const [first, second] = [await signIn(), await signIn()];
    const sockets = [await openSocket(first), await openSocket(second)];
    await expect.poll(() => sockets.map((s) => s.frames.length)).toEqual([1, 1]);
    const allClosed = Promise.all(sockets.map((s) => closed(s.socket)));
    const asked = await callSettled('/v1/auth/password-resets', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: DEMO.recruiter.email }),
    });
    expect(asked.status).toBe(202);
    const path = passwordLinkIn((await lastEmailTo(DEMO.recruiter.email))!.body);
    // The same password again: the rest of the suite signs Rita in with it.
    const set = await call(path, { method: 'POST', body: new URLSearchParams({ password: DEMO.password, confirm: DEMO.password }) });
    expect(set.status).toBeLessThan(400);
    expect(await allClosed).toEqual([4001, 4001]);
  });
});
