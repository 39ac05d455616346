/**
 * Chromium with the built extension loaded, the one way the e2e tests and the bench start it.
 * Here rather than in test/e2e/support.ts, which reads vitest's injected values on import.
 */
import { type BrowserContext, chromium, type FrameLocator, type Page } from 'playwright-core';

/** A fresh browser profile with the extension loaded, in Chromium's new headless mode. */
export function launchWithExtension(extensionDir: string, viewport?: { width: number; height: number }): Promise<BrowserContext> {
  // '': a temporary profile that Playwright deletes once the browser has exited.
  return chromium.launchPersistentContext('', {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false, // the flag below picks the new headless mode, which runs extensions
    ...(viewport ? { viewport } : {}),
    args: [
      '--headless=new',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens a demo ATS profile and signs in through its panel, as a recruiter does: the session the
 * background then holds is what fetches the tenant's data, its taught sites among them.
 * Resolves once the panel shows the candidate.
 */
export async function signInThroughPanel(page: Page, profileUrl: string, email: string, password: string): Promise<FrameLocator> {
  await page.goto(profileUrl);
  const panel = page.frameLocator('iframe[data-parley-panel]');
  await panel.getByTestId('signin-email').fill(email);
  await panel.getByTestId('signin-password').fill(password);
  await panel.getByTestId('signin-submit').click();
  await panel.getByTestId('candidate-name').waitFor({ timeout: 15_000 });
  return panel;
}
