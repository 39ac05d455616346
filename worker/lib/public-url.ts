/**
 * Provider media URLs arrive in webhooks, so they are attacker-influenced: Parley keeps only
 * public https addresses. A host name can still resolve to a private address; whoever fetches
 * media later must check the address it connects to (Cloudflare's fetch cannot reach private
 * networks, and local stacks must not either).
 * @module
 */

function privateIpv4(host: string): boolean {
  const parts = host.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return false;
  const [a, b] = parts as [number, number, number, number];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224 // multicast and reserved
  );
}

function privateIpv6(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (!h.includes(':')) return false;
  if (h === '::' || h === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped) return privateIpv4(mapped[1]!);
  // The URL parser writes IPv4-mapped addresses in hex (::ffff:a00:1): refuse the whole range.
  if (h.startsWith('::ffff:')) return true;
  return /^f[cd]/.test(h) || /^fe[89ab]/.test(h);
}

/** @returns why the URL is not kept, or null when it is a public https address. */
export function mediaUrlRefusal(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:') return 'not an https URL';
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || /\.(localhost|local|internal|lan|home\.arpa)$/.test(host) || (!host.includes('.') && !host.includes(':'))) {
    return 'a private host name';
  }
  if (privateIpv4(host) || privateIpv6(host)) return 'an address on a private network';
  return null;
}
