/**
 * Two recruiters of one hiring team, each in their own browser: Rita has Ada's profile open, Jana
 * watches the inbox. A candidate's reply posted to the inbound webhook reaches both at once, with
 * a desktop notification and the toolbar badge; opening the conversation clears it.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO } from '../../worker/sandbox/seed.ts';
import { backgroundOf, extensionOrigin, launchWithExtension, openProfileSignedIn, screenshots, workerUrl } from './support.ts';

let rita: BrowserContext;
let jana: BrowserContext;

beforeAll(async () => {
  [rita, jana] = await Promise.all([launchWithExtension(), launchWithExtension()]);
});

afterAll(async () => {
  await Promise.all([rita?.close(), jana?.close()]);
});

/** The candidate's phone replying, exactly as the sandbox provider's webhook carries it. */
async function replyFromAda(body: string): Promise<number> {
  const raw = JSON.stringify({ messageId: `sbx_${randomUUID()}`, channel: 'sms', from: '+14155550101', to: '+14155550100', body });
  const sentAt = Date.now();
  const response = await fetch(`${workerUrl}/webhooks/sandbox/${DEMO.integrationId}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Sandbox-Signature': `sha256=${createHmac('sha256', DEMO.sandboxWebhookSecret).update(raw).digest('hex')}`,
    },
    body: raw,
  });
  expect(response.status).toBe(200);
  return sentAt;
}

const badgeOf = async (context: BrowserContext) => (await backgroundOf(context)).evaluate(() => chrome.action.getBadgeText({}));
const realtimeStatusOf = async (context: BrowserContext) =>
  (await backgroundOf(context)).evaluate(async () => (await chrome.storage.session.get('realtimeStatus')).realtimeStatus);
const notificationsOf = async (context: BrowserContext) => (await backgroundOf(context)).evaluate(async () => Object.keys(await chrome.notifications.getAll()));

it('a reply reaches the open panel and a teammate’s inbox within a second, notifies, badges, and clears when opened', async () => {
  const ritaTab = await rita.newPage();
  const ritaPanel = await openProfileSignedIn(ritaTab, 'c-1001', DEMO.recruiter.email);

  // Jana signs in through a panel too, then keeps the inbox open in a tab of its own.
  const janaProfile = await jana.newPage();
  await openProfileSignedIn(janaProfile, 'c-1003', DEMO.teammate.email);
  await janaProfile.goto('about:blank'); // Jana is elsewhere: nothing marks Ada's thread read for Jana
  const inbox = await jana.newPage();
  await inbox.goto(`${await extensionOrigin(jana)}/sidepanel.html`);
  await inbox.getByTestId('inbox').waitFor();
  // Both browsers' background sockets are up.
  for (const context of [rita, jana]) await expect.poll(() => realtimeStatusOf(context), { timeout: 10_000 }).toBe('open');
  const before = Number((await badgeOf(jana)) || 0);

  const text = `Realtime check ${randomUUID().slice(0, 8)}`;
  const sentAt = await replyFromAda(text);
  const inPanel = ritaPanel.getByTestId('message').filter({ hasText: text });
  const inInbox = inbox.getByTestId('inbox-entry').filter({ hasText: text });
  await Promise.all([inPanel.waitFor({ timeout: 1_000 }), inInbox.waitFor({ timeout: 1_000 })]);
  console.log(`webhook → panel and inbox: ${Date.now() - sentAt} ms`);
  expect(await inPanel.getAttribute('data-direction')).toBe('inbound');

  // Jana's browser raised a notification and counts the reply on the badge.
  await expect.poll(() => notificationsOf(jana)).toEqual(expect.arrayContaining([expect.stringMatching(/^parley-message:/)]));
  await expect.poll(() => badgeOf(jana)).toBe(String(before + 1));
  expect(await inInbox.getAttribute('data-unread')).not.toBe('0');
  await inbox.screenshot({ path: join(screenshots, 'inbox.png') });

  // Opening the conversation from the inbox brings up Ada's profile and clears its count (earlier
  // e2e files may have left other replies of hers unread too).
  const adaUnread = Number(await inInbox.getAttribute('data-unread'));
  const opened = jana.waitForEvent('page');
  await inInbox.click();
  expect((await opened).url()).toContain('/candidates/c-1001');
  const remaining = before + 1 - adaUnread;
  await expect.poll(() => badgeOf(jana)).toBe(remaining === 0 ? '' : String(remaining));
  await expect.poll(() => inbox.getByTestId('inbox-entry').filter({ hasText: text }).getAttribute('data-unread')).toBe('0');

  // The panel, light and dark, for people to look at.
  await ritaTab.screenshot({ path: join(screenshots, 'panel-light.png') });
  await ritaTab.emulateMedia({ colorScheme: 'dark' });
  await ritaTab.screenshot({ path: join(screenshots, 'panel-dark.png') });
});

declare const chrome: {
  action: { getBadgeText(details: object): Promise<string> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
  storage: { session: { get(key: string): Promise<Record<string, unknown>> } };
};
