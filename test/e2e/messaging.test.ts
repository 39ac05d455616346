/**
 * The skeleton's story, as a recruiter and a candidate live it: the real extension in headless
 * Chromium on the demo ATS, the real worker with D1, the sandbox phone.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO } from '../../worker/sandbox/seed.ts';
import { apiAs, launchWithExtension, openProfileSignedIn, screenshots, workerUrl } from './support.ts';

let context: BrowserContext;
let ats: Page;

beforeAll(async () => {
  context = await launchWithExtension();
  ats = await context.newPage();
});

afterAll(async () => {
  await context?.close();
});

it('a recruiter texts a consented candidate and sees the reply; the panel follows navigation; no consent, no send', async () => {
  // First use: the panel asks the recruiter to sign in, inside the extension's own origin.
  const panel = await openProfileSignedIn(ats, 'c-1001', DEMO.recruiter.email);
  await expect.poll(() => panel.getByTestId('candidate-name').textContent()).toContain('Ada Lovelace');
  expect(await ats.locator('iframe[data-parley-panel]').count()).toBe(1);
  expect(await ats.locator('iframe[data-parley-panel]').getAttribute('src')).toMatch(/^chrome-extension:\/\//);

  // Send.
  const text = `Hi Ada, this is Rita from ${DEMO.tenantName}. Are you free on Tuesday at 10:00?`;
  await panel.getByTestId('composer').fill(text);
  await panel.getByTestId('send').click();
  const outbound = panel.getByTestId('message').filter({ hasText: text });
  await expect.poll(() => outbound.getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');
  expect(await outbound.getAttribute('data-direction')).toBe('outbound');

  // The candidate's phone received it, and the candidate replies from there.
  const phone = await context.newPage();
  await phone.goto(`${workerUrl}/sandbox/phone/${encodeURIComponent('+14155550101')}`);
  await expect.poll(() => phone.getByTestId('phone-message').filter({ hasText: text }).count()).toBe(1);
  const reply = 'Tuesday at 10 works for me. Thanks!';
  await phone.getByTestId('phone-reply').fill(reply);
  await phone.getByTestId('phone-send').click();
  await expect.poll(() => phone.getByTestId('phone-message').filter({ hasText: reply }).count()).toBe(1);
  await phone.close();

  // The reply shows up in the open panel without a reload.
  const inbound = panel.getByTestId('message').filter({ hasText: reply });
  await expect.poll(() => inbound.count(), { timeout: 10_000 }).toBe(1);
  expect(await inbound.getAttribute('data-direction')).toBe('inbound');
  await ats.screenshot({ path: join(screenshots, 'panel-on-profile.png') });

  // Client-side navigation to a candidate without consent: the ATS keeps its sidebar, so the same
  // iframe switches candidates by hash instead of being re-created (and reloading the panel).
  await ats.locator('iframe[data-parley-panel]').evaluate((frame) => frame.setAttribute('data-e2e-mark', 'ada'));
  await ats.locator('a[data-nav][href="/candidates/c-1002"]').first().click();
  await expect.poll(() => panel.getByTestId('candidate-name').textContent(), { timeout: 10_000 }).toContain('Bruno Schmidt');
  expect(await ats.locator('iframe[data-parley-panel]').count()).toBe(1);
  expect(await ats.locator('iframe[data-parley-panel]').getAttribute('data-e2e-mark')).toBe('ada');
  expect(await panel.getByTestId('message').count()).toBe(0);

  // The panel explains the lock with the shared rule's words…
  await expect.poll(() => panel.getByTestId('composer-locked').textContent()).toMatch(/has not consented to SMS/);
  await ats.screenshot({ path: join(screenshots, 'panel-locked.png') });

  // …and the worker, the authority, refuses the send itself and stores nothing.
  const asRita = await apiAs(DEMO.recruiter.email);
  const refused = await asRita('/v1/candidates/cand_demo_c1002/messages', {
    method: 'POST',
    body: JSON.stringify({ channel: 'sms', body: 'Hallo Bruno' }),
  });
  expect(refused.status).toBe(409);
  expect(await refused.json()).toMatchObject({ error: { code: 'consent_required' } });
  const brunoPhone = await (await fetch(`${workerUrl}/sandbox/phone/${encodeURIComponent('+4915123456789')}`)).text();
  expect(brunoPhone).not.toContain('Hallo Bruno');
});
