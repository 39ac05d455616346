/**
 * Signatures of ATS application webhooks, checked over the raw request bytes (never re-serialised
 * JSON: Greenhouse escapes unicode as `\u00e9` and signs exactly what it sent) with a
 * constant-time comparison.
 *
 * - Greenhouse: `Signature: sha256 <hex HMAC-SHA256 of the entire body>`; no timestamp, so replays
 *   are stopped by the event id (`Greenhouse-Event-ID`) alone.
 * - Parley's generic format: `X-Parley-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`,
 *   Stripe's scheme: several `v1` may be present while a secret rotates, and a timestamp further
 *   than the tolerance from now is refused.
 * @see https://github.com/grnhse/greenhouse-api-docs/blob/master/source/includes/webhooks/_introduction.md
 * @module
 */
import { SIGNATURE_TOLERANCE_SECONDS } from '../../shared/api/ats-integrations.ts';
import { hmacSha256Hex, timingSafeEqual } from './crypto.ts';

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

const HEX_DIGEST = /^[0-9a-f]{64}$/;

export async function verifyGreenhouseSignature(secret: string, header: string | null, body: Uint8Array): Promise<SignatureVerdict> {
  const [algorithm, digest, ...rest] = (header ?? '').trim().split(/\s+/);
  if (algorithm?.toLowerCase() !== 'sha256' || !digest || rest.length > 0)
    return { ok: false, reason: 'The Signature header is missing or not "sha256 <hex>".' };
  const expected = await hmacSha256Hex(secret, body);
  return timingSafeEqual(digest.toLowerCase(), expected) ? { ok: true } : { ok: false, reason: 'The signature does not match the body.' };
}

const encoder = new TextEncoder();

export async function verifyParleySignature(secret: string, header: string | null, body: Uint8Array, nowSeconds: number): Promise<SignatureVerdict> {
  let timestamp: string | null = null;
  const digests: string[] = [];
  for (const part of (header ?? '').split(',')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === 't' && value) timestamp = value;
    if (name === 'v1' && value && HEX_DIGEST.test(value.toLowerCase())) digests.push(value.toLowerCase());
  }
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || digests.length === 0) {
    return { ok: false, reason: 'The X-Parley-Signature header is missing or not "t=<unix seconds>,v1=<hex>".' };
  }
  const prefix = encoder.encode(`${timestamp}.`);
  const signed = new Uint8Array(prefix.length + body.length);
  signed.set(prefix);
  signed.set(body, prefix.length);
  const expected = await hmacSha256Hex(secret, signed);
  // Every candidate digest is compared, so the time taken does not say which one matched.
  const matched = digests.map((digest) => timingSafeEqual(digest, expected)).includes(true);
  if (!matched) return { ok: false, reason: 'The signature does not match the body.' };
  if (Math.abs(nowSeconds - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) {
    return { ok: false, reason: `The signature's timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS} seconds from now; a replay is refused.` };
  }
  return { ok: true };
}
