/**
 * Per-ATS access, asked for at run time. Real ATSs' hosts are optional host permissions: the
 * recruiter allows the ATS they use (the settings page's "ATS sites"), and the content script is
 * then registered for exactly the allowed hosts. Installing Parley grants no ATS at all, and never
 * `<all_urls>`. The loopback demo ATS is in the manifest and needs none of this.
 * @module
 */
import { atsAdapters } from './registry.ts';
import type { AtsAdapter } from './types.ts';

/** The part of the extension API this needs (`browser` in the extension; a fake in tests). */
export interface AccessApi {
  permissions: {
    contains(permissions: { origins: string[] }): Promise<boolean>;
    request(permissions: { origins: string[] }): Promise<boolean>;
    remove(permissions: { origins: string[] }): Promise<boolean>;
  };
  scripting: {
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<Array<{ id: string }>>;
    registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
    unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
  };
}

export type RegisteredScript = {
  id: string;
  js: string[];
  matches: string[];
  runAt: 'document_start' | 'document_end' | 'document_idle';
  persistAcrossSessions: boolean;
};

/** One registration covering every allowed ATS: the script picks the adapter by URL anyway. */
export const atsScriptId = 'parley-ats';
/** Where WXT writes `entrypoints/ats.content`; the manifest's loopback entry loads the same file, also at document_idle. */
export const atsScriptFile = 'content-scripts/ats.js';

export const requestableAdapters: readonly AtsAdapter[] = atsAdapters.filter((adapter) => adapter.access === 'on-request');

/** What registration needs of an ATS: its hosts (a built-in adapter's, or a taught site's). */
type SiteHosts = Pick<AtsAdapter, 'hostMatches'>;

export async function isAllowed(api: AccessApi, adapter: SiteHosts): Promise<boolean> {
  return api.permissions.contains({ origins: [...adapter.hostMatches] });
}

/**
 * Makes the registered content script match the allowed ATSs (the recruiter may also change
 * site access in the browser's own menu, so the background calls this on every permission change).
 * @returns the match patterns now registered
 */
export async function syncAtsContentScript(api: AccessApi, adapters: readonly SiteHosts[] = requestableAdapters): Promise<string[]> {
  const allowed = await Promise.all(adapters.map((adapter) => isAllowed(api, adapter)));
  const matches = adapters.filter((_, index) => allowed[index]).flatMap((adapter) => [...adapter.hostMatches]);
  const registered = await api.scripting.getRegisteredContentScripts({ ids: [atsScriptId] });
  if (registered.length > 0) await api.scripting.unregisterContentScripts({ ids: [atsScriptId] });
  if (matches.length > 0) {
    await api.scripting.registerContentScripts([{ id: atsScriptId, js: [atsScriptFile], matches, runAt: 'document_idle', persistAcrossSessions: true }]);
  }
  return matches;
}

/**
 * Must run straight from a click: the browser only shows its permission prompt for a user gesture.
 * `sync` re-registers the content script; the options page passes one that keeps taught sites too.
 */
export async function allowAts(api: AccessApi, adapter: SiteHosts, sync: () => Promise<unknown> = () => syncAtsContentScript(api)): Promise<boolean> {
  const granted = await api.permissions.request({ origins: [...adapter.hostMatches] });
  if (granted) await sync();
  return granted;
}

export async function disallowAts(api: AccessApi, adapter: SiteHosts, sync: () => Promise<unknown> = () => syncAtsContentScript(api)): Promise<void> {
  await api.permissions.remove({ origins: [...adapter.hostMatches] });
  await sync();
}
