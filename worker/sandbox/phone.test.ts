import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../app.ts';
import { devApp } from './index.ts';
import { authed, call, count, outboxSettled, seedDemo, signIn } from '../../test/worker/support.ts';

const ADA = 'cand_demo_c1001';
let token: string;

beforeAll(async () => {
  await seedDemo();
  token = await signIn();
});

describe('the sandbox phone', () => {
  it('shows what a number received and turns its reply into an inbound message through the webhook route', async () => {
    await call(`/v1/candidates/${ADA}/messages`, authed(token, 'POST', { channel: 'sms', body: 'Hello from Rita' }));
    await outboxSettled();
    const phone = await call('/sandbox/phone/%2B14155550101');
    expect(phone.status).toBe(200);
    const page = await phone.text();
    expect(page).toContain('Hello from Rita');
    expect(page).toContain('From +14155550100');

    const reply = await call('/sandbox/phone/%2B14155550101/reply', {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ body: 'Sounds good', to: '+14155550100', channel: 'sms', integrationId: 'int_demo_sandbox' }),
    });
    expect(reply.status).toBe(303);
    const thread = (await (await call(`/v1/candidates/${ADA}/messages?channel=sms`, authed(token))).json()) as {
      messages: { body: string; direction: string }[];
    };
    expect(thread.messages.at(-1)).toMatchObject({ body: 'Sounds good', direction: 'inbound' });
    expect(await (await call('/sandbox/phone/%2B14155550101')).text()).toContain('Sounds good');
  });

  it('reports a message it has shown as delivered, once, through the webhook path', async () => {
    const sent = (await (await call(`/v1/candidates/${ADA}/messages`, authed(token, 'POST', { channel: 'sms', body: 'Receipt please' }))).json()) as {
      id: string;
    };
    await outboxSettled();
    const status = async () =>
      (
        (await (await call(`/v1/candidates/${ADA}/messages?channel=sms`, authed(token))).json()) as { messages: { id: string; status: string; seq: number }[] }
      ).messages.find((m) => m.id === sent.id)!;
    expect((await status()).status).toBe('sent');
    await call('/sandbox/phone/%2B14155550101');
    const delivered = await status();
    expect(delivered.status).toBe('delivered');
    await call('/sandbox/phone/%2B14155550101');
    expect((await status()).seq).toBe(delivered.seq);
  });

  it('refuses a reply without a body and changes nothing', async () => {
    const before = await count('messages');
    const reply = await call('/sandbox/phone/%2B14155550101/reply', {
      method: 'POST',
      body: new URLSearchParams({ body: ' ', to: '+14155550100', channel: 'sms', integrationId: 'int_demo_sandbox' }),
    });
    expect(reply.status).toBe(422);
    expect(await count('messages')).toBe(before);
  });

  it('is not part of the production app, and stays shut in the dev entry where SANDBOX_ENABLED is off', async () => {
    const isSandbox = (path: string) => /^\/(sandbox|bench)\/|^\/webhooks\/sandbox\//.test(path);
    expect(app.routes.filter((route) => isSandbox(route.path))).toEqual([]);
    expect(devApp.routes.filter((route) => isSandbox(route.path)).length).toBeGreaterThan(0);
    // A deployment of the dev entry by mistake: no sandbox, and no shifted clock (a shifted test run sets one).
    const production = {
      ...env,
      SANDBOX_ENABLED: 'false',
      CLOCK_OFFSET_MS: undefined,
      PROVIDER_API_OVERRIDE: undefined,
      PUBLIC_URL: 'https://parley.example.com',
      EMAIL_PROVIDER: 'http',
      EMAIL_API_URL: 'https://email.example.com/send',
      EMAIL_API_KEY: 'key',
      EMAIL_FROM: 'Parley <parley@example.com>',
    };
    for (const path of ['/sandbox/phone', '/sandbox/phone/%2B14155550101', '/sandbox/email']) {
      expect((await devApp.request(path, {}, production)).status, path).toBe(404);
    }
    expect((await devApp.request('/bench/floor', { method: 'POST', body: 'x' }, production)).status).toBe(404);
  });
});
