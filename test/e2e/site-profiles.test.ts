/**
 * Issue 18, done-when 1, in the real extension: a second demo ATS Parley has no adapter for (no
 * ids, label/value rows, its own URL scheme, client-side navigation between candidates) is taught
 * by an admin's clicks in the real picker, and a recruiter on a fresh browser profile gets the
 * panel there, texts the candidate, follows a client-side navigation, survives one broken locator
 * and is told which field is missing when both of its locators break.
 *
 * How the test stands in for what a person does in the browser's own UI:
 * - Headless Chromium cannot answer the browser's permission prompt, so this run's copy of the
 *   extension lists the taught host in `host_permissions`, standing in for the user's "Allow";
 *   "Use Parley on this site" still asks for it, and the browser answers yes without a prompt;
 *   the recruiter's "Allow Parley on …" is skipped for the same reason.
 * - The toolbar button's side panel cannot be opened by a test: its page (sidepanel.html) is
 *   opened in a tab of the same window and the ATS tab is brought to the front, so the page's
 *   "active tab of this window" is the ATS tab, as it is for the real side panel.
 * The taught site's https pages are the saved fixtures (test/fixtures/ats/unknown/workable-like-*),
 * served by request interception (scripts/lib/workable-like.ts), with their script that navigates
 * by history.pushState.
 */
import { join } from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchWithExtension as launchExtensionBrowser } from '../../scripts/lib/extension-browser.ts';
import {
  extensionAllowedOnWorkableLike,
  serveWorkableLike,
  workableLikeCandidates,
  workableLikeHost as host,
  workableLikeProfile,
} from '../../scripts/lib/workable-like.ts';
import { DEMO } from '../../worker/sandbox/seed.ts';
import { apiAs, extensionDir, extensionOrigin, grantSmsFromConsentEmail, openProfileSignedIn, panelOf, screenshots, workerUrl } from './support.ts';

const ada = { path: workableLikeCandidates.ada, name: 'Ada Lovelace', phone: '+1 415 555 0101', email: 'ada.lovelace@example.com' };
const grace = { path: workableLikeCandidates.grace, name: 'Grace Hopper' };

let allowed: ReturnType<typeof extensionAllowedOnWorkableLike>;
const contexts: BrowserContext[] = [];

/** A fresh browser profile with this run's copy of the extension, the taught site served from the fixtures. */
async function launch(): Promise<BrowserContext> {
  const context = await launchExtensionBrowser(allowed.dir);
  contexts.push(context);
  // A step that cannot happen fails on its own line, well inside the test's time.
  context.setDefaultTimeout(10_000);
  await serveWorkableLike(context);
  return context;
}

/** The side panel's page, next to `ats` in its window, with `ats` the window's active tab. */
async function sidePanelBeside(ats: Page): Promise<Page> {
  const side = await ats.context().newPage();
  await side.setViewportSize({ width: 400, height: 800 });
  await side.goto(`${await extensionOrigin(ats.context())}/sidepanel.html`);
  await ats.bringToFront();
  await expect.poll(() => side.getByTestId('this-page').textContent(), { timeout: 10_000 }).toContain(`This page: ${host}`);
  return side;
}

/**
 * The picker's bar lives in a closed shadow root, out of reach of the page and of Playwright's
 * selectors; the DevTools protocol still sees it. The text and the on-screen box of one part.
 */
async function pickerPart(ats: Page, role: string): Promise<{ text: string; box: number[] } | null> {
  type DomNode = { nodeId: number; nodeType: number; nodeValue: string; attributes?: string[]; children?: DomNode[]; shadowRoots?: DomNode[] };
  const cdp = await ats.context().newCDPSession(ats);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const inside = (node: DomNode): DomNode[] => [...(node.shadowRoots ?? []), ...(node.children ?? [])];
    const find = (node: DomNode): DomNode | null => {
      const attributes = node.attributes ?? [];
      if (attributes.some((value, index) => index % 2 === 1 && value === role && attributes[index - 1] === 'data-role')) return node;
      for (const child of inside(node)) {
        const found = find(child);
        if (found) return found;
      }
      return null;
    };
    const textOf = (node: DomNode): string => (node.nodeType === 3 ? node.nodeValue : inside(node).map(textOf).join(''));
    const part = find(root);
    if (!part) return null;
    const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: part.nodeId }).catch(() => ({ model: { border: [] } }))) as { model: { border: number[] } };
    return { text: textOf(part), box: model.border };
  } finally {
    await cdp.detach();
  }
}

