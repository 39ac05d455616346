import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../app.ts';
import type { IntegrationRecord } from '../db/queries/integrations.ts';
import { openCredentials } from '../lib/sealed.ts';
import { openIntegration } from '../services/integrations.ts';
import { productionConfigProblems } from '../services/production-config.ts';
import { authed, call, count, DEMO, demoContext, env, outboxSettled, seedDemo, seedOtherTenant, signIn } from '../../test/worker/support.ts';
import { type TwilioAccount, twilioAccount } from '../../test/worker/providers.ts';

let admin: string;
let recruiter: string;
let account: TwilioAccount;

beforeAll(async () => {
  await seedDemo();
  admin = await signIn(DEMO.admin.email);
  recruiter = await signIn();
  account = await twilioAccount();
});

const twilioBody = () => ({
  provider: 'twilio',
  name: 'Twilio US',
  settings: { accountSid: account.accountSid, apiBaseUrl: account.fakeUrl },
  credentials: { authToken: account.authToken },
});

describe('integrations', () => {
  let id: string;

  it('are added by admins only; the answer has the webhook URLs and never the credentials', async () => {
    expect((await call('/v1/integrations', authed(recruiter, 'POST', twilioBody()))).status).toBe(403);
    expect((await call('/v1/integrations', authed(recruiter))).status).toBe(403);
    const response = await call('/v1/integrations', authed(admin, 'POST', twilioBody()));
    expect(response.status).toBe(201);
    const text = await response.text();
    expect(text).not.toContain(account.authToken);
    const created = JSON.parse(text) as { id: string };
    id = created.id;
    expect(created).toEqual({
      id: expect.stringMatching(/^int_/),
      provider: 'twilio',
      name: 'Twilio US',
      enabled: true,
      settings: { accountSid: account.accountSid, apiBaseUrl: account.fakeUrl },
      webhookUrls: { inbound: `http://parley.test/webhooks/twilio/${id}`, status: `http://parley.test/webhooks/twilio/${id}` },
      createdAt: expect.any(String),
    });
    const list = await (await call('/v1/integrations', authed(admin))).text();
    expect(list).toContain(id);
    expect(list).not.toContain(account.authToken);
    expect(list).not.toContain(DEMO.sandboxWebhookSecret);
  });

  it('keep credentials encrypted at rest, bound to their tenant and integration', async () => {
    const row = await env.DB.prepare(`SELECT config, credentials FROM integrations WHERE id = ?`).bind(id).first<{ config: string; credentials: string }>();
    expect(row!.credentials).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(`${row!.config}${row!.credentials}`).not.toContain(account.authToken);
    expect(await openCredentials(env, { tenantId: DEMO.tenantId, integrationId: id }, row!.credentials)).toEqual({
      authToken: account.authToken,
    });
    // Copied to another tenant's (or integration's) row, the ciphertext does not open.
    await expect(openCredentials(env, { tenantId: 'ten_other', integrationId: id }, row!.credentials)).rejects.toThrow();
    await expect(openCredentials(env, { tenantId: DEMO.tenantId, integrationId: 'int_other' }, row!.credentials)).rejects.toThrow();
    // And without the Worker secret nothing opens: fail closed.
    await expect(openCredentials({}, { tenantId: DEMO.tenantId, integrationId: id }, row!.credentials)).rejects.toThrow(/CREDENTIALS_KEY/);
  });

  it('are tested against the provider without sending anything', async () => {
    const before = (await account.requests()).length;
    const result = await call(`/v1/integrations/${id}/test`, authed(admin, 'POST'));
    expect(await result.json()).toMatchObject({ ok: true });
    const requests = (await account.requests()).slice(before);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /2010-04-01/Accounts/${account.accountSid}.json`]);

    const wrong = (await (
      await call('/v1/integrations', authed(admin, 'POST', { ...twilioBody(), credentials: { authToken: 'not-the-right-token' } }))
    ).json()) as { id: string };
    expect(await (await call(`/v1/integrations/${wrong.id}/test`, authed(admin, 'POST'))).json()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/refused/),
    });
  });

  it('refuse bad input with 422 and store nothing', async () => {
    const before = await count('integrations');
    for (const body of [
      { ...twilioBody(), settings: { accountSid: 'AC123' } },
      { ...twilioBody(), credentials: {} },
      { ...twilioBody(), provider: 'carrier-pigeon' },
      { provider: 'whatsapp-cloud', name: 'WA', settings: { phoneNumberId: '123456' }, credentials: { accessToken: 'EAAxxxxxxxx' } },
    ]) {
      const response = await call('/v1/integrations', authed(admin, 'POST', body));
      expect(response.status, JSON.stringify(body)).toBe(422);
    }
    expect(await count('integrations')).toBe(before);
  });

  it('are never visible or changeable from another tenant', async () => {
    const other = await seedOtherTenant();
    await env.DB.prepare(`UPDATE users SET role = 'admin' WHERE email = ?`).bind(other.email).run();
    const eve = await signIn(other.email);
    expect(await (await call('/v1/integrations', authed(eve))).json()).toEqual({ integrations: [] });
    expect((await call(`/v1/integrations/${id}/test`, authed(eve, 'POST'))).status).toBe(404);
    expect((await call(`/v1/integrations/${id}/disable`, authed(eve, 'POST'))).status).toBe(404);
    expect(
      (await call('/v1/sending-numbers', authed(eve, 'PUT', { integrationId: id, channel: 'sms', country: 'US', phoneNumber: '+14155550100' }))).status,
    ).toBe(404);
  });
});

describe('the number a send goes from', () => {
  it("is the candidate's country's (local), else the channel's default (international)", async () => {
    const sender = async (candidateId: string) => (await call(`/v1/candidates/${candidateId}/sender?channel=sms`, authed(recruiter))).json();
    expect(await sender('cand_demo_c1001')).toEqual({ phoneNumber: '+14155550100', country: 'US', international: false });
    const french = (await (await call('/v1/candidates', authed(recruiter, 'PUT', demoContext('c-1004', 'Chloé', '+33 6 12 34 56 78')))).json()) as {
      id: string;
    };
    expect(await sender(french.id)).toEqual({ phoneNumber: '+14155550100', country: 'US', international: true });
    expect((await call('/v1/candidates/cand_missing/sender?channel=sms', authed(recruiter))).status).toBe(404);
  });
});

describe('sending numbers', () => {
  it('are set per country and channel, with one default per channel, by admins', async () => {
    const { id } = (await (await call('/v1/integrations', authed(admin, 'POST', twilioBody()))).json()) as { id: string };
    expect(
      (await call('/v1/sending-numbers', authed(recruiter, 'PUT', { integrationId: id, channel: 'sms', country: 'FR', phoneNumber: '+33612345678' }))).status,
    ).toBe(403);
    // Moving the US number to another provider keeps it the SMS default.
    const us = await call('/v1/sending-numbers', authed(admin, 'PUT', { integrationId: id, channel: 'sms', country: 'US', phoneNumber: '+14155550100' }));
    expect(await us.json()).toMatchObject({ integrationId: id, country: 'US', isDefault: true });
    const fr = await call(
      '/v1/sending-numbers',
      authed(admin, 'PUT', { integrationId: id, channel: 'sms', country: 'FR', phoneNumber: '+33612345678', isDefault: true }),
    );
    expect(fr.status).toBe(200);
    expect(await fr.json()).toMatchObject({ integrationId: id, channel: 'sms', country: 'FR', phoneNumber: '+33612345678', isDefault: true });
    const { numbers } = (await (await call('/v1/sending-numbers', authed(admin))).json()) as {
      numbers: { id: string; channel: string; country: string; isDefault: boolean }[];
    };
    expect(numbers.filter((n) => n.channel === 'sms' && n.isDefault).map((n) => n.country)).toEqual(['FR']);
    expect(
      (await call('/v1/sending-numbers', authed(admin, 'PUT', { integrationId: id, channel: 'sms', country: 'France', phoneNumber: '0612' }))).status,
    ).toBe(422);
    const removed = numbers.find((n) => n.country === 'FR')!;
    expect((await call(`/v1/sending-numbers/${removed.id}`, authed(admin, 'DELETE'))).status).toBe(204);
    expect((await call(`/v1/sending-numbers/${removed.id}`, authed(admin, 'DELETE'))).status).toBe(404);
  });
});

describe('disabling an integration', () => {
  it('refuses its webhooks, and its numbers stop sending', async () => {
    const { id } = (await (await call('/v1/integrations', authed(admin, 'POST', twilioBody()))).json()) as { id: string };
    await call('/v1/sending-numbers', authed(admin, 'PUT', { integrationId: id, channel: 'sms', country: 'US', phoneNumber: '+14155550100' }));
    const disabled = await call(`/v1/integrations/${id}/disable`, authed(admin, 'POST'));
    expect(await disabled.json()).toMatchObject({ id, enabled: false });
    const params = { MessageSid: 'SM00000000000000000000000000000099', From: '+14155550101', To: '+14155550100', Body: 'hi' };
    const url = `http://parley.test/webhooks/twilio/${id}`;
    const webhook = await call(url, {
      method: 'POST',
      headers: { 'X-Twilio-Signature': await account.sign(url, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(webhook.status).toBe(404);
    // Its number no longer sends: with no other US or default SMS number, the send is refused up front.
    const send = await call('/v1/candidates/cand_demo_c1001/messages', authed(recruiter, 'POST', { channel: 'sms', body: 'Hello' }));
    expect(send.status).toBe(409);
    await outboxSettled();
  });
});

describe('another API host for a provider (apiBaseUrl)', () => {
  it('needs the explicit PROVIDER_API_OVERRIDE, not the sandbox alone, and is refused by a production config', async () => {
    const sandboxOnly = { ...env, PROVIDER_API_OVERRIDE: undefined };
    const integrations = await count('integrations');
    const refused = await createApi().request('/v1/integrations', authed(admin, 'POST', twilioBody()), sandboxOnly);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ error: { code: 'validation_failed', message: expect.stringContaining('apiBaseUrl') } });
    expect(await count('integrations')).toBe(integrations);

    // A stored row that names another host (restored from a test stack) is sent to the provider's own.
    const record: IntegrationRecord = {
      id: 'int_restored',
      tenantId: DEMO.tenantId,
      provider: 'twilio',
      name: 'Restored',
      enabled: true,
      config: { accountSid: account.accountSid, apiBaseUrl: 'http://169.254.169.254' },
      sealedCredentials: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    expect((await openIntegration(sandboxOnly, record)).config).toEqual({ accountSid: account.accountSid });
    expect((await openIntegration(env, record)).config).toMatchObject({ apiBaseUrl: 'http://169.254.169.254' });

    const production = {
      SANDBOX_ENABLED: 'false',
      PROVIDER_API_OVERRIDE: 'true',
      CREDENTIALS_KEY: env.CREDENTIALS_KEY,
      PUBLIC_URL: 'https://parley.example.com',
      EMAIL_PROVIDER: 'http',
      EMAIL_API_URL: 'https://email.example.com/send',
      EMAIL_API_KEY: 'key',
      EMAIL_FROM: 'Parley <parley@example.com>',
    };
    expect(productionConfigProblems(production)).toEqual([expect.stringContaining('PROVIDER_API_OVERRIDE')]);
    expect(productionConfigProblems({ ...production, PROVIDER_API_OVERRIDE: undefined })).toEqual([]);
  });
});
