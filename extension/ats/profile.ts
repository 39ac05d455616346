/**
 * How the profile-page adapters read a candidate: the id from the URL, the rest from each ATS's
 * named selectors inside the candidate root, the tab title as the name's last resort. Only the
 * phone differs enough between ATSs to be each adapter's own.
 * @module
 */
import { linksToCandidate, queryFirst, textOf } from './dom.ts';
import { emailFromLink, nameFromTitle } from './fields.ts';
import type { CandidateFields, SelectorList } from './types.ts';

export type ProfilePage = {
  selectors: {
    candidateRoot: SelectorList;
    shownCandidateLink: SelectorList;
    candidateName: SelectorList;
    candidateEmail: SelectorList;
    candidateJob: SelectorList;
  };
  candidateIdFromUrl: (url: URL) => string | null;
  /** The product's part of the tab title ("Avery Quinn - Greenhouse"). */
  productTitle: RegExp;
  phone: (root: Element) => string | null;
};

export function readProfile(doc: Document, url: URL, page: ProfilePage): CandidateFields | null {
  const { selectors } = page;
  const atsCandidateId = page.candidateIdFromUrl(url);
  const root = queryFirst(doc, selectors.candidateRoot);
  if (!atsCandidateId || !root || !linksToCandidate(root, selectors.shownCandidateLink, url, page.candidateIdFromUrl)) return null;

  const name = textOf(queryFirst(root, selectors.candidateName)) ?? nameFromTitle(doc.title, page.productTitle);
  if (!name) return null;

  return {
    atsCandidateId,
    name,
    phone: page.phone(root),
    email: emailFromLink(queryFirst(root, selectors.candidateEmail)),
    jobTitle: textOf(queryFirst(root, selectors.candidateJob)),
    // None of these pages says which language the job ad is in: the worker keeps what it knows.
    language: null,
  };
}
