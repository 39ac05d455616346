/**
 * Reads the candidate a Greenhouse profile shows. The id comes from the URL, the fields from their
 * locators, with the tab title ("Avery Quinn - Greenhouse") as the name's last resort.
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
    productTitle: /^Greenhouse(?: Recruiting)?$/,
  });
}

/* ## Test pages
 * test/fixtures/ats/greenhouse/*.html (written from the documented URL shapes; see its README),
 * checked by selectors.test.ts and extract.test.ts. Live: https://app.greenhouse.io/people/<id>
 * with a Greenhouse Recruiting login.
 */
