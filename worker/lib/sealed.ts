/**
 * Provider credentials at rest: AES-256-GCM under a key from the CREDENTIALS_KEY Worker secret,
 * a random 12-byte IV per sealing, and the tenant and integration as additional data — a sealed
 * value copied to another tenant's row does not open. Stored as `v1:<iv b64>:<ciphertext b64>`.
 *
 * Rotation without downtime (docs/runbook.md): the worker seals under CREDENTIALS_KEY and opens
 * under it or, while CREDENTIALS_KEY_PREVIOUS is set, under the key before it; `npm run admin --
 * reseal-credentials` then seals every stored value again under the new key
 * (services/credentials-rotation.ts).
 * @module
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Raised when the secret is missing or malformed: nothing may be sealed or opened without it. */
export class MissingCredentialsKey extends Error {
  constructor() {
    super('CREDENTIALS_KEY is not set to base64 of 32 bytes; provider credentials cannot be used.');
  }
}

const keys = new Map<string, Promise<CryptoKey>>();

function importKey(secret: string | undefined): Promise<CryptoKey> {
  if (!secret) throw new MissingCredentialsKey();
  let key = keys.get(secret);
  if (!key) {
    let raw: Uint8Array;
    try {
      raw = fromBase64(secret);
    } catch {
      throw new MissingCredentialsKey();
    }
    if (raw.length !== 32) throw new MissingCredentialsKey();
    key = crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    keys.set(secret, key);
  }
  return key;
}

const additionalData = (tenantId: string, integrationId: string) => encoder.encode(`parley/integration-credentials/v1/${tenantId}/${integrationId}`);

export async function sealCredentials(
  secret: string | undefined,
  binding: { tenantId: string; integrationId: string },
  credentials: Record<string, string>,
): Promise<string> {
  const key = await importKey(secret);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(binding.tenantId, binding.integrationId) },
    key,
    encoder.encode(JSON.stringify(credentials)),
  );
  return `v1:${toBase64(iv)}:${toBase64(new Uint8Array(ciphertext))}`;
}

/** The keys a worker or the re-seal command holds: the current one, and during a rotation the one before it. */
export type SealingKeys = { CREDENTIALS_KEY?: string; CREDENTIALS_KEY_PREVIOUS?: string };

async function openUnder(secret: string | undefined, binding: { tenantId: string; integrationId: string }, sealed: string): Promise<Record<string, string>> {
  const key = await importKey(secret);
  const [version, iv, ciphertext] = sealed.split(':');
  if (version !== 'v1' || !iv || !ciphertext) throw new Error('sealed credentials in an unknown format');
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(iv), additionalData: additionalData(binding.tenantId, binding.integrationId) },
    key,
    fromBase64(ciphertext),
  );
  return JSON.parse(decoder.decode(plain)) as Record<string, string>;
}

/**
 * Opens under the current key, else under the previous one while a rotation is under way.
 * @throws when the value was tampered with, sealed for another tenant or integration, or under neither key.
 */
export async function openCredentials(
  keys: SealingKeys,
  binding: { tenantId: string; integrationId: string },
  sealed: string,
): Promise<Record<string, string>> {
  try {
    return await openUnder(keys.CREDENTIALS_KEY, binding, sealed);
  } catch (error) {
    if (!keys.CREDENTIALS_KEY_PREVIOUS || error instanceof MissingCredentialsKey) throw error;
    return openUnder(keys.CREDENTIALS_KEY_PREVIOUS, binding, sealed);
  }
}
