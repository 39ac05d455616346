/**
 * Reads the candidate a Lever profile shows. The id comes from the URL, the fields from their
 * locators, with the tab title ("Morgan Lee – Lever Hire") as the name's last resort.
 * @module
 */
import { readProfile } from '../profile.ts';
import type { CandidateFields } from '../types.ts';
import { candidateIdFromUrl } from './detect.ts';
import * as selectors from './selectors.ts';

export function extractCandidate(doc: Document, url: URL): CandidateFields | null {
  return readProfile(doc, url, {
    selectors,
    candidateIdFromUrl,
    productTitle: /^Lever Hire$/,
  });
}

/* ## Test pages
 * test/fixtures/ats/lever/*.html (written from the documented URL shapes; see its README),
 * checked by selectors.test.ts and extract.test.ts. Live: https://hire.lever.co/candidates/<uuid>
 * with a Lever login.
 */
