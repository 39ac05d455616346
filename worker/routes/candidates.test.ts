import { beforeAll, describe, expect, it } from 'vitest';
import { signSandboxBody } from '../providers/sandbox.ts';
import { authed, call, callSettled, count, DEMO, demoContext, outboxSettled, seedDemo, seedOtherTenant, signIn } from '../../test/worker/support.ts';

const ADA = 'cand_demo_c1001'; // seeded with SMS consent
const BRUNO = 'cand_demo_c1002'; // seeded without consent
let token: string;

beforeAll(async () => {
  await seedDemo();
  token = await signIn();
});

const send = (candidateId: string, body: unknown) => call(`/v1/candidates/${candidateId}/messages`, authed(token, 'POST', body));
const thread = async (candidateId: string, after = 0) =>
  (
    (await (await call(`/v1/candidates/${candidateId}/messages?channel=sms&after=${after}`, authed(token))).json()) as {
      messages: { id: string; body: string; direction: string; status: string; seq: number }[];
    }
  ).messages;

async function inbound(payload: Record<string, string>, secret: string = DEMO.sandboxWebhookSecret, integrationId: string = DEMO.integrationId) {
  const raw = JSON.stringify(payload);
  return call(`/webhooks/sandbox/${integrationId}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Sandbox-Signature': await signSandboxBody(secret, raw) },
    body: raw,
  });
}

describe('resolving the candidate an ATS page shows', () => {
  it('returns the seeded candidate with consent per channel, refreshed from the page', async () => {
    const response = await call('/v1/candidates', authed(token, 'PUT', demoContext('c-1001', 'Ada King', '+1 (415) 555-0101')));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: ADA,
      name: 'Ada King',
      phone: '+14155550101',
      phoneCountry: 'US',
      consent: { sms: 'granted', whatsapp: 'none' },
    });
  });

  it('creates an unknown candidate without consent and resolves shared calling codes to the country', async () => {
    const response = await call('/v1/candidates', authed(token, 'PUT', demoContext('c-new', 'New Person', '+1 416 555 0199')));
    expect(await response.json()).toMatchObject({ phone: '+14165550199', phoneCountry: 'CA', consent: { sms: 'none', whatsapp: 'none' } });
  });

  it('refuses a context with a bad field and writes nothing', async () => {
    const before = await count('candidates');
    const response = await call('/v1/candidates', authed(token, 'PUT', { ...demoContext('c-x', 'X', null), language: 'english' }));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: 'validation_failed' } });
    expect(await count('candidates')).toBe(before);
  });

  it("stores a profile URL on the ATS's own hosts, and refuses one elsewhere without writing anything", async () => {
    const ok = await call(
      '/v1/candidates',
      authed(token, 'PUT', { ...demoContext('c-url', 'Url Ok', null), profileUrl: 'http://localhost:4173/candidates/c-url' }),
    );
    expect(ok.status).toBe(200);
    expect(await count('candidates', 'profile_url = ?', 'http://localhost:4173/candidates/c-url')).toBe(1);

    const before = await count('candidates');
    for (const [ats, profileUrl] of [
      ['demo', 'https://phish.example/candidates/c-evil'],
      ['greenhouse', 'https://app.greenhouse.io.phish.example/people/1'],
      ['unknown-ats', 'https://anywhere.example/'],
    ] as const) {
      const refused = await call('/v1/candidates', authed(token, 'PUT', { ...demoContext('c-evil', 'Evil', null), ats, profileUrl }));
      expect(refused.status, `${ats} ${profileUrl}`).toBe(422);
      expect(await refused.json()).toMatchObject({ error: { code: 'validation_failed', message: expect.stringContaining('profileUrl') } });
    }
    expect(await count('candidates')).toBe(before);
  });
});

describe('sending', () => {
  it('stores the message queued, and the queue hands it to the sandbox provider: sent', async () => {
    const response = await send(ADA, { channel: 'sms', body: 'Hi Ada, are you free for a call on Tuesday?' });
    expect(response.status).toBe(201);
    const message = (await response.json()) as { id: string; status: string; direction: string };
    expect(message).toMatchObject({ status: 'queued', direction: 'outbound' });
    await outboxSettled();
    expect((await thread(ADA)).find((m) => m.id === message.id)?.status).toBe('sent');
    expect(await count('sandbox_traffic', `phone_number = ? AND parley_number = ? AND direction = 'to_phone'`, '+14155550101', '+14155550100')).toBe(1);
    expect((await thread(ADA)).map((m) => m.id)).toContain(message.id);
  });

  it('sends in the request’s own after-work, not after a queue batch: sent once the answer’s work is done', async () => {
    await outboxSettled();
    // The queue waits up to its batch timeout (1 s) before it hands a message over; the first
    // attempt runs as soon as the answer is out.
    const response = await callSettled(`/v1/candidates/${ADA}/messages`, authed(token, 'POST', { channel: 'sms', body: 'Hi Ada, one more thing.' }));
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect((await thread(ADA)).find((m) => m.id === id)?.status).toBe('sent');
  });

  it('refuses without consent: 409 consent_required, no message, nothing at the phone', async () => {
    await outboxSettled(); // earlier sends are delivered after their answers: not counted as this one's
    const [messages, traffic] = [await count('messages'), await count('sandbox_traffic')];
    const response = await send(BRUNO, { channel: 'sms', body: 'Hallo Bruno' });
    expect(response.status).toBe(409);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('consent_required');
    expect(body.error.message).toMatch(/not consented to SMS/);
    expect(await count('messages')).toBe(messages);
    expect(await count('sandbox_traffic')).toBe(traffic);
  });

  it('refuses WhatsApp where only SMS was consented', async () => {
    const response = await send(ADA, { channel: 'whatsapp', body: 'Hi' });
    expect(response.status).toBe(409);
  });

  it.each([
    [{ channel: 'sms', body: '   ' }, 422],
    [{ channel: 'fax', body: 'hi' }, 422],
    [{ channel: 'sms', body: 'x'.repeat(1601) }, 422],
    [{ body: 'hi' }, 422],
  ])('refuses bad input %j with %i and writes nothing', async (input, status) => {
    const before = await count('messages');
    const response = await send(ADA, input);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code: 'validation_failed' } });
    expect(await count('messages')).toBe(before);
  });

  it('answers 404 for a candidate it does not know', async () => {
    const response = await send('cand_missing', { channel: 'sms', body: 'hi' });
    expect(response.status).toBe(404);
  });
});

describe('inbound through the sandbox webhook', () => {
  it('stores a signed reply once, even when replayed, and the thread shows it after the cursor', async () => {
    const [last] = (await thread(ADA)).slice(-1);
    const payload = { messageId: 'sbx_reply_1', channel: 'sms', from: '+14155550101', to: '+14155550100', body: 'Tuesday works!' };
    const first = await inbound(payload);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ outcomes: ['stored'] });
    const replay = await inbound(payload);
    expect(await replay.json()).toEqual({ outcomes: ['duplicate'] });
    const newer = await thread(ADA, last?.seq ?? 0);
    expect(newer).toHaveLength(1);
    expect(newer[0]).toMatchObject({ body: 'Tuesday works!', direction: 'inbound', status: 'received' });
  });

  it('refuses a wrong or missing signature with 403 and changes nothing', async () => {
    const before = await count('messages');
    const forged = await inbound(
      { messageId: 'sbx_forged', channel: 'sms', from: '+14155550101', to: '+14155550100', body: 'x' },
      'not-the-secret-not-the-secret',
    );
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: { code: 'invalid_signature' } });
    const unsigned = await call(`/webhooks/sandbox/${DEMO.integrationId}`, { method: 'POST', body: '{}' });
    expect(unsigned.status).toBe(403);
    expect(await count('messages')).toBe(before);
  });

  it('refuses a signed but invalid body with 400, and an unknown integration with 404', async () => {
    const bad = await inbound({ messageId: 'sbx_bad', channel: 'sms', from: 'nope', to: '+14155550100', body: 'x' });
    expect(bad.status).toBe(400);
    const unknown = await inbound(
      { messageId: 'sbx_u', channel: 'sms', from: '+14155550101', to: '+14155550100', body: 'x' },
      DEMO.sandboxWebhookSecret,
      'int_missing',
    );
    expect(unknown.status).toBe(404);
  });
});

describe('tenant scope', () => {
  it('never shows or sends across tenants, whatever ids the caller sends', async () => {
    const other = await seedOtherTenant();
    const eve = await signIn(other.email);
    const asEve = (path: string, method = 'GET', body?: unknown) => call(path, authed(eve, method, body));
    expect((await asEve(`/v1/candidates/${ADA}`)).status).toBe(404);
    expect((await asEve(`/v1/candidates/${ADA}/messages?channel=sms`)).status).toBe(404);
    expect((await asEve(`/v1/candidates/${ADA}/messages`, 'POST', { channel: 'sms', body: 'hi' })).status).toBe(404);
    // And the demo recruiter cannot reach the other tenant's candidate either.
    expect((await call(`/v1/candidates/${other.candidateId}`, authed(token))).status).toBe(404);
    // The same ATS id in another tenant is another candidate.
    const resolved = (await (await asEve('/v1/candidates', 'PUT', demoContext('c-1001', 'Ada', '+1 415 555 0101'))).json()) as {
      id: string;
      consent: { sms: string };
    };
    expect(resolved.id).not.toBe(ADA);
    expect(resolved.consent.sms).toBe('none');
  });
});