/** The panel (its own process) has drawn its latest state, so a screenshot of the page shows it. */
const panelPainted = (panel: FrameLocator) =>
  panel.locator('body').evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

const pickerRead = async (ats: Page) => (await pickerPart(ats, 'read'))?.text;

/** A click as the admin makes it: near the element's left edge, clear of the picker's bar at the top centre. */
const pick = (ats: Page, selector: string) => ats.locator(selector).click({ position: { x: 4, y: 4 } });

beforeAll(() => {
  allowed = extensionAllowedOnWorkableLike(extensionDir);
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  allowed.remove();
});

it('an admin teaches the site by clicking: the picker reads each field, a second candidate confirms the URL pattern, the profile keeps two locators per field', async () => {
  const context = await launch();
  const ats = await context.newPage();
  await openProfileSignedIn(ats, 'c-1001', DEMO.admin.email);
  await ats.goto(`https://${host}${ada.path}`);
  const side = await sidePanelBeside(ats);

  await side.getByTestId('teach-site').click();
  await ats.locator('[data-parley-picker]').waitFor({ state: 'attached' });
  await pick(ats, 'h2');
  await expect.poll(() => pickerRead(ats)).toBe(`name: ${ada.name}`);
  // Teaching in progress: the name picked and read, the highlight on the phone number.
  await ats.locator('.details .row:nth-child(2) .val').hover({ position: { x: 4, y: 4 } });
  await ats.screenshot({ path: join(screenshots, 'site-profile-teaching.png') });
  await pick(ats, '.details .row:nth-child(2) .val');
  await expect.poll(() => pickerRead(ats)).toBe(`phone number: ${ada.phone}`);
  await pick(ats, '.details a');
  await expect.poll(() => pickerRead(ats)).toBe(`email: ${ada.email}`);
  await pick(ats, '.sub');
  await expect.poll(() => pickerRead(ats)).toBe('job title: Senior Backend Engineer');
  // The page shows no job ad language: the admin skips that optional field with the bar's button.
  const skip = await pickerPart(ats, 'skip');
  if (!skip) throw new Error("the picker's bar has no Skip button for the optional field");
  const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = skip.box;
  await ats.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  await ats.locator('[data-parley-picker]').waitFor({ state: 'detached' });

  const picked = side.getByTestId('teach-picked');
  await expect.poll(() => picked.textContent()).toContain(ada.phone);
  expect(await picked.textContent()).toContain('Senior Backend Engineer');

  // The second candidate, reached the way the ATS navigates (client-side), confirms every field.
  await ats.getByRole('link', { name: 'Next candidate' }).click();
  await expect.poll(() => ats.locator('h2').textContent()).toBe(grace.name);
  await side.getByTestId('teach-confirm').click();
  await expect.poll(() => side.getByTestId('teach-confirmed').textContent(), { timeout: 10_000 }).toContain('+1 415 555 0161');
  await side.getByTestId('teach-save').click();
  await expect.poll(() => side.getByTestId('teach-saved').textContent(), { timeout: 10_000 }).toContain('/backend/candidates/{id}');
  // The admin's own tab, loaded before the site was taught, gets the panel without a reload.
  await expect.poll(() => panelOf(ats).getByTestId('candidate-name').textContent(), { timeout: 10_000 }).toContain(grace.name);

  const admin = await apiAs(DEMO.admin.email);
  const { profiles } = (await (await admin('/v1/site-profiles')).json()) as {
    profiles: { host: string; urlPattern: string; fields: Record<string, unknown[]> }[];
  };
  const taught = profiles.find((profile) => profile.host === host);
  expect(taught?.urlPattern).toBe('/backend/candidates/{id}');
  // What teaching these pages gives (the profile saved beside them), and the job title.
  const expected = workableLikeProfile();
  expect(taught?.fields).toEqual({
    ...expected.fields,
    jobTitle: [
      { kind: 'attribute', name: 'data-ui', value: 'job-title' },
      { kind: 'css', selector: 'body > main > header > div' },
    ],
  });
  await context.close();
});

