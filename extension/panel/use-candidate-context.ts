import { useEffect, useState } from 'react';
import { followShownCandidate, type PanelCandidate } from '../messaging/candidate-context.ts';

/**
 * The candidate the ATS page shows, from Parley's content script in this panel's own tab
 * (messaging/candidate-context.ts), re-read when the page switches candidates; on a taught site
 * also the fields its profile could not find. Undefined until the content script has answered;
 * `context: null` when the page shows none or Parley does not run on it.
 */
export function useShownCandidate(): PanelCandidate | undefined {
  const [shown, setShown] = useState<PanelCandidate | undefined>(undefined);
  useEffect(() => followShownCandidate(setShown), []);
  return shown;
}
