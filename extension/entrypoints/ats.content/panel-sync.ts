/**
 * Keeps the panel in line with the page: called on load, on every client-side navigation and
 * after DOM changes, it decides from scratch where (and whether) the panel belongs.
 * @module
 */
import type { AtsAdapter } from '../../ats/types.ts';
import type { TaughtSite } from '../../messaging/shown-candidate.ts';
import type { SiteAdapter } from '../../site-profiles/adapter.ts';
import type { PanelFrame } from './panel-frame.ts';

/** A site profile's adapter also says which taught fields it could not find (the panel names them). */
const isTaught = (adapter: AtsAdapter): adapter is SiteAdapter => 'missingFields' in adapter;

function taughtSite(adapter: AtsAdapter, doc: Document, url: URL): TaughtSite | undefined {
  if (!isTaught(adapter)) return undefined;
  return { profileId: adapter.profile.id, host: adapter.profile.host, missing: adapter.missingFields(doc, url) };
}

/**
 * - `shown`: the panel shows the page's candidate.
 * - `pending`: a profile URL whose candidate has not rendered yet; wait for the next DOM change.
 * - `none`: not a candidate page (or its adapter failed); no panel.
 */
export type SyncResult = { state: 'shown' | 'pending'; adapter: AtsAdapter } | { state: 'none' };

export type PanelSyncOptions = {
  adapters: readonly AtsAdapter[];
  doc: Document;
  frame: PanelFrame;
  reportError(adapterId: string, error: unknown): void;
};

export function createPanelSync({ adapters, doc, frame, reportError }: PanelSyncOptions) {
  // An adapter that threw once stays off for this page, so a broken selector cannot flood the log.
  const broken = new Set<string>();

  function attempt<T>(adapter: AtsAdapter, task: () => T): { ok: true; value: T } | { ok: false } {
    if (broken.has(adapter.id)) return { ok: false };
    try {
      return { ok: true, value: task() };
    } catch (error) {
      broken.add(adapter.id);
      reportError(adapter.id, error);
      return { ok: false };
    }
  }

  function adapterFor(url: URL): AtsAdapter | undefined {
    return adapters.find((adapter) => {
      const matched = attempt(adapter, () => adapter.matches(url));
      return matched.ok && matched.value;
    });
  }

  function reconcile(url: URL): SyncResult {
    const adapter = adapterFor(url);
    if (!adapter) {
      frame.remove();
      return { state: 'none' };
    }
    const target = attempt(adapter, () => {
      const context = adapter.readCandidate(doc, url);
      const anchor = context && adapter.panelAnchor(doc);
      return context && anchor ? { context, anchor, taught: taughtSite(adapter, doc, url) } : null;
    });
    if (!target.ok) {
      frame.remove();
      return { state: 'none' };
    }
    // While pending, a panel already up keeps showing the candidate the page still shows.
    if (!target.value) return { state: 'pending', adapter };
    // The profile's address lets the inbox and notifications bring the recruiter back here.
    frame.show(target.value.anchor, { ...target.value.context, profileUrl: url.href }, target.value.taught);
    return { state: 'shown', adapter };
  }

  return { reconcile };
}
