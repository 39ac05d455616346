/**
 * Consent as a recruiter and a candidate live it: the Request action in the panel, the emailed
 * link (sandbox outbox) opened in Chromium, the consent page, START and STOP from the sandbox
 * phone, and the per-country opt-in rule.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO } from '../../worker/sandbox/seed.ts';
import { apiAs, launchWithExtension, openProfileSignedIn, screenshots, workerUrl } from './support.ts';

let context: BrowserContext;

beforeAll(async () => {
  context = await launchWithExtension();
});

afterAll(async () => {
  await context?.close();
});

/** Opens the newest consent email to `to` in the sandbox outbox and follows its link. */
async function openConsentLink(to: string): Promise<Page> {
  const outbox = await context.newPage();
  await outbox.goto(`${workerUrl}/sandbox/email?to=${encodeURIComponent(to)}`);
  const body = (await outbox.getByTestId('email-body').first().textContent()) ?? '';
  await outbox.close();
  const link = /https?:\/\/\S+\/c\/[A-Za-z0-9_-]+/.exec(body)?.[0];
  if (!link) throw new Error(`no consent link in: ${body}`);
  const page = await context.newPage();
  await page.goto(link);
  return page;
}

async function phoneOf(number: string): Promise<Page> {
  const phone = await context.newPage();
  await phone.goto(`${workerUrl}/sandbox/phone/${encodeURIComponent(number)}`);
  return phone;
}

const phoneTexts = (phone: Page) => phone.getByTestId('phone-message').allTextContents();

it('double opt-in: request → link → grant SMS → START → the message goes out; STOP → the next send is refused with the reason', async () => {
  const ats = await context.newPage();
  const panel = await openProfileSignedIn(ats, 'c-1008', DEMO.recruiter.email);
  await expect.poll(() => panel.getByTestId('composer-locked').textContent()).toMatch(/has not consented to SMS/);

  // The recruiter asks for consent from the consent pane.
  await panel.getByTestId('consent-pane').locator('summary').click();
  await panel.getByTestId('consent-request').click();
  await expect.poll(() => panel.getByTestId('consent-notice').textContent()).toContain('marcus.chen@example.org');
  await expect.poll(() => panel.getByTestId('composer-locked').textContent()).toMatch(/requested and has not been given/);

  // The candidate opens the emailed link, allows SMS and declines WhatsApp.
  const consentPage = await openConsentLink('marcus.chen@example.org');
  expect(await consentPage.getByTestId('consent-purpose').textContent()).toContain(DEMO.tenantName);
  await consentPage.getByTestId('consent-sms').getByRole('radio', { name: /Yes/ }).check();
  await consentPage.getByTestId('consent-whatsapp').getByRole('radio', { name: /No/ }).check();
  await consentPage.screenshot({ path: join(screenshots, 'consent-page.png') });
  await consentPage.getByTestId('consent-submit').click();
  await consentPage.getByTestId('consent-done').waitFor();
  await consentPage.close();

  // Double opt-in: the phone is asked to reply START, and the composer stays locked until it does.
  const phone = await phoneOf('+16465550142');
  await expect.poll(async () => (await phoneTexts(phone)).join('\n'), { timeout: 10_000 }).toMatch(/Reply START/);
  expect(await panel.getByTestId('composer-locked').count()).toBe(1);
  await phone.getByTestId('phone-reply').fill('START');
  await phone.getByTestId('phone-send').click();

  const text = 'Hi Marcus, thanks for confirming. Could we talk on Thursday?';
  // START arrives in the open panel, which re-reads consent and unlocks the composer.
  await expect.poll(() => panel.getByTestId('composer-locked').count(), { timeout: 10_000 }).toBe(0);
  await panel.getByTestId('composer').fill(text);
  await panel.getByTestId('send').click();
  const outbound = panel.getByTestId('message').filter({ hasText: text });
  await expect.poll(() => outbound.getAttribute('data-status'), { timeout: 10_000 }).toMatch(/sent|delivered/);
  // The sandbox phone reloads itself every 2 s while its reply box is empty: a reload of our own
  // could land on one of its own and abort.
  await expect.poll(async () => (await phoneTexts(phone)).some((t) => t.includes(text)), { timeout: 10_000 }).toBe(true);

  // STOP from the phone: the panel locks with the reason, and the worker refuses the send itself.
  await phone.getByTestId('phone-reply').fill('STOP');
  await phone.getByTestId('phone-send').click();
  await expect.poll(() => panel.getByTestId('composer-locked').textContent(), { timeout: 10_000 }).toBe('The candidate withdrew consent to SMS messages.');
  await ats.screenshot({ path: join(screenshots, 'consent-stopped.png') });
  const recruiter = await apiAs(DEMO.recruiter.email);
  const refused = await recruiter('/v1/candidates/cand_demo_c1008/messages', {
    method: 'POST',
    body: JSON.stringify({ channel: 'sms', body: 'One more thing' }),
  });
  expect(refused.status).toBe(409);
  expect(await refused.json()).toMatchObject({ error: { code: 'consent_required', message: 'The candidate withdrew consent to SMS messages.' } });
  await phone.close();
  await ats.close();
});

it('single opt-in for a German job ad: the identification message arrives first, in German', async () => {
  const admin = await apiAs(DEMO.admin.email);
  const settings = await admin('/v1/compliance-settings', {
    method: 'PUT',
    body: JSON.stringify({ defaultOptIn: 'double', countries: [{ country: 'DE', optIn: 'single' }] }),
  });
  expect(settings.status).toBe(200);

  const recruiter = await apiAs(DEMO.recruiter.email);
  const resolved = await recruiter('/v1/candidates', {
    method: 'PUT',
    body: JSON.stringify({
      ats: 'demo',
      atsCandidateId: 'c-e2e-de',
      name: 'Jonas Weber',
      phone: '+49 151 23456002',
      email: 'jonas.weber@example.de',
      jobTitle: 'Vertriebsmitarbeiter',
      language: 'de',
    }),
  });
  const { id } = (await resolved.json()) as { id: string };
  expect((await recruiter(`/v1/candidates/${id}/consent-requests`, { method: 'POST', body: JSON.stringify({ channels: ['sms'] }) })).status).toBe(201);

  const consentPage = await openConsentLink('jonas.weber@example.de');
  expect(await consentPage.locator('html').getAttribute('lang')).toBe('de');
  expect(await consentPage.locator('h1').textContent()).toBe('Dürfen wir Ihnen schreiben?');
  await consentPage.getByTestId('consent-sms').getByRole('radio', { name: /Ja/ }).check();
  await consentPage.getByTestId('consent-submit').click();
  await consentPage.getByTestId('consent-done').waitFor();
  await consentPage.close();

  const text = 'Hallo Jonas, passt Ihnen ein Gespräch am Donnerstag?';
  expect((await recruiter(`/v1/candidates/${id}/messages`, { method: 'POST', body: JSON.stringify({ channel: 'sms', body: text }) })).status).toBe(201);
  const phone = await phoneOf('+4915123456002');
  await expect.poll(async () => (await phoneTexts(phone)).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  const texts = await phoneTexts(phone);
  const identification = texts.findIndex((t) => /Hallo Jonas, hier ist Rita Ortiz von Northwind Talent zu Ihrer Bewerbung/.test(t));
  expect(identification).toBeGreaterThanOrEqual(0);
  expect(identification).toBeLessThan(texts.findIndex((t) => t.includes(text)));
  await phone.close();
});
