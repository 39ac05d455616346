import { defineAtsAdapter } from '../define-adapter.ts';
import * as detect from './detect.ts';
import * as extract from './extract.ts';
import * as selectors from './selectors.ts';

/** SmartRecruiters' application pages (www.smartrecruiters.com/app/people/applications/…). */
export const smartRecruitersAdapter = defineAtsAdapter(
  { id: 'smartrecruiters', label: 'SmartRecruiters', access: 'on-request' },
  { detect, selectors, extract },
);
