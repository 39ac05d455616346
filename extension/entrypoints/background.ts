/**
 * The service worker. Keeps the content script registered for exactly the ATSs the recruiter has
 * allowed, built in or taught by an admin (site profiles, fetched on start and on sign-in): after
 * install or update, on browser start, and whenever site access changes (from Parley's settings
 * or from the browser's own menu). And follows the tenant's realtime feed
 * (extension/realtime/follow.ts): notifications, the unread badge, live panels and inbox.
 * @module
 */
import { defineBackground } from '#imports';
import { browser } from 'wxt/browser';
import { createApi } from '../api/client.ts';
import { servePanelStore } from '../db/serve-store.ts';
import { relayPanelContext } from '../messaging/candidate-context.ts';
import { followRealtime } from '../realtime/follow.ts';
import { serveSiteProfiles, siteProfilesItem, syncAllSites } from '../site-profiles/background.ts';
import { liveSession, secureSessionStorage, sessionItem } from '../storage/items.ts';

export default defineBackground(() => {
  void secureSessionStorage();
  const api = createApi({ origin: __PARLEY_API_ORIGIN__, getToken: async () => liveSession(await sessionItem.getValue())?.token ?? null });
  const siteProfiles = serveSiteProfiles(api);
  const syncAtsSites = () => {
    siteProfilesItem
      .getValue()
      .then((profiles) => syncAllSites(browser, profiles))
      .catch((error: unknown) => console.error('Parley: could not update the ATS sites it runs on.', error));
  };
  // The taught sites of the tenant: fetched when the browser starts and whenever someone signs in.
  const refreshSites = async () => {
    // Signed out: no tenant, so no taught sites (another tenant's must not linger in this browser).
    if (liveSession(await sessionItem.getValue())) return siteProfiles.refresh().catch(syncAtsSites);
    await siteProfilesItem.setValue([]);
    syncAtsSites();
  };
  browser.runtime.onInstalled.addListener(() => void refreshSites());
  browser.runtime.onStartup.addListener(() => void refreshSites());
  sessionItem.watch(() => void refreshSites());
  browser.permissions.onAdded.addListener(syncAtsSites);
  browser.permissions.onRemoved.addListener(syncAtsSites);
  followRealtime();
  servePanelStore();
  relayPanelContext(browser.runtime.getURL('/panel.html'));
});
