/**
 * The middle step of rotating CREDENTIALS_KEY (docs/runbook.md): a stored value sealed again under
 * the current key. Run by `npm run admin -- reseal-credentials` from the operator's machine.
 * @module
 */
import { openCredentials, type SealingKeys, sealCredentials } from '../lib/sealed.ts';

/** Opens under either key (the current, or the previous one) and seals under the current one. */
export async function resealed(keys: SealingKeys, binding: { tenantId: string; integrationId: string }, sealed: string): Promise<string> {
  return sealCredentials(keys.CREDENTIALS_KEY, binding, await openCredentials(keys, binding, sealed));
}
