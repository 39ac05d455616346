/**
 * The content script hands the candidate to the panel iframe in the panel URL's hash: the only
 * channel that needs no messaging permission and works before the panel has loaded.
 * @module
 */
import type { CandidateContext } from '@shared/api/candidates.ts';

export function encodeCandidateHash(context: CandidateContext): string {
  return encodeURIComponent(JSON.stringify(context));
}

/**
 * Untrusted: any page allowed to frame panel.html can write this hash, so callers validate the
 * result against the `CandidateContext` schema before using it.
 */
export function decodeCandidateHash(hash: string): unknown {
  try {
    return JSON.parse(decodeURIComponent(hash.replace(/^#/, '')));
  } catch {
    return null;
  }
}
