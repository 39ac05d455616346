/**
 * Reads the candidate a SmartRecruiters application page shows. The id comes from the URL, the rest
 * from named selectors, with the tab title ("Riley Park | SmartRecruiters") as the name's last resort.
 * @module
 */
import type { CandidateContext } from '@shared/api/candidates.ts';
import { linksToCandidate, queryAllFirst, queryFirst, textOf } from '../dom.ts';
import { emailFromLink, fallbackLanguage, nameFromTitle, phoneFromText } from '../fields.ts';
import { candidateIdFromUrl } from './detect.ts';
import * as selectors from './selectors.ts';

const productTitle = /^SmartRecruiters$/;

export function extractCandidate(doc: Document, url: URL): Omit<CandidateContext, 'ats'> | null {
  const atsCandidateId = candidateIdFromUrl(url);
  const root = queryFirst(doc, selectors.candidateRoot);
  if (!atsCandidateId || !root || !linksToCandidate(root, selectors.shownCandidateLink, url, candidateIdFromUrl)) return null;

  const name = textOf(queryFirst(root, selectors.candidateName)) ?? nameFromTitle(doc.title, productTitle);
  if (!name) return null;

  // The personal info lines carry no labels: the phone is the line that reads as a number.
  const phone = queryAllFirst(root, selectors.personalInfoItems).map((item) => phoneFromText(textOf(item))).find(Boolean) ?? null;
  return {
    atsCandidateId,
    name,
    phone,
    email: emailFromLink(queryFirst(root, selectors.candidateEmail)),
    jobTitle: textOf(queryFirst(root, selectors.candidateJob)),
    // The page does not say which language the job ad is in.
    language: fallbackLanguage,
  };
}

export function findPanelAnchor(doc: Document): Element | null {
  return queryFirst(doc, selectors.panelAnchor);
}

/* ## Test pages
 * test/fixtures/ats/smartrecruiters/*.html (written from the documented URL shapes and element
 * names; see its README), checked by selectors.test.ts and extract.test.ts.
 * Live: https://www.smartrecruiters.com/app/people/applications/<id> with a SmartRecruiters login.
 */
