import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Inbox } from '../../shared/api/inbox.ts';
import { authed, call, DEMO, seedDemo, seedOtherTenant, signIn } from '../../test/worker/support.ts';

let rita: string;
let admin: string;

const message = (id: string, conversation: string, direction: 'inbound' | 'outbound', body: string, at: string, sender: string | null = null) =>
  env.DB.prepare(
    `INSERT INTO messages (id, tenant_id, conversation_id, direction, body, status, sender_user_id, integration_id, from_number, to_number, created_at, updated_at)
     VALUES (?, 'ten_demo', ?, ?, ?, ?, ?, 'int_demo_sandbox', '+1', '+1', ?, ?)`,
  ).bind(id, conversation, direction, body, direction === 'inbound' ? 'received' : 'sent', sender, at, at);

beforeAll(async () => {
  await seedDemo();
  [rita, admin] = [await signIn(), await signIn(DEMO.admin.email)];
  const conversation = (id: string, candidate: string, channel: string, at: string) =>
    env.DB.prepare(`INSERT INTO conversations (id, tenant_id, candidate_id, channel, created_at) VALUES (?, 'ten_demo', ?, ?, ?)`).bind(
      id,
      candidate,
      channel,
      at,
    );
  await env.DB.batch([
    // Ada: Rita wrote, Ada answered twice (unread).
    conversation('conv_ada', 'cand_demo_c1001', 'sms', '2026-11-20T10:02:00Z'),
    message('m1', 'conv_ada', 'outbound', 'Free on Tuesday?', '2026-11-20T10:00:00Z', DEMO.recruiter.id),
    message('m2', 'conv_ada', 'inbound', 'Yes!', '2026-11-20T10:01:00Z'),
    message('m3', 'conv_ada', 'inbound', 'Tuesday at 10 works', '2026-11-20T10:02:00Z'),
    // Bruno, on WhatsApp: the admin wrote last, nothing unread; newer than Ada's.
    conversation('conv_bruno', 'cand_demo_c1002', 'whatsapp', '2026-11-21T09:00:00Z'),
    message('m4', 'conv_bruno', 'inbound', 'Guten Tag', '2026-11-21T08:00:00Z'),
    message('m5', 'conv_bruno', 'outbound', 'Hallo Bruno, danke!', '2026-11-21T09:00:00Z', DEMO.admin.id),
  ]);
  // The admin has read Bruno's message.
  await call('/v1/candidates/cand_demo_c1002/read', authed(admin, 'POST', { channel: 'whatsapp' }));
});

const inbox = async (token: string, query = '') => (await (await call(`/v1/inbox${query}`, authed(token))).json()) as Inbox;

