import type { AtsAdapter } from '../types.ts';
import { isCandidateProfile } from './detect.ts';
import { extractCandidate, findPanelAnchor } from './extract.ts';
import { candidateRoot } from './selectors.ts';

const id = 'demo';

/** The local demo ATS (test/demo-ats): the reference adapter and the e2e tests' target. */
export const demoAdapter: AtsAdapter = {
  id,
  matches: isCandidateProfile,
  candidateRoot,
  readCandidate(doc, url) {
    const fields = extractCandidate(doc, url);
    return fields && { ats: id, ...fields };
  },
  panelAnchor: findPanelAnchor,
};
