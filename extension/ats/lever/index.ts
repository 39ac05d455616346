import type { AtsAdapter } from '../types.ts';
import { hostMatches, isCandidateProfile } from './detect.ts';
import { extractCandidate, findPanelAnchor } from './extract.ts';
import { candidateRoot } from './selectors.ts';

const id = 'lever';

/** Lever Hire's candidate (opportunity) profiles. */
export const leverAdapter: AtsAdapter = {
  id,
  label: 'Lever',
  hostMatches,
  access: 'on-request',
  matches: isCandidateProfile,
  candidateRoot,
  readCandidate(doc, url) {
    const fields = extractCandidate(doc, url);
    return fields && { ats: id, ...fields };
  },
  panelAnchor: findPanelAnchor,
};
