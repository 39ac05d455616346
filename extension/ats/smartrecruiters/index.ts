import type { AtsAdapter } from '../types.ts';
import { hostMatches, isCandidateProfile } from './detect.ts';
import { extractCandidate, findPanelAnchor } from './extract.ts';
import { candidateRoot } from './selectors.ts';

const id = 'smartrecruiters';

/** SmartRecruiters' application pages (www.smartrecruiters.com/app/people/applications/…). */
export const smartRecruitersAdapter: AtsAdapter = {
  id,
  label: 'SmartRecruiters',
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
