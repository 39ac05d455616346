/**
 * The candidate's link to their interview page, `/i/{token}`: signed and expiring, naming one
 * interview (and so one candidate). The token is 36 bytes, base64url: the interview id's 16 bytes,
 * the expiry (4 bytes, Unix seconds) and the first 16 bytes of an HMAC-SHA256 over both, keyed from
 * CREDENTIALS_KEY. Nothing is stored: a reminder can carry the link again, and a forged, altered
 * or expired token opens nothing.
 * @module
 */
import type { Bindings } from '../env.ts';
import { hmacSha256Hex, timingSafeEqual } from '../lib/crypto.ts';
import { MissingCredentialsKey } from '../lib/sealed.ts';

/** After the interview (its last possible end), the page stays open this long: the .ics, the details. */
const LINK_GRACE_MS = 7 * 86_400_000;

export const interviewLinkPath = (token: string) => `/i/${token}`;

const ID = /^ivw_([0-9a-f]{32})$/;

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
const fromBase64Url = (text: string) => Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0));
const hexBytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
const bytesHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

async function signature(secret: string | undefined, payload: Uint8Array): Promise<Uint8Array> {
  if (!secret) throw new MissingCredentialsKey();
  // Its own key, derived by purpose, so a link signature is never a valid signature of anything else.
  return hexBytes((await hmacSha256Hex(`interview-link:${secret}`, payload)).slice(0, 32));
}

/** Signed with the current key or, during a rotation, the previous one (links sent before it keep opening). */
async function signedByUs(env: Bindings, payload: Uint8Array, tag: Uint8Array): Promise<boolean> {
  if (timingSafeEqual(bytesHex(tag), bytesHex(await signature(env.CREDENTIALS_KEY, payload)))) return true;
  return !!env.CREDENTIALS_KEY_PREVIOUS && timingSafeEqual(bytesHex(tag), bytesHex(await signature(env.CREDENTIALS_KEY_PREVIOUS, payload)));
}

/** When a link made now for an interview ending (at the latest) at `lastEnd` stops opening. */
export const linkExpiry = (lastEnd: Date | null, now: Date): Date => new Date(Math.max(lastEnd?.getTime() ?? 0, now.getTime()) + LINK_GRACE_MS);

export async function interviewLinkToken(env: Bindings, interviewId: string, expiresAt: Date): Promise<string> {
  const id = ID.exec(interviewId)?.[1];
  if (!id) throw new Error(`not an interview id: ${interviewId}`);
  const payload = new Uint8Array(20);
  payload.set(hexBytes(id), 0);
  new DataView(payload.buffer).setUint32(16, Math.floor(expiresAt.getTime() / 1000));
  const token = new Uint8Array(36);
  token.set(payload, 0);
  token.set(await signature(env.CREDENTIALS_KEY, payload), 20);
  return toBase64Url(token);
}

export type OpenedLink = { ok: true; interviewId: string } | { ok: false; reason: 'unknown' | 'expired' };

/** The interview a token names, or why it opens nothing. The signature is checked before the expiry is believed. */
export async function openInterviewLink(env: Bindings, token: string, now: Date): Promise<OpenedLink> {
  if (!/^[A-Za-z0-9_-]{48}$/.test(token)) return { ok: false, reason: 'unknown' };
  const bytes = fromBase64Url(token);
  const payload = bytes.slice(0, 20);
  if (!(await signedByUs(env, payload, bytes.slice(20)))) return { ok: false, reason: 'unknown' };
  const expiresAt = new DataView(payload.buffer).getUint32(16) * 1000;
  if (expiresAt <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, interviewId: `ivw_${bytesHex(payload.slice(0, 16))}` };
}
