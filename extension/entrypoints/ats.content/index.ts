/**
 * Detects a candidate profile, reads it and mounts the panel. Stays tiny and React-free, never
 * touches the session token and never calls the worker: the panel iframe does all of that.
 * @module
 */
import { defineContentScript } from '#imports';
import { browser } from 'wxt/browser';
import { queryFirst } from '../../ats/dom.ts';
import { demoAdapter } from '../../ats/demo/index.ts';
import { shippedAtsAdapters } from '../../ats/shipped.ts';
import type { AtsAdapter } from '../../ats/types.ts';
import { type ShownCandidate, serveShownCandidate } from '../../messaging/shown-candidate.ts';
import type { SiteProfile } from '@shared/api/site-profiles.ts';
import { siteProfileAdapter } from '../../site-profiles/adapter.ts';
import { onSiteProfilesChanged, siteProfilesFor } from '../../site-profiles/served.ts';
import { createPanelFrame } from './panel-frame.ts';
import { createPanelSync, type SyncResult } from './panel-sync.ts';

/** After this long on a profile URL without a readable candidate, the adapter is likely stale. */
const renderPatienceMs = 10_000;

export default defineContentScript({
  // Only the loopback demo ATS is in the manifest; real ATSs register this same script at run
  // time for the hosts the recruiter allows (ats/access.ts), so installing grants no ATS.
  matches: [...demoAdapter.hostMatches],
  main(ctx) {
    let shown: ShownCandidate = { seq: 0, context: null };
    const served = serveShownCandidate(() => shown);
    const frame = createPanelFrame(document, browser.runtime.getURL('/panel.html'), (context, taught) => {
      shown = { seq: shown.seq + 1, context, taught };
      served.announce();
    });
    ctx.onInvalidated(() => {
      frame.remove();
      served.stop();
    });
    // A tenant's profile for a host comes first, so it wins over a built-in adapter there. Filled
    // in place when the background answers: the sync reads this same list on every run.
    const adapters: AtsAdapter[] = [...shippedAtsAdapters];
    const useProfiles = (profiles: SiteProfile[]) => {
      adapters.splice(0, adapters.length, ...profiles.filter((profile) => profile.host === location.hostname).map(siteProfileAdapter), ...shippedAtsAdapters);
      queueRun();
    };
    void siteProfilesFor(location.hostname).then(useProfiles);
    ctx.onInvalidated(onSiteProfilesChanged(useProfiles));
    const sync = createPanelSync({
      adapters,
      doc: document,
      frame,
      reportError: (adapterId, error) => console.error(`Parley: the "${adapterId}" ATS adapter failed; leaving this page alone.`, error),
    });
    let last: SyncResult = { state: 'none' };
    const run = () => {
      last = sync.reconcile(new URL(location.href));
      if (last.state === 'pending') warnIfStillPending(last.adapter);
    };

    /** Logs once per URL when a profile never shows a readable candidate: the markup moved on. */
    let watchedHref = '';
    const warnIfStillPending = (adapter: AtsAdapter) => {
      const href = location.href;
      if (href === watchedHref) return;
      watchedHref = href;
      ctx.setTimeout(() => {
        if (location.href !== href || last.state !== 'pending') return;
        const rootFound = queryFirst(document, adapter.candidateRoot) !== null;
        console.warn(
          `Parley: "${adapter.id}" found no candidate on this profile page after ${renderPatienceMs / 1000} s ` +
            `(candidate root ${rootFound ? 'present' : 'missing'}); its selectors may be out of date.`,
        );
      }, renderPatienceMs);
    };

    // SPAs render after navigating and may re-render the anchor at any time: re-check once per
    // frame while the DOM changes. Running after the frame also lets pushState finish updating
    // `location` (the Navigation API reports a navigation before it commits).
    let queued = false;
    const queueRun = () => {
      if (queued) return;
      queued = true;
      ctx.requestAnimationFrame(() => {
        queued = false;
        run();
      });
    };
    const observer = new MutationObserver(queueRun);
    observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
    ctx.onInvalidated(() => observer.disconnect());
    ctx.addEventListener(window, 'wxt:locationchange', queueRun);
    run();
  },
});
