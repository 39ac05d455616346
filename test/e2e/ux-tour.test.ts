/**
 * Issue 20's look across the product, as a recruiter, an admin and a candidate see it: every
 * screen is photographed at desktop and phone sizes into test-output/e2e/ux-*.png, and axe-core,
 * run inside this Chromium, must find no serious or critical accessibility violation on the panel
 * (signed out, conversation, locked, template), the inbox, every options section and both
 * candidate pages (the consent page and its confirmation).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO } from '../../worker/sandbox/seed.ts';
import { apiAs, atsUrl, extensionOrigin, launchWithExtension, panelOf, screenshots, workerUrl } from './support.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * axe-core's findings of impact serious or critical in a page or frame. Evaluated through the
 * DevTools protocol rather than a <script> tag, which extension pages' CSP would refuse.
 */
async function seriousViolations(target: Page | Frame): Promise<string[]> {
  await target.evaluate(axeSource);
  const violations = await target.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

async function panelFrame(page: Page): Promise<Frame> {
  const element = await page.waitForSelector('iframe[data-parley-panel]', { timeout: 15_000 });
  const frame = await element.contentFrame();
  if (!frame) throw new Error('the panel iframe has no frame');
  await frame.waitForLoadState();
  return frame;
}

/**
 * Photographs the page — at desktop size, and at phone size too for pages people open on a phone
 * (the panel lives in a desktop ATS's sidebar) — and checks it with axe.
 */
async function look(
  page: Page,
  name: string,
  check: () => Promise<Page | Frame> = async () => page,
  sizes: 'desktop' | 'desktop and phone' = 'desktop and phone',
): Promise<string[]> {
  if (sizes === 'desktop and phone') {
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: join(screenshots, `ux-${name}-phone.png`) });
    await page.setViewportSize(DESKTOP);
  }
  await page.screenshot({ path: join(screenshots, `ux-${name}-desktop.png`) });
  return (await seriousViolations(await check())).map((violation) => `${name}: ${violation}`);
}

let recruiter: BrowserContext;
let admin: BrowserContext;

beforeAll(async () => {
  [recruiter, admin] = await Promise.all([launchWithExtension(DESKTOP), launchWithExtension(DESKTOP)]);
});

afterAll(async () => {
  await Promise.all([recruiter?.close(), admin?.close()]);
});

it('the panel and the inbox, as a recruiter: photographed, and no serious accessibility violation', async () => {
  const found: string[] = [];
  const ats = await recruiter.newPage();
  await ats.goto(`${atsUrl}/candidates/c-1001`);
  // Interactions through a locator, which finds the panel again if it is re-mounted; axe in the frame as it is then.
  const panel = panelOf(ats);
  const inPanel = () => panelFrame(ats);
  await panel.getByTestId('signin-email').waitFor({ timeout: 15_000 });
  found.push(...(await look(ats, 'panel-signed-out', inPanel, 'desktop')));

  await panel.getByTestId('signin-email').fill(DEMO.recruiter.email);
  await panel.getByTestId('signin-password').fill(DEMO.password);
  await panel.getByTestId('signin-submit').click();
  await panel.getByTestId('candidate-name').waitFor({ timeout: 15_000 });
  // A conversation to look at: Ada consented in the seed; the recruiter writes to her.
  await panel.getByTestId('composer').fill('Hi Ada, are you free for a call on Thursday afternoon?');
  await panel.getByTestId('send').click();
  await panel.getByTestId('message').first().waitFor({ timeout: 15_000 });
  found.push(...(await look(ats, 'panel-conversation', inPanel, 'desktop')));

  await panel.getByTestId('template-picker-toggle').click();
  await panel.getByTestId('template-option').first().click();
  await panel.getByTestId('merge-form').or(panel.getByTestId('template-problems')).first().waitFor();
  found.push(...(await look(ats, 'panel-template', inPanel, 'desktop')));
  await panel.getByTestId('template-discard').click();

  // Bruno has not consented: the composer is locked and says why, with the request at hand.
  await ats.goto(`${atsUrl}/candidates/c-1002`);
  await panel.getByTestId('composer-locked').waitFor({ timeout: 15_000 });
  found.push(...(await look(ats, 'panel-locked', inPanel, 'desktop')));

  const inbox = await recruiter.newPage();
  await inbox.setViewportSize({ width: 400, height: 800 });
  await inbox.goto(`${await extensionOrigin(recruiter)}/sidepanel.html`);
  await inbox.getByTestId('inbox-entry').first().waitFor({ timeout: 15_000 });
  await inbox.screenshot({ path: join(screenshots, 'ux-inbox.png') });
  found.push(...(await seriousViolations(inbox)).map((violation) => `inbox: ${violation}`));

  expect(found).toEqual([]);
});

it('every options section, as an admin: photographed, and no serious accessibility violation', async () => {
  const found: string[] = [];
  const options = await admin.newPage();
  await options.goto(`${await extensionOrigin(admin)}/options.html`);
  await options.getByTestId('signin-email').waitFor({ timeout: 15_000 });
  found.push(...(await look(options, 'options-signed-out')));
  await options.getByTestId('signin-email').fill(DEMO.admin.email);
  await options.getByTestId('signin-password').fill(DEMO.password);
  await options.getByTestId('signin-submit').click();
  await options.locator('nav a[data-testid^="nav-"]').first().waitFor({ timeout: 15_000 });
  const sections = await options.locator('nav a[data-testid^="nav-"]').evaluateAll((links) => links.map((link) => link.getAttribute('data-testid')!.slice(4)));
  expect(sections.length).toBeGreaterThan(5);
  for (const section of sections) {
    await options.getByTestId(`nav-${section}`).click();
    // Each section loads what it shows; give it the moment to arrive before looking.
    await options.waitForLoadState('networkidle');
    found.push(...(await look(options, `options-${section}`)));
  }
  expect(found).toEqual([]);
});

it('both candidate pages, the consent page and its confirmation: photographed, and no serious accessibility violation', async () => {
  const found: string[] = [];
  const recruiterApi = await apiAs(DEMO.recruiter.email);
  // Daan (c-1006, a Dutch job ad) is asked by no other e2e file.
  expect((await recruiterApi('/v1/candidates/cand_demo_c1006/consent-requests', { method: 'POST', body: JSON.stringify({}) })).status).toBe(201);
  const outbox = await (await fetch(`${workerUrl}/sandbox/email?to=${encodeURIComponent('daan.devries@example.org')}`)).text();
  const link = /https?:\/\/[^\s"<]+\/c\/[A-Za-z0-9_-]+/.exec(outbox)?.[0];
  if (!link) throw new Error('no consent link for Daan');
  const page = await recruiter.newPage();
  await page.goto(link);
  await expect.poll(() => page.getByTestId('consent-number').textContent()).toContain('+31 6 12345678');
  found.push(...(await look(page, 'consent-page')));
  await page.getByTestId('consent-sms').getByRole('radio', { name: /Nee/ }).check();
  await page.getByTestId('consent-whatsapp').getByRole('radio', { name: /Nee/ }).check();
  await page.getByTestId('consent-submit').click();
  await page.getByTestId('consent-done').waitFor();
  found.push(...(await look(page, 'consent-done')));
  expect(found).toEqual([]);
});
