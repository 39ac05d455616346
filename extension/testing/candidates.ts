/** Test-only: the demo ATS's Ada as the content script reads her page, for the panel's tests. */
import type { CandidateContext } from '@shared/api/candidates.ts';

export const adaContext: CandidateContext = {
  ats: 'demo',
  atsCandidateId: 'c-1001',
  name: 'Ada Lovelace',
  phone: '+14155550101',
  email: null,
  jobTitle: 'Senior Backend Engineer',
  language: 'en',
};

/** Her id in the fake worker, which keys candidates by ATS id. */
export const ADA_ID = 'cand-c-1001';
