/**
 * Reads the candidate a Lever profile shows. The id comes from the URL, the rest from named
 * selectors, with the tab title ("Morgan Lee – Lever Hire") as the name's last resort.
 * @module
 */
import type { CandidateContext } from '@shared/api/candidates.ts';
import { linksToCandidate, queryFirst, textOf } from '../dom.ts';
import { emailFromLink, fallbackLanguage, nameFromTitle, phoneFromLink } from '../fields.ts';
import { candidateIdFromUrl } from './detect.ts';
import * as selectors from './selectors.ts';

const productTitle = /^Lever Hire$/;

export function extractCandidate(doc: Document, url: URL): Omit<CandidateContext, 'ats'> | null {
  const atsCandidateId = candidateIdFromUrl(url);
  const root = queryFirst(doc, selectors.candidateRoot);
  if (!atsCandidateId || !root || !linksToCandidate(root, selectors.shownCandidateLink, url, candidateIdFromUrl)) return null;

  const name = textOf(queryFirst(root, selectors.candidateName)) ?? nameFromTitle(doc.title, productTitle);
  if (!name) return null;

  return {
    atsCandidateId,
    name,
    // Lever stores numbers as typed ("(512) 555-0187"); the worker may not place them, and then the panel asks.
    phone: phoneFromLink(queryFirst(root, selectors.candidatePhone)),
    email: emailFromLink(queryFirst(root, selectors.candidateEmail)),
    jobTitle: textOf(queryFirst(root, selectors.candidateJob)),
    // The profile does not say which language the posting is in.
    language: fallbackLanguage,
  };
}

export function findPanelAnchor(doc: Document): Element | null {
  return queryFirst(doc, selectors.panelAnchor);
}

/* ## Test pages
 * test/fixtures/ats/lever/*.html (written from the documented URL shapes; see its README),
 * checked by selectors.test.ts and extract.test.ts. Live: https://hire.lever.co/candidates/<uuid>
 * with a Lever login.
 */
