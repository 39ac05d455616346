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
import { type AccessApi, requestableAdapters, syncAtsContentScript } from '../ats/access.ts';
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

export function serveSiteProfiles(api: Pick<Api, 'siteProfiles'>): { refresh(): Promise<void> } {
  async function refresh(): Promise<void> {
    const { profiles } = await api.siteProfiles();
    await siteProfilesItem.setValue(profiles);
    await syncAllSites(browser, profiles);
    // Rejects when no extension page listens; content scripts hear it through their tabs below.
    const changed: SiteProfilesChanged = { type: 'parley:site-profiles-changed', profiles };
    const tabs = await browser.tabs.query({ url: profiles.map((profile) => siteHostMatch(profile.host)) }).catch(() => []);
    for (const tab of tabs) if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, changed).catch(() => undefined);
  }

  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    const type = (message as { type?: unknown } | null)?.type;
    if (sender.id !== browser.runtime.id) return undefined;
    if (type === ('parley:site-profiles?' satisfies SiteProfilesQuery['type'])) return siteProfilesItem.getValue();
    // Only Parley's own pages (not content scripts, which run beside the ATS page) trigger a fetch.
    if (type === ('parley:site-profiles-refresh' satisfies SiteProfilesRefresh['type']) && !sender.tab) return refresh().then(() => true);
    return undefined;
  });
  return { refresh };
}
