import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { authed, call, count, DEMO, seedDemo, signIn } from '../../test/worker/support.ts';
import { sendDigests } from './digest.ts';

const HOUR = 3_600_000;
const t0 = Date.parse('2026-11-20T09:00:00Z');
const at = (ms: number) => new Date(t0 + ms).toISOString();

async function reply(id: string, candidate: string, body: string, when: number, direction: 'inbound' | 'outbound' = 'inbound') {
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO conversations (id, tenant_id, candidate_id, channel, created_at) VALUES (?, 'ten_demo', ?, 'sms', ?)
       ON CONFLICT (candidate_id, channel) DO NOTHING`,
    ).bind(`conv_${candidate}`, candidate, at(when)),
    env.DB.prepare(
      `INSERT INTO messages (id, tenant_id, conversation_id, direction, body, status, integration_id, from_number, to_number, created_at, updated_at)
       SELECT ?, 'ten_demo', id, ?, ?, ?, 'int_demo_sandbox', '+1', '+1', ?, ? FROM conversations WHERE candidate_id = ? AND channel = 'sms'`,
    ).bind(id, direction, body, direction === 'inbound' ? 'received' : 'sent', at(when), at(when), candidate),
  ]);
}

const digests = async () =>
  (
    await env.DB.prepare(`SELECT to_address, subject, body FROM sandbox_emails WHERE subject LIKE '%waiting%' ORDER BY seq`).all<{
      to_address: string;
      subject: string;
      body: string;
    }>()
  ).results;

let rita: string;
beforeAll(async () => {
  await seedDemo();
  rita = await signIn();
});

describe('the email digest of unanswered replies', () => {
  it('is off until the user turns it on, and starts from then', async () => {
    await reply('m_old', 'cand_demo_c1002', 'Before opting in', -HOUR);
    expect(await (await call('/v1/me/digest', authed(rita))).json()).toEqual({ enabled: false });
    expect(await sendDigests(env, new Date(t0 + HOUR))).toBe(0);
    expect((await call('/v1/me/digest', authed(rita, 'PUT', { enabled: true }))).status).toBe(200);
    expect(await (await call('/v1/me/digest', authed(rita))).json()).toEqual({ enabled: true });
    expect(await sendDigests(env, new Date(t0 + HOUR))).toBe(0);
  });

  it('lists replies nobody answered once they are 15 minutes old, each once, at most hourly', async () => {
    await reply('m_ada', 'cand_demo_c1001', 'Tuesday <b>works</b>', 0);
    await reply('m_fresh', 'cand_demo_c1003', 'Just now', HOUR - 60_000);
    expect(await sendDigests(env, new Date(t0 + HOUR))).toBe(1);
    const [digest] = await digests();
    expect(digest).toMatchObject({ to_address: DEMO.recruiter.email, subject: 'A candidate is waiting for your answer' });
    expect(digest!.body).toContain('Ada Lovelace (SMS, 2026-11-20 09:00 UTC)');
    expect(digest!.body).toContain('“Tuesday <b>works</b>”'); // a plain-text email: no markup interpreted
    expect(digest!.body).not.toContain('Just now'); // too fresh, and not for the admin
    expect(digest!.body).not.toContain('Before opting in');

    // Within the hour: nothing, even though Charlotte's reply has aged.
    expect(await sendDigests(env, new Date(t0 + HOUR + 30 * 60_000))).toBe(0);
    // An hour on: Charlotte's reply, and Ada's not again.
    expect(await sendDigests(env, new Date(t0 + 2 * HOUR + 60_000))).toBe(1);
    expect((await digests())[1]!.body).toContain('Just now');
    expect((await digests())[1]!.body).not.toContain('Ada Lovelace');
  });

  it('leaves out conversations the team answered, and users who turned it off', async () => {
    await reply('m_bruno_in', 'cand_demo_c1004', 'Bonjour', 2 * HOUR);
    await reply('m_bruno_out', 'cand_demo_c1004', 'Merci, je vous rappelle', 2 * HOUR + 60_000, 'outbound');
    expect(await sendDigests(env, new Date(t0 + 4 * HOUR))).toBe(0);
    await reply('m_late', 'cand_demo_c1005', 'Hola', 4 * HOUR);
    await call('/v1/me/digest', authed(rita, 'PUT', { enabled: false }));
    expect(await sendDigests(env, new Date(t0 + 6 * HOUR))).toBe(0);
    expect(await count('sandbox_emails', `subject LIKE '%waiting%'`)).toBe(2);
  });

  it('refuses a bad preference with the envelope and changes nothing', async () => {
    const response = await call('/v1/me/digest', authed(rita, 'PUT', { enabled: 'yes' }));
    expect(response.status).toBe(422);
    expect(await (await call('/v1/me/digest', authed(rita))).json()).toEqual({ enabled: false });
  });
});