describe('My Inbox', () => {
  it('lists the team’s conversations unread first, with per-user unread counts', async () => {
    const forRita = await inbox(rita);
    // Both unread for Rita: the most recent first.
    expect(forRita.conversations.map((c) => [c.candidate.name, c.unread, c.mine])).toEqual([
      ['Bruno Schmidt', 1, false],
      ['Ada Lovelace', 2, true],
    ]);
    expect(forRita.unreadTotal).toBe(3);
    // The row names the job applied for (the demo seed's).
    expect(forRita.conversations[1]!.candidate.jobTitle).toBe('Senior Backend Engineer');
    expect(forRita.conversations[1]!.lastMessage).toEqual({
      body: 'Tuesday at 10 works',
      direction: 'inbound',
      status: 'received',
      sender: { kind: 'candidate', name: 'Ada Lovelace' },
      createdAt: '2026-11-20T10:02:00Z',
    });
    const forAdmin = await inbox(admin);
    // The admin read Bruno's: the unread conversation comes first though it is older.
    expect(forAdmin.conversations.map((c) => [c.candidate.name, c.unread])).toEqual([
      ['Ada Lovelace', 2],
      ['Bruno Schmidt', 0],
    ]);
  });

  it('pages through the conversations in the same order, one cursor after another', async () => {
    const first = await inbox(rita, '?limit=1');
    expect(first.conversations.map((c) => c.candidate.name)).toEqual(['Bruno Schmidt']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await inbox(rita, `?limit=1&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(second.conversations.map((c) => c.candidate.name)).toEqual(['Ada Lovelace']);
    expect(second.nextCursor).toBeNull();
    // The admin's order differs (Ada unread first): a cursor is a place in that user's order.
    const forAdmin = await inbox(admin, '?limit=1');
    expect((await inbox(admin, `?limit=1&cursor=${encodeURIComponent(forAdmin.nextCursor!)}`)).conversations.map((c) => c.candidate.name)).toEqual([
      'Bruno Schmidt',
    ]);
    expect((await inbox(rita)).nextCursor).toBeNull();

    for (const bad of ['not-a-cursor', btoa('{"a":1}'), btoa('[true, 5, "x"]')]) {
      const response = await call(`/v1/inbox?cursor=${encodeURIComponent(bad)}`, authed(rita));
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ error: { code: 'validation_failed' } });
    }
    expect((await call('/v1/inbox?limit=0', authed(rita))).status).toBe(422);
    expect((await call('/v1/inbox?limit=101', authed(rita))).status).toBe(422);
  });

  it('filters by mine, channel and unread, and searches names, numbers and text', async () => {
    const names = async (query: string) => (await inbox(rita, query)).conversations.map((c) => c.candidate.name);
    expect(await names('?scope=mine')).toEqual(['Ada Lovelace']);
    expect(await names('?channel=whatsapp')).toEqual(['Bruno Schmidt']);
    expect(await names('?q=bruno')).toEqual(['Bruno Schmidt']);
    expect(await names('?q=tuesday')).toEqual(['Ada Lovelace']);
    expect(await names('?q=%2B4915')).toEqual(['Bruno Schmidt']);
    expect(await names('?q=100%25')).toEqual([]); // LIKE wildcards are searched literally
    expect((await inbox(admin, '?unread=true')).conversations.map((c) => c.candidate.name)).toEqual(['Ada Lovelace']);
  });

  it('marks read for one user only, and the badge count follows', async () => {
    const response = await call('/v1/candidates/cand_demo_c1001/read', authed(rita, 'POST', { channel: 'sms' }));
    expect(await response.json()).toEqual({ unreadTotal: 1 });
    expect(await (await call('/v1/inbox/unread', authed(rita))).json()).toEqual({ unreadTotal: 1 });
    expect((await inbox(admin)).conversations[0]!.unread).toBe(2);
  });

  it('refuses bad filters and unknown conversations, and stays inside the tenant', async () => {
    expect((await call('/v1/inbox?scope=everyone', authed(rita))).status).toBe(422);
    expect((await call('/v1/candidates/cand_demo_c1003/read', authed(rita, 'POST', { channel: 'sms' }))).status).toBe(404);
    expect((await call('/v1/candidates/cand_demo_c1001/read', authed(rita, 'POST', { channel: 'fax' }))).status).toBe(422);
    const other = await seedOtherTenant();
    const eve = await signIn(other.email);
    expect((await inbox(eve)).conversations).toEqual([]);
    expect((await call('/v1/candidates/cand_demo_c1001/read', authed(eve, 'POST', { channel: 'sms' }))).status).toBe(404);
    expect((await call('/v1/inbox', {})).status).toBe(401);
  });

  it('lists numbers that match no candidate apart, newest first, never dropped', async () => {
    const unknown = (id: string, from: string, body: string, at: string) =>
      env.DB.prepare(
        `INSERT INTO unknown_inbound (id, tenant_id, integration_id, provider_message_id, channel, from_number, to_number, body, received_at)
         VALUES (?, 'ten_demo', 'int_demo_sandbox', ?, 'sms', ?, '+14155550100', ?, ?)`,
      ).bind(id, `p_${id}`, from, body, at);
    await env.DB.batch([
      unknown('u1', '+14155550999', 'Who is this?', '2026-11-22T10:00:00Z'),
      unknown('u2', '+14155550999', 'Hello??', '2026-11-22T11:00:00Z'),
      unknown('u3', '+447911123456', 'Wrong number', '2026-11-22T10:30:00Z'),
    ]);
    const response = await call('/v1/inbox/unknown-senders', authed(rita));
    expect(await response.json()).toEqual({
      senders: [
        { fromNumber: '+14155550999', channel: 'sms', lastBody: 'Hello??', lastAt: '2026-11-22T11:00:00Z', messages: 2 },
        { fromNumber: '+447911123456', channel: 'sms', lastBody: 'Wrong number', lastAt: '2026-11-22T10:30:00Z', messages: 1 },
      ],
    });
    const other = await signIn('eve@other.test');
    expect(await (await call('/v1/inbox/unknown-senders', authed(other))).json()).toEqual({ senders: [] });
  });

  it('says who wrote the last message from the reader’s side, and what became of it', async () => {
    const last = async (token: string, name: string) => (await inbox(token)).conversations.find((c) => c.candidate.name === name)!.lastMessage;
    // The admin wrote Bruno's last message: "you" to the admin, a named teammate to Rita.
    expect((await last(admin, 'Bruno Schmidt')).sender).toEqual({ kind: 'you', name: DEMO.admin.name });
    expect((await last(rita, 'Bruno Schmidt')).sender).toEqual({ kind: 'teammate', name: DEMO.admin.name });
    // Parley's automatic START invitation (no sender), then Rita's message, cancelled while held.
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO conversations (id, tenant_id, candidate_id, channel, created_at) VALUES ('conv_c3', 'ten_demo', 'cand_demo_c1003', 'sms', ?)`,
      ).bind('2026-11-23T09:00:00Z'),
      message('m6', 'conv_c3', 'outbound', 'Reply START to receive messages', '2026-11-23T09:00:00Z'),
    ]);
    const [c3] = (await inbox(rita, '?q=START')).conversations;
    expect(c3!.lastMessage).toMatchObject({ status: 'sent', sender: { kind: 'parley', name: null } });
    await env.DB.batch([
      message('m7', 'conv_c3', 'outbound', 'Held for the night', '2026-11-23T09:05:00Z', DEMO.recruiter.id),
      env.DB.prepare(`UPDATE messages SET status = 'cancelled' WHERE id = 'm7'`),
    ]);
    expect((await inbox(rita, '?q=START')).conversations[0]!.lastMessage).toMatchObject({
      body: 'Held for the night',
      status: 'cancelled',
      sender: { kind: 'you', name: DEMO.recruiter.name },
    });
  });

  it('counts a conversation as mine when I asked the candidate’s consent on its channel', async () => {
    // Bruno's WhatsApp conversation holds no message of Rita's: not hers, until she asks his consent there.
    const mine = async () => (await inbox(rita, '?scope=mine')).conversations.map((c) => c.candidate.name);
    expect(await mine()).not.toContain('Bruno Schmidt');
    const link = (id: string, channels: string[]) =>
      env.DB.prepare(
        `INSERT INTO consent_links (id, tenant_id, candidate_id, requested_by, channels, language, wording_version, token_hash, created_at, expires_at)
         VALUES (?, 'ten_demo', 'cand_demo_c1002', ?, ?, 'en', 'v1', ?, '2026-11-21T07:00:00Z', '2026-12-05T07:00:00Z')`,
      ).bind(id, DEMO.recruiter.id, JSON.stringify(channels), `hash_${id}`);
    await link('cl_sms', ['sms']).run();
    expect(await mine()).not.toContain('Bruno Schmidt'); // asked on SMS, the conversation is WhatsApp
    await link('cl_wa', ['sms', 'whatsapp']).run();
    expect(await mine()).toContain('Bruno Schmidt');
    // Another recruiter's request makes it hers, not Jana's.
    const jana = await signIn(DEMO.teammate.email);
    expect((await inbox(jana, '?scope=mine')).conversations).toEqual([]);
  });
});
