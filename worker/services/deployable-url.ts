/**
 * Where a deployment may point (the worker's PUBLIC_URL, the extension's API origin, an email API):
 * checked by `npm run deploy` and `npm run package` before they ship, and by the worker itself on
 * its first request (worker/services/production-config.ts).
 * @module
 */
/** A URL a deployment may point at: https, and not this machine; with `originOnly`, nothing after the host. */
export function isDeployableUrl(value: string, { originOnly = false } = {}): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && (!originOnly || url.origin === value);
}
