/**
 * URL predicates for the demo ATS (test/demo-ats), which `npm start` serves on
 * http://localhost:4173. Any loopback port is accepted so e2e runs can serve it elsewhere.
 * @module
 */

const loopbackHosts = new Set(['localhost', '127.0.0.1']);

/** Match patterns ignore ports, so these cover the demo on any port. */
export const hostMatches = ['http://localhost/*', 'http://127.0.0.1/*'] as const;

/** `/candidates/c-1001`: the demo's candidate ids are short slugs. */
const profilePath = /^\/candidates\/([A-Za-z0-9_-]{1,128})\/?$/;

/** The ATS's candidate id named by a profile URL; null for every other page. */
export function candidateIdFromUrl(url: URL): string | null {
  if (!loopbackHosts.has(url.hostname)) return null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return profilePath.exec(url.pathname)?.[1] ?? null;
}

export const isCandidateProfile = (url: URL): boolean => candidateIdFromUrl(url) !== null;
