/**
 * How the profile-page adapters read a candidate: the id from the URL, the fields through their
 * locators inside the candidate root — the site-profile format, evaluated by the same engine as a
 * taught site's — and the tab title as the name's last resort. What that format cannot say stays
 * each adapter's code: which URLs are profiles, whether the page still shows the previous
 * candidate, and a field no locator can find (SmartRecruiters' unlabelled phone line).
 * @module
 */
import type { SiteProfileField } from '@shared/domain/site-profiles.ts';
import { evaluateField } from '../site-profiles/locators.ts';
import { linksToCandidate, queryFirst } from './dom.ts';
import { nameFromTitle } from './fields.ts';
import type { AdapterFields, CandidateFields, SelectorList } from './types.ts';

export type ProfilePage = {
  selectors: {
    candidateRoot: SelectorList;
    shownCandidateLink: SelectorList;
    fields: AdapterFields;
  };
  candidateIdFromUrl: (url: URL) => string | null;
  /** The product's part of the tab title ("Avery Quinn - Greenhouse"). */
  productTitle: RegExp;
  /** Only where the page gives the phone no element of its own to locate. */
  phone?: (root: Element) => string | null;
};

export function readProfile(doc: Document, url: URL, page: ProfilePage): CandidateFields | null {
  const { selectors } = page;
  const atsCandidateId = page.candidateIdFromUrl(url);
  const root = queryFirst(doc, selectors.candidateRoot);
  if (!atsCandidateId || !root || !linksToCandidate(root, selectors.shownCandidateLink, url, page.candidateIdFromUrl)) return null;

  const read = (field: SiteProfileField) => {
    const locators = selectors.fields[field];
    return locators ? evaluateField(root, field, locators).value : null;
  };
  const name = read('name') ?? nameFromTitle(doc.title, page.productTitle);
  if (!name) return null;

  return {
    atsCandidateId,
    name,
    phone: page.phone ? page.phone(root) : read('phone'),
    email: read('email'),
    jobTitle: read('jobTitle'),
    // None of these pages says which language the job ad is in: the worker keeps what it knows.
    language: null,
  };
}
