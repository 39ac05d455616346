/**
 * Which hosts each ATS's candidate pages live on, so the worker stores a `profileUrl` only when it
 * points at the ATS the context claims to come from (a page could otherwise plant a link to
 * anywhere in every recruiter's inbox and notifications). The extension's adapters declare the
 * same match patterns (extension/ats/manifest.test.ts keeps the two equal).
 * @module
 */

/** Match patterns per built-in adapter id (`CandidateContext.ats`). */
export const builtInAtsHosts: Readonly<Record<string, readonly string[]>> = {
  demo: ['http://localhost/*', 'http://127.0.0.1/*'],
  greenhouse: ['https://*.greenhouse.io/*'],
  lever: ['https://hire.lever.co/*', 'https://hire.eu.lever.co/*', 'https://hire.sandbox.lever.co/*'],
  smartrecruiters: ['https://www.smartrecruiters.com/*'],
};

/** Scheme and host of an http(s) URL, without the port; null for anything else (userinfo included: `https://ats.example@evil.example/`). */
function schemeAndHost(url: string): { scheme: string; host: string } | null {
  const parsed = /^(https?):\/\/([^/?#@\\]+)(?:[/?#]|$)/i.exec(url.trim());
  if (!parsed?.[1] || !parsed[2]) return null;
  const host = parsed[2].toLowerCase().replace(/:\d+$/, '');
  return { scheme: parsed[1].toLowerCase(), host };
}

/**
 * A browser match pattern's scheme and host against a URL's (paths are always `/*` here, and, as
 * in browsers, a pattern without a port matches any port). `*.example.com` covers example.com too.
 */
export function matchesHostPattern(pattern: string, url: string): boolean {
  const parsed = /^(https?):\/\/(\*|\*\.[^/*]+|[^/*]+)\/\*$/.exec(pattern);
  const target = schemeAndHost(url);
  if (!parsed || !target) return false;
  const [, scheme, host = ''] = parsed;
  if (target.scheme !== scheme) return false;
  if (host === '*') return true;
  if (host.startsWith('*.')) return target.host === host.slice(2) || target.host.endsWith(host.slice(1));
  return target.host === host;
}

/** True when `profileUrl` is on one of `hostPatterns`; a malformed URL is on none. */
export function isOnHosts(profileUrl: string, hostPatterns: readonly string[]): boolean {
  return hostPatterns.some((pattern) => matchesHostPattern(pattern, profileUrl));
}
