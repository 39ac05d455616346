/**
 * URL predicates for Greenhouse Recruiting's candidate profiles (ats-overlay.md §1.1):
 * `/people/{personId}?application_id={applicationId}` (the URL Greenhouse's own webhooks link to),
 * `/people/{personId}/applications/{applicationId}` and the React profile's `…/redesign`.
 * @module
 */

/** Match patterns cannot wildcard part of a host label, so `app2.` … need the subdomain wildcard. */
export const hostMatches = ['https://*.greenhouse.io/*'] as const;

/**
 * app.greenhouse.io, app2.greenhouse.io … (sources say up to app5 or app15), app.eu.greenhouse.io.
 * Not boards.greenhouse.io, the candidate-facing job boards. Custom SSO hosts are not covered.
 */
const recruitingHost = /^app\d{0,2}(?:\.eu)?\.greenhouse\.io$/;

/** The person id names the candidate across all their applications; the application id does not. */
const profilePath = /^\/people\/(\d{1,20})(?:\/applications\/\d{1,20}(?:\/redesign)?)?\/?$/;

/** Greenhouse's person id for a profile URL; null for every other page. */
export function candidateIdFromUrl(url: URL): string | null {
  if (url.protocol !== 'https:' || !recruitingHost.test(url.hostname)) return null;
  return profilePath.exec(url.pathname)?.[1] ?? null;
}

export const isCandidateProfile = (url: URL): boolean => candidateIdFromUrl(url) !== null;
