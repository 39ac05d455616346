import type { AtsAdapter } from '../types.ts';
import { hostMatches, isCandidateProfile } from './detect.ts';
import { extractCandidate, findPanelAnchor } from './extract.ts';
import { candidateRoot } from './selectors.ts';

const id = 'demo';

/** The local demo ATS (test/demo-ats): the reference adapter and the e2e tests' target. */
export const demoAdapter: AtsAdapter = {
  id,
  label: 'Demo ATS (local)',
  hostMatches,
  // Loopback only, so it ships in the manifest: `npm start` and the e2e tests need no prompt.
  access: 'bundled',
  matches: isCandidateProfile,
  candidateRoot,
  readCandidate(doc, url) {
    const fields = extractCandidate(doc, url);
    return fields && { ats: id, ...fields };
  },
  panelAnchor: findPanelAnchor,
};
