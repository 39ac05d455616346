/**
 * What the manifest says about ATS pages, for wxt.config.ts (Node, at build time). The loopback
 * demo ATS ships only in builds that talk to a loopback worker (`npm start`, the tests, e2e): a
 * store package (`PARLEY_API_ORIGIN=https://…`) neither runs on nor frames its panel into
 * localhost pages, where any local web server could otherwise show it invented candidates.
 * @module
 */
import { atsAdapters } from './registry.ts';
import type { AtsAdapter } from './types.ts';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for a worker on this machine: a development or test build. */
export function isLoopbackOrigin(origin: string): boolean {
  return loopbackHosts.has(new URL(origin).hostname);
}

/** The bundled adapter (the demo) is left out of builds for a deployed worker. */
export function adaptersShippedWith(shipsDemoAts: boolean, adapters: readonly AtsAdapter[] = atsAdapters): AtsAdapter[] {
  return adapters.filter((adapter) => shipsDemoAts || adapter.access !== 'bundled');
}

export function atsManifestEntries(apiOrigin: string) {
  const shipsDemoAts = isLoopbackOrigin(apiOrigin);
  const shipped = adaptersShippedWith(shipsDemoAts);
  return {
    shipsDemoAts,
    /** Real ATSs' hosts: optional, asked for one ATS at a time (ats/access.ts). */
    onRequestHosts: shipped.filter((adapter) => adapter.access === 'on-request').flatMap((adapter) => [...adapter.hostMatches]),
    /** Every ATS page the panel iframe may be mounted on, and no other: panel.html is web-accessible there only. */
    panelHosts: shipped.flatMap((adapter) => [...adapter.hostMatches]),
    /** The content script's manifest entry (the loopback demo); none in a store package. */
    bundledHosts: shipped.filter((adapter) => adapter.access === 'bundled').flatMap((adapter) => [...adapter.hostMatches]),
  };
}

/**
 * Any https site an admin may teach (site profiles, issue 18). Optional: asked for one origin at a
 * time (`https://acme.workable.com/*`), never granted as a whole.
 */
export const anyTaughtSite = 'https://*/*';

/** The manifest's entries: the built-in ATSs, plus what teaching a site needs. */
export function manifestEntries(apiOrigin: string) {
  const entries = atsManifestEntries(apiOrigin);
  return {
    ...entries,
    optionalHosts: [...entries.onRequestHosts, anyTaughtSite],
    webAccessible: [
      { resources: ['panel.html'], matches: entries.panelHosts },
      // A taught site's host is known only at run time, and web-accessible resources cannot be
      // added then. The panel framed anywhere else learns nothing: its candidate comes only from
      // Parley's content script in the same tab (messaging/candidate-context.ts), which runs on the
      // taught hosts the user allowed and nowhere else.
      { resources: ['panel.html'], matches: [anyTaughtSite] },
    ],
  };
}
