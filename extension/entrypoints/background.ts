/**
 * The service worker. Keeps the content script registered for exactly the ATSs the recruiter has
 * allowed: after install or update, on browser start, and whenever site access changes (from
 * Parley's settings or from the browser's own menu). And follows the tenant's realtime feed
 * (extension/realtime/follow.ts): notifications, the unread badge, live panels and inbox.
 * @module
 */
import { defineBackground } from '#imports';
import { browser } from 'wxt/browser';
import { syncAtsContentScript } from '../ats/access.ts';
import { servePanelStore } from '../db/serve-store.ts';
import { relayPanelContext } from '../messaging/candidate-context.ts';
import { followRealtime } from '../realtime/follow.ts';

export default defineBackground(() => {
  const syncAtsSites = () => {
    syncAtsContentScript(browser).catch((error: unknown) => console.error('Parley: could not update the ATS sites it runs on.', error));
  };
  browser.runtime.onInstalled.addListener(syncAtsSites);
  browser.runtime.onStartup.addListener(syncAtsSites);
  browser.permissions.onAdded.addListener(syncAtsSites);
  browser.permissions.onRemoved.addListener(syncAtsSites);
  followRealtime();
  servePanelStore();
  relayPanelContext(browser.runtime.getURL('/panel.html'));
});