it('a recruiter on a fresh browser profile gets the panel there, texts the candidate, follows client-side navigation; one broken locator is survivable, two name the field', async () => {
  const context = await launch();
  const ats = await context.newPage();
  // Signing in (on the demo ATS) is what makes the background fetch the tenant's taught sites.
  await openProfileSignedIn(ats, 'c-1001', DEMO.recruiter.email);
  await ats.goto(`https://${host}${ada.path}`);
  const panel = panelOf(ats);
  await expect.poll(() => panel.getByTestId('candidate-name').textContent(), { timeout: 20_000 }).toContain(ada.name);
  expect(await panel.getByTestId('missing-fields').count()).toBe(0);

  // A candidate new to Parley: the recruiter asks for consent, Ada allows SMS and replies START.
  await panel.getByTestId('consent-pane').locator('summary').click();
  await panel.getByTestId('consent-request').click();
  await expect.poll(() => panel.getByTestId('consent-notice').textContent()).toContain(ada.email);
  await grantSmsFromConsentEmail(ada.email);
  const phone = await context.newPage();
  await phone.goto(`${workerUrl}/sandbox/phone/${encodeURIComponent('+14155550101')}`);
  await expect.poll(async () => (await phone.getByTestId('phone-message').allTextContents()).join('\n'), { timeout: 10_000 }).toMatch(/Reply START/);
  await phone.getByTestId('phone-reply').fill('START');
  await phone.getByTestId('phone-send').click();
  await expect.poll(() => panel.getByTestId('composer-locked').count(), { timeout: 10_000 }).toBe(0);

  const text = `Hi Ada, Rita from ${DEMO.tenantName} here, about the backend role on our taught ATS.`;
  await panel.getByTestId('composer').fill(text);
  await panel.getByTestId('send').click();
  await expect.poll(() => panel.getByTestId('message').filter({ hasText: text }).getAttribute('data-status'), { timeout: 10_000 }).toMatch(/sent|delivered/);
  // The sandbox phone reloads itself every 2 s while its reply box is empty: a reload of our own
  // could land on one of its own and abort.
  await expect
    .poll(async () => (await phone.getByTestId('phone-message').allTextContents()).some((shown) => shown.includes(text)), { timeout: 10_000 })
    .toBe(true);
  await phone.close();
  await panel.getByTestId('consent-pane').locator('summary').click();
  await panelPainted(panel);
  await ats.screenshot({ path: join(screenshots, 'site-profile-panel.png') });

  // The ATS moves to the next candidate without a page load (pushState and a DOM swap): the panel follows.
  await ats.evaluate(() => Object.assign(window, { parleyE2eSamePage: true }));
  await ats.getByRole('link', { name: 'Next candidate' }).click();
  await expect.poll(() => panel.getByTestId('candidate-name').textContent(), { timeout: 10_000 }).toContain(grace.name);
  expect(ats.url()).toBe(`https://${host}${grace.path}`);
  expect(await ats.evaluate(() => (window as { parleyE2eSamePage?: boolean }).parleyE2eSamePage)).toBe(true);

  // One locator broken (the name's data-ui hook gone): the second one still finds the name,
  // as "Check this page" shows.
  await ats.locator('h2').evaluate((heading) => heading.removeAttribute('data-ui'));
  const side = await sidePanelBeside(ats);
  await side.getByTestId('check-page').click();
  await expect.poll(() => side.getByTestId('page-check-name').textContent(), { timeout: 10_000 }).toBe(`name${grace.name}locator 2 (css)`);
  expect(await side.getByTestId('page-check-matched').textContent()).toBe(`Site profile for ${host} (/backend/candidates/{id})`);
  await side.screenshot({ path: join(screenshots, 'site-profile-page-check.png') });
  expect(await panel.getByTestId('candidate-name').textContent()).toContain(grace.name);
  expect(await panel.getByTestId('missing-fields').count()).toBe(0);

  // Both of the phone's locators broken (its row gone): the panel names the missing field.
  await ats.locator('.details .row:nth-child(2)').evaluate((row) => row.remove());
  await expect.poll(() => panel.getByTestId('missing-fields').textContent(), { timeout: 10_000 }).toContain('phone number');
  await panelPainted(panel);
  await ats.screenshot({ path: join(screenshots, 'site-profile-missing-field.png') });
});
