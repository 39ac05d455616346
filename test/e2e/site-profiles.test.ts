/**
 * Issue 18 in the real extension: an ATS Parley has no adapter for, taught once for the tenant
 * (the profile an admin's clicks produce, saved through the API), gives a recruiter the panel
 * with the right candidate; a field whose locators all fail is named in the panel.
 *
 * Headless Chromium cannot answer the browser's permission prompt, so this run's copy of the
 * extension lists the taught host in `host_permissions`, standing in for the recruiter's "Allow".
 * The taught site's https pages are the saved fixtures, served by request interception.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchWithExtension as launchExtensionBrowser } from '../../scripts/lib/extension-browser.ts';
import { DEMO } from '../../worker/sandbox/seed.ts';
import { apiAs, extensionDir, openProfileSignedIn, panelOf, screenshots } from './support.ts';

const host = 'acme.workable-like.example';
const fixtures = resolve(import.meta.dirname, '../fixtures/ats/unknown');
const pages: Record<string, string> = {
  '/backend/candidates/ada-lovelace-1': 'workable-like-1.html',
  '/backend/candidates/grace-hopper-2': 'workable-like-2.html',
};
/** What teaching these pages derives (extension/site-profiles/locators.test.ts). */
const profile = {
  host,
  urlPattern: '/backend/candidates/{id}',
  fields: {
    name: [
      { kind: 'attribute', name: 'data-ui', value: 'candidate-name' },
      { kind: 'css', selector: 'body > main > header > h2' },
    ],
    phone: [
      { kind: 'label', text: 'Phone' },
      { kind: 'css', selector: 'body > main > section:nth-of-type(1) > div:nth-of-type(2) > span:nth-of-type(2)' },
    ],
  },
};

let dir: string;
let context: BrowserContext;
let ats: Page;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-e2e-site-'));
  cpSync(extensionDir, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { host_permissions: string[] };
  manifest.host_permissions.push(`https://${host}/*`);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));

  const admin = await apiAs(DEMO.admin.email);
  const created = await admin('/v1/site-profiles', { method: 'POST', body: JSON.stringify(profile) });
  expect(created.status).toBe(201);

  context = await launchExtensionBrowser(dir);
  await context.route(`https://${host}/**`, (route) => {
    const page = pages[new URL(route.request().url()).pathname];
    return page ? route.fulfill({ contentType: 'text/html', body: readFileSync(join(fixtures, page), 'utf8') }) : route.fulfill({ status: 404 });
  });
  ats = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a recruiter gets the panel on the taught site with the right candidate; a field no locator finds is named', async () => {
  // Signing in (on the demo ATS) is what makes the background fetch the tenant's taught sites.
  await openProfileSignedIn(ats, 'c-1001', DEMO.recruiter.email);

  await ats.goto(`https://${host}/backend/candidates/ada-lovelace-1`);
  const panel = panelOf(ats);
  await expect.poll(() => panel.getByTestId('candidate-name').textContent(), { timeout: 20_000 }).toContain('Ada Lovelace');
  expect(await panel.getByTestId('missing-fields').count()).toBe(0);
  await ats.screenshot({ path: join(screenshots, 'site-profile-panel.png') });

  await ats.goto(`https://${host}/backend/candidates/grace-hopper-2`);
  await expect.poll(() => panel.getByTestId('candidate-name').textContent(), { timeout: 20_000 }).toContain('Grace Hopper');

  // The ATS changed its layout: the phone row is gone, both of its locators fail.
  await ats.locator('.details .row:nth-child(2)').evaluate((row) => row.remove());
  await expect.poll(() => panel.getByTestId('missing-fields').textContent(), { timeout: 10_000 }).toContain('phone number');
  await ats.screenshot({ path: join(screenshots, 'site-profile-missing-field.png') });
});
