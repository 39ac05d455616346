/**
 * What the e2e tests share: Chromium with the built extension, the extension's origin, signing in
 * through the panel, and the worker's API as a given user.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { inject } from 'vitest';
import { launchWithExtension as launchExtensionBrowser, signInThroughPanel } from '../../scripts/lib/extension-browser.ts';
import { DEMO } from '../../worker/sandbox/seed.ts';

export const workerUrl = inject('workerUrl');
export const atsUrl = inject('atsUrl');
export const extensionDir = inject('extensionDir');
export const screenshots = join(import.meta.dirname, '../../test-output/e2e');
mkdirSync(screenshots, { recursive: true });

/** A fresh browser profile with the built extension loaded. */
export const launchWithExtension = (viewport = { width: 1280, height: 800 }): Promise<BrowserContext> => launchExtensionBrowser(extensionDir, viewport);

/** The extension's service worker, where the badge and notifications can be read. */
export async function backgroundOf(context: BrowserContext) {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

export async function extensionOrigin(context: BrowserContext): Promise<string> {
  // Node gives chrome-extension: URLs an opaque "null" origin; build it from the host.
  return `chrome-extension://${new URL((await backgroundOf(context)).url()).host}`;
}

export const panelOf = (page: Page): FrameLocator => page.frameLocator('iframe[data-parley-panel]');

/** Opens a candidate's profile in the demo ATS and signs in through the panel there. */
export const openProfileSignedIn = (page: Page, candidate: string, email: string): Promise<FrameLocator> =>
  signInThroughPanel(page, `${atsUrl}/candidates/${candidate}`, email, DEMO.password);

/** A signed-in API caller, as the extension would be. */
export async function apiAs(email: string) {
  const response = await fetch(`${workerUrl}/v1/auth/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO.password }),
  });
  const { token } = (await response.json()) as { token: string };
  return (path: string, init: RequestInit = {}) =>
    fetch(`${workerUrl}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers } });
}

/**
 * The candidate allows SMS (and declines WhatsApp, if asked too) on the page their newest consent
 * email links to (the sandbox outbox), as its form posts it.
 */
export async function grantSmsFromConsentEmail(to: string): Promise<void> {
  const outbox = await (await fetch(`${workerUrl}/sandbox/email?to=${encodeURIComponent(to)}`)).text();
  const link = /https?:\/\/[^\s"<]+\/c\/[A-Za-z0-9_-]+/.exec(outbox)?.[0];
  if (!link) throw new Error(`no consent link for ${to}`);
  const granted = await fetch(link, { method: 'POST', body: new URLSearchParams({ sms: 'grant', whatsapp: 'decline' }) });
  if (granted.status !== 200) throw new Error(`the consent page answered ${granted.status} for ${to}`);
}
