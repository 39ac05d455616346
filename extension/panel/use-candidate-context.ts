import { useEffect, useState } from 'react';
import type { CandidateContext } from '@shared/api/candidates.ts';
import { followShownCandidate } from '../messaging/candidate-context.ts';

/**
 * The candidate the ATS page shows, from Parley's content script in this panel's own tab
 * (messaging/candidate-context.ts), re-read when the page switches candidates. Undefined until the
 * content script has answered; null when the page shows none or Parley does not run on it.
 */
export function useCandidateContext(): CandidateContext | null | undefined {
  const [context, setContext] = useState<CandidateContext | null | undefined>(undefined);
  useEffect(() => followShownCandidate(setContext), []);
  return context;
}
