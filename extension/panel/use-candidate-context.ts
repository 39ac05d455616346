import { useEffect, useState } from 'react';
import { CandidateContext } from '@shared/api/candidates.ts';
import { decodeCandidateHash } from '../lib/candidate-hash.ts';

/**
 * The candidate the content script put in this page's hash, re-read when it switches candidates.
 * Null when the hash is not a valid context (any page allowed to frame the panel can write it).
 */
export function useCandidateContext(): CandidateContext | null {
  const [context, setContext] = useState(() => contextFromHash(location.hash));
  useEffect(() => {
    const onHashChange = () => setContext(contextFromHash(location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return context;
}

export function contextFromHash(hash: string): CandidateContext | null {
  const parsed = CandidateContext.safeParse(decodeCandidateHash(hash));
  return parsed.success ? parsed.data : null;
}
