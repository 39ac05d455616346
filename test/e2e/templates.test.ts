/**
 * Issue 7's story: the admin writes a template on the options page, the recruiter inserts it for
 * a candidate in the panel, and the candidate's phone receives it with her real values.
 */
import { join } from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO } from '../../worker/sandbox/seed.ts';
import { atsUrl, launchWithExtension, screenshots, workerUrl } from './support.ts';

let context: BrowserContext;
let ats: Page;

beforeAll(async () => {
  context = await launchWithExtension({ width: 1280, height: 900 });
  ats = await context.newPage();
});

afterAll(async () => {
  await context?.close();
});

const panel = (): FrameLocator => ats.frameLocator('iframe[data-parley-panel]');

async function signIn(form: Page | FrameLocator, email: string) {
  await form.getByTestId('signin-email').fill(email);
  await form.getByTestId('signin-password').fill(DEMO.password);
  await form.getByTestId('signin-submit').click();
}

it('the admin creates a template; the recruiter inserts it for Ada; her phone receives the rendered text', async () => {
  // The extension's id, from the panel it mounts on the ATS page.
  await ats.goto(`${atsUrl}/candidates/c-1001`);
  const panelSrc = await ats.locator('iframe[data-parley-panel]').getAttribute('src', { timeout: 15_000 });
  // Node's URL gives chrome-extension:// URLs a "null" origin; the id is the host.
  const extensionOrigin = `chrome-extension://${new URL(panelSrc!).host}`;

  // The admin writes the template on the options page and sees it previewed as a candidate would.
  const options = await context.newPage();
  await options.goto(`${extensionOrigin}/options.html#templates`);
  await signIn(options, DEMO.admin.email);
  await options.getByTestId('nav-templates').click();
  await options.getByTestId('template-new').click();
  const name = `Call this week ${Date.now()}`;
  const body =
    'Hi {{candidate.first_name}}, {{recruiter.first_name}} from {{company.name}} here about {{job.title}}. Free for a call this week? {{interview.location | "We can talk by phone."}}';
  await options.getByTestId('template-name').fill(name);
  await options.getByTestId('template-body').fill(body);
  await expect
    .poll(() => options.getByTestId('template-preview').textContent())
    .toBe('Hi Ada, Avery from Northwind Talent here about Senior Backend Engineer. Free for a call this week? 1 Market Street');
  await options.screenshot({ path: join(screenshots, 'options-template-editor.png') });
  await options.getByTestId('template-save').click();
  await expect.poll(() => options.getByTestId('template-row').filter({ hasText: name }).count(), { timeout: 10_000 }).toBe(1);
  // The panel shares the options page's session: the admin signs out before the recruiter signs in.
  await options.getByTestId('nav-account').click();
  await options.getByTestId('options-sign-out').click();
  await options.close();

  // The recruiter finds the template in the composer and sees it with Ada's real values.
  await ats.reload();
  await signIn(panel(), DEMO.recruiter.email);
  await expect.poll(() => panel().getByTestId('candidate-name').textContent(), { timeout: 15_000 }).toContain('Ada Lovelace');
  await panel().getByTestId('template-picker-toggle').click();
  await panel().getByTestId('template-search').fill('call this week');
  await panel().getByTestId('template-option').filter({ hasText: name }).click();
  // Never the syntax: the text as Ada will read it, the one value Parley does not know an input in the line.
  const form = panel().getByTestId('merge-form');
  expect(await panel().getByTestId('composer').count()).toBe(0);
  expect(await form.textContent()).toBe('Hi Ada, Rita from Northwind Talent here about Senior Backend Engineer. Free for a call this week? ');
  const where = form.getByLabel('Interview location');
  expect(await where.getAttribute('placeholder')).toBe('We can talk by phone.');
  // The form reads as the message itself (nothing to pick a date for), so it is not shown twice; the count is the default's.
  expect(await panel().getByTestId('template-preview').count()).toBe(0);
  await expect.poll(() => panel().getByTestId('composer-count').textContent()).toBe('119 / 1600 characters · GSM-7 · 1 segment');
  await ats.screenshot({ path: join(screenshots, 'panel-template-preview.png') });

  // Filled in, it goes out as shown.
  await where.fill('Or come by 1 Market Street.');
  const filled = 'Hi Ada, Rita from Northwind Talent here about Senior Backend Engineer. Free for a call this week? Or come by 1 Market Street.';
  await expect.poll(() => panel().getByTestId('composer-count').textContent()).toBe('125 / 1600 characters · GSM-7 · 1 segment');
  await panel().getByTestId('send').click();
  const outbound = panel().getByTestId('message').filter({ hasText: filled });
  await expect.poll(() => outbound.getAttribute('data-status'), { timeout: 10_000 }).toMatch(/^(sent|delivered)$/);

  // The interview invitation from the composer: a date and a time picked, written out as Ada reads them (her number is Californian).
  await panel().getByTestId('template-picker-toggle').click();
  await panel().getByTestId('template-search').fill('Interview invitation');
  await panel().getByTestId('template-option').filter({ hasText: 'Interview invitation' }).first().click();
  await form.getByLabel('Interview title').waitFor();
  expect(await form.textContent()).not.toContain('{{');
  expect(await panel().getByTestId('send').isDisabled()).toBe(true);
  await form.getByLabel('Interview title').fill('a video call');
  await form.getByLabel('Interview date').fill('2027-03-02');
  await form.getByLabel('Interview time').fill('10:30');
  await ats.screenshot({ path: join(screenshots, 'panel-template-form.png') });
  expect(await panel().getByTestId('merge-missing').textContent()).toBe('To send, fill in: interview link.');
  await form.getByLabel('Interview link').fill('https://meet.example/ada');
  await expect
    .poll(() => panel().getByTestId('template-preview').textContent())
    .toBe(
      'Hi Ada, Northwind Talent invites you to a video call on Tuesday, March 2, 2027 at 10:30 (America/Los Angeles), online. Reply 1 or YES to confirm, 2 or NO to decline. Details: https://meet.example/ada',
    );
  expect(await panel().getByTestId('send').isDisabled()).toBe(false);
  await ats.screenshot({ path: join(screenshots, 'panel-template-filled.png') });

  const phone = await context.newPage();
  await phone.goto(`${workerUrl}/sandbox/phone/${encodeURIComponent('+14155550101')}`);
  await expect.poll(() => phone.getByTestId('phone-message').filter({ hasText: filled }).count(), { timeout: 10_000 }).toBe(1);
  await phone.close();
});
