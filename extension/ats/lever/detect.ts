/**
 * URL predicates for Lever Hire's candidate profiles (ats-overlay.md §1.1):
 * `/candidates/{opportunityId}`, the `urls.show` Lever's API returns. Since Lever's migration to
 * opportunities the old candidate id equals the opportunity id, so the URL's UUID names the candidate.
 * @module
 */

/** The US and EU data centres, and Lever's sandbox. */
export const hostMatches = ['https://hire.lever.co/*', 'https://hire.eu.lever.co/*', 'https://hire.sandbox.lever.co/*'] as const;

const hireHosts = new Set(hostMatches.map((pattern) => new URL(pattern.replace('/*', '/')).hostname));

const profilePath = /^\/candidates\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** Lever's opportunity id for a profile URL (lower case); null for every other page. */
export function candidateIdFromUrl(url: URL): string | null {
  if (url.protocol !== 'https:' || !hireHosts.has(url.hostname)) return null;
  return profilePath.exec(url.pathname)?.[1]?.toLowerCase() ?? null;
}

export const isCandidateProfile = (url: URL): boolean => candidateIdFromUrl(url) !== null;
