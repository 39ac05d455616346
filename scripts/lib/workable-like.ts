/**
 * The second demo ATS: the Workable-like pages of test/fixtures/ats/unknown, an https site Parley
 * has no adapter for, served from the saved pages by request interception in a browser context.
 * The site-profile e2e teaches it; the bench times the panel mount there with the saved profile.
 * @module
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import type { SiteProfile } from '../../shared/api/site-profiles.ts';

const fixtures = resolve(import.meta.dirname, '../../test/fixtures/ats/unknown');

type TaughtProfile = Pick<SiteProfile, 'host' | 'urlPattern' | 'fields'>;

export const workableLikeCandidates = {
  ada: '/backend/candidates/ada-lovelace-1',
  grace: '/backend/candidates/grace-hopper-2',
} as const;
export const workableLikeList = '/backend/candidates';

const html = 'text/html; charset=utf-8';
const served: Record<string, { file: string; contentType: string }> = {
  [workableLikeList]: { file: 'workable-like-candidates.html', contentType: html },
  [workableLikeCandidates.ada]: { file: 'workable-like-1.html', contentType: html },
  [workableLikeCandidates.grace]: { file: 'workable-like-2.html', contentType: html },
  '/assets/workable-like.js': { file: 'workable-like.js', contentType: 'text/javascript; charset=utf-8' },
};

/** What teaching these pages gives (host, URL pattern, name, phone and email locators): a site profile's input. */
export function workableLikeProfile(): TaughtProfile {
  return JSON.parse(readFileSync(join(fixtures, 'workable-like.profile.json'), 'utf8')) as TaughtProfile;
}

/** The site's host, as the saved profile names it. */
export const workableLikeHost = workableLikeProfile().host;

/** Answers the context's requests for the site from the saved pages; anything else there is a 404. */
export async function serveWorkableLike(context: BrowserContext): Promise<void> {
  await context.route(`https://${workableLikeHost}/**`, (route) => {
    const page = served[new URL(route.request().url()).pathname];
    return page ? route.fulfill({ contentType: page.contentType, body: readFileSync(join(fixtures, page.file), 'utf8') }) : route.fulfill({ status: 404 });
  });
}

/**
 * A copy of the built extension that lists the site in `host_permissions`. Headless Chromium cannot
 * answer the permission prompt, so this stands in for the user's "Allow" on that one origin.
 */
export function extensionAllowedOnWorkableLike(extensionDir: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'parley-site-'));
  cpSync(extensionDir, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { host_permissions: string[] };
  manifest.host_permissions.push(`https://${workableLikeHost}/*`);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
