/**
 * A real provider end to end, as an admin and a recruiter live it, against a fake Twilio that
 * speaks Twilio's HTTP (test/fakes/twilio.ts): the admin adds the integration on the options page
 * and moves the US SMS number to it, the recruiter sends from the panel, the fake posts a signed
 * `delivered` callback and the panel shows it; a forged callback is refused and changes nothing.
 */
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO } from '../../worker/sandbox/seed.ts';
import { type FakeTwilio, startFakeTwilio } from '../fakes/twilio.ts';
import { apiAs, extensionOrigin, launchWithExtension, openProfileSignedIn, screenshots, workerUrl } from './support.ts';

const hex = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n / 2)), (b) => b.toString(16).padStart(2, '0')).join('');
const accountSid = `AC${hex(32)}`;
const authToken = hex(32);
const US_NUMBER = '+14155550100';

let fake: FakeTwilio;
let adminBrowser: BrowserContext;
let recruiterBrowser: BrowserContext;

async function fakeControl<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${fake.url}/_fake/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`fake Twilio ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  fake = await startFakeTwilio();
  await fakeControl('accounts', { accountSid, authToken });
  [adminBrowser, recruiterBrowser] = await Promise.all([launchWithExtension({ width: 1280, height: 900 }), launchWithExtension()]);
});

afterAll(async () => {
  // Give the US SMS number back to the sandbox, as the seed made it, for the other e2e files.
  await (await apiAs(DEMO.admin.email))('/v1/sending-numbers', {
    method: 'PUT',
    body: JSON.stringify({ integrationId: DEMO.integrationId, channel: 'sms', country: 'US', phoneNumber: US_NUMBER, isDefault: true }),
  });
  await Promise.all([adminBrowser?.close(), recruiterBrowser?.close(), fake?.stop()]);
});

it('the admin adds Twilio on the options page, the recruiter sends, a signed delivered callback shows in the panel; a forged one is refused', async () => {
  // The admin adds the integration, pointing at the fake Twilio, and moves the US SMS number to it.
  const options = await adminBrowser.newPage();
  await options.goto(`${await extensionOrigin(adminBrowser)}/options.html#integrations`);
  await options.getByTestId('signin-email').fill(DEMO.admin.email);
  await options.getByTestId('signin-password').fill(DEMO.password);
  await options.getByTestId('signin-submit').click();
  await options.getByTestId('nav-integrations').click();
  await options.getByTestId('integration-provider').selectOption('twilio');
  await options.getByTestId('integration-name').fill('Twilio (fake)');
  await options.getByTestId('integration-accountSid').fill(accountSid);
  await options.getByTestId('integration-authToken').fill(authToken);
  await options.getByTestId('integration-apiBaseUrl').fill(fake.url);
  await options.getByTestId('integration-add').click();
  const twilio = options.locator('[data-testid="integration"][data-provider="twilio"]');
  await expect.poll(() => twilio.count(), { timeout: 10_000 }).toBe(1);
  const webhookUrl = await twilio.getByTestId('webhook-url').textContent();
  expect(webhookUrl).toMatch(new RegExp(`^${workerUrl}/webhooks/twilio/int_[0-9a-f]+$`));
  expect(await options.content()).not.toContain(authToken);
  await twilio.getByTestId('integration-test').click();
  await expect.poll(() => twilio.getByTestId('integration-outcome').textContent()).toMatch(/Twilio accepted/);

  await options.getByTestId('number-integration').selectOption({ label: 'Twilio (fake)' });
  await options.getByTestId('number-channel').selectOption('sms');
  await options.getByTestId('number-country').fill('US');
  await options.getByTestId('number-phone').fill(US_NUMBER);
  await options.getByTestId('number-save').click();
  await expect.poll(() => options.getByTestId('number-outcome').textContent()).toMatch(/now goes from \+14155550100/);
  const usSms = options.getByTestId('sending-number').filter({ hasText: 'US' }).filter({ hasText: 'SMS' });
  await expect.poll(() => usSms.textContent()).toMatch(/Twilio \(fake\)default/);
  await options.screenshot({ path: join(screenshots, 'options-integrations.png'), fullPage: true });

  // The recruiter sends to Ada from the panel; it leaves through the queue to the fake Twilio.
  const ats = await recruiterBrowser.newPage();
  const panel = await openProfileSignedIn(ats, 'c-1001', DEMO.recruiter.email);
  expect(await panel.getByTestId('candidate-name').textContent()).toContain('Ada Lovelace');
  const text = `Hi Ada, your interview is confirmed (${hex(6)}).`;
  await panel.getByTestId('composer').fill(text);
  await panel.getByTestId('send').click();
  const outbound = panel.getByTestId('message').filter({ hasText: text });
  await expect.poll(() => outbound.getAttribute('data-status'), { timeout: 15_000 }).toBe('sent');

  const accepted = (await fakeControl<{ sid: string; to: string; body: string; statusCallback: string }[]>(`${accountSid}/messages`)).filter(
    (m) => m.body === text,
  );
  expect(accepted).toHaveLength(1);
  expect(accepted[0]).toMatchObject({ to: '+14155550101', statusCallback: expect.stringContaining(`${webhookUrl}?ref=msg_`) });

  // Twilio reports delivery: the fake posts a signed callback to the worker, the panel shows it.
  const delivered = await fakeControl<{ status: number }>(`${accountSid}/callback`, { sid: accepted[0]!.sid, status: 'delivered' });
  expect(delivered.status).toBe(200);
  await expect.poll(() => outbound.getAttribute('data-status'), { timeout: 10_000 }).toBe('delivered');
  await ats.screenshot({ path: join(screenshots, 'panel-delivered.png') });

  // A forged callback (wrong auth token) is refused and changes nothing.
  const forged = await fakeControl<{ status: number; body: string }>(`${accountSid}/callback`, { sid: accepted[0]!.sid, status: 'read', forge: true });
  expect(forged.status).toBe(403);
  expect(JSON.parse(forged.body)).toMatchObject({ error: { code: 'invalid_signature' } });
  const thread = (await (await (await apiAs(DEMO.recruiter.email))('/v1/candidates/cand_demo_c1001/messages?channel=sms')).json()) as {
    messages: { body: string; status: string }[];
  };
  expect(thread.messages.find((m) => m.body === text)?.status).toBe('delivered');
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // a poll or two later, the panel still agrees
  expect(await outbound.getAttribute('data-status')).toBe('delivered');
});
