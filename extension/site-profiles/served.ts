/**
 * The tenant's site profiles reach content scripts through the background, which keeps them in
 * extension storage (the content script never holds the session and never calls the worker).
 * This module is the content script's side: no schemas, only what it needs to ask.
 * @module
 */
import { browser } from 'wxt/browser';
import type { SiteProfile } from '@shared/api/site-profiles.ts';

export type SiteProfilesQuery = { type: 'parley:site-profiles?' };
/** Sent by the background after a refresh, so open ATS tabs pick up a profile re-taught a moment ago. */
export type SiteProfilesChanged = { type: 'parley:site-profiles-changed'; profiles: SiteProfile[] };

/** The profiles for `host`, or none when the background cannot answer (signed out, starting up). */
export async function siteProfilesFor(host: string): Promise<SiteProfile[]> {
  const profiles = (await browser.runtime.sendMessage({ type: 'parley:site-profiles?' } satisfies SiteProfilesQuery).catch(() => [])) as
    | SiteProfile[]
    | undefined;
  return (profiles ?? []).filter((profile) => profile.host === host);
}

export function onSiteProfilesChanged(listener: (profiles: SiteProfile[]) => void): () => void {
  const handle = (message: unknown, sender: { id?: string }) => {
    const changed = message as Partial<SiteProfilesChanged> | null;
    if (sender.id === browser.runtime.id && changed?.type === 'parley:site-profiles-changed' && Array.isArray(changed.profiles)) listener(changed.profiles);
  };
  browser.runtime.onMessage.addListener(handle);
  return () => browser.runtime.onMessage.removeListener(handle);
}
