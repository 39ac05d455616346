/**
 * Reads the candidate a SmartRecruiters application page shows. The id comes from the URL, the
 * fields from their locators but the phone, with the tab title ("Riley Park | SmartRecruiters") as
 * the name's last resort.
 * @module
 */
import { queryAllFirst, textOf } from '../dom.ts';
import { phoneFromText } from '../fields.ts';
import { readProfile } from '../profile.ts';
import type { CandidateFields } from '../types.ts';
import { candidateIdFromUrl } from './detect.ts';
import * as selectors from './selectors.ts';

export function extractCandidate(doc: Document, url: URL): CandidateFields | null {
  return readProfile(doc, url, {
    selectors,
    candidateIdFromUrl,
    productTitle: /^SmartRecruiters$/,
    // The personal info lines carry no labels: the phone is the line that reads as a number.
    phone: (root) =>
      queryAllFirst(root, selectors.personalInfoItems)
        .map((item) => phoneFromText(textOf(item)))
        .find(Boolean) ?? null,
  });
}

/* ## Test pages
 * test/fixtures/ats/smartrecruiters/*.html (written from the documented URL shapes and element
 * names; see its README), checked by selectors.test.ts and extract.test.ts.
 * Live: https://www.smartrecruiters.com/app/people/applications/<id> with a SmartRecruiters login.
 */
