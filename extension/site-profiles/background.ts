/**
 * The background's part in site profiles: it fetches the tenant's profiles with the signed-in
 * session, keeps them in extension storage, answers content scripts' questions for them, tells
 * open ATS tabs when they change, and registers the content script on every taught host the
 * user has allowed (next to the built-in ATSs, ats/access.ts).
 * @module
 */
import { storage } from '#imports';
import { browser, type Browser } from 'wxt/browser';
import type { SiteProfile } from '@shared/api/site-profiles.ts';
import { siteHostMatch } from '@shared/domain/site-profiles.ts';
import type { Api } from '../api/client.ts';
import { type AccessApi, atsScriptFile, requestableAdapters, syncAtsContentScript } from '../ats/access.ts';
import type { SiteProfilesChanged, SiteProfilesQuery } from './served.ts';

/** Structure only (hosts, URL patterns, locators): no candidate data and no credential. */
export const siteProfilesItem = storage.defineItem<SiteProfile[]>('local:siteProfiles', { fallback: [] });

/** Asks the background to fetch the profiles again (the toolbar menu, after teaching or on opening). */
export type SiteProfilesRefresh = { type: 'parley:site-profiles-refresh' };

/** The built-in ATSs and the taught hosts, for the content script's run-time registration. */
export const hostsToRegister = (profiles: readonly SiteProfile[]) => [
  ...requestableAdapters,
  ...profiles.map((profile) => ({ hostMatches: [siteHostMatch(profile.host)] as const })),
];

export function syncAllSites(api: AccessApi, profiles: readonly SiteProfile[]): Promise<string[]> {
  return syncAtsContentScript(api, hostsToRegister(profiles));
}

/**
 * A tab that loaded its page before the content script was registered for its host (the site was
 * just taught or allowed, or the user signed in meanwhile) has no content script to tell: it gets
 * one now rather than on its next page load. Should it have had one after all, WXT stops the older.
 */
async function tellOrStart(tabId: number, changed: SiteProfilesChanged): Promise<void> {
  const told = await browser.tabs.sendMessage(tabId, changed).then(
    () => true,
    () => false,
  );
  if (!told) await browser.scripting.executeScript({ target: { tabId }, files: [`/${atsScriptFile}` as const] }).catch(() => undefined);
}

export function serveSiteProfiles(api: Pick<Api, 'siteProfiles'>): { refresh(): Promise<void> } {
  async function refresh(): Promise<void> {
    const { profiles } = await api.siteProfiles();
    await siteProfilesItem.setValue(profiles);
    await syncAllSites(browser, profiles);
    if (profiles.length === 0) return;
    // Content scripts hear it through their tabs. The query sees only the hosts Parley may run on.
    const changed: SiteProfilesChanged = { type: 'parley:site-profiles-changed', profiles };
    const tabs = await browser.tabs.query({ url: profiles.map((profile) => siteHostMatch(profile.host)) }).catch(() => []);
    await Promise.all(tabs.flatMap((tab) => (tab.id === undefined ? [] : [tellOrStart(tab.id, changed)])));
  }

  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    const type = (message as { type?: unknown } | null)?.type;
    if (sender.id !== browser.runtime.id) return undefined;
    if (type === ('parley:site-profiles?' satisfies SiteProfilesQuery['type'])) return siteProfilesItem.getValue();
    // Only Parley's own pages trigger a fetch, not content scripts (which run beside the ATS page).
    // By the sender's URL, not its tab: the panel's "Re-teach" runs in a frame inside the ATS tab.
    const fromOwnPage = sender.url?.startsWith(browser.runtime.getURL('/')) === true;
    if (type === ('parley:site-profiles-refresh' satisfies SiteProfilesRefresh['type']) && fromOwnPage) return refresh().then(() => true);
    return undefined;
  });
  return { refresh };
}
