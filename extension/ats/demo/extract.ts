/**
 * Reads the candidate the demo ATS's profile page shows.
 * @module
 */
import { queryFirst, textOf } from '../dom.ts';
import { emailFromLink, languageTag, phoneFromLink } from '../fields.ts';
import type { CandidateFields } from '../types.ts';
import { candidateIdFromUrl } from './detect.ts';
import * as selectors from './selectors.ts';

/**
 * Null until the page shows the candidate the URL names: after a client-side navigation the demo
 * keeps the previous profile on screen for ~100 ms, and reading it then would show the wrong person.
 */
export function extractCandidate(doc: Document, url: URL): CandidateFields | null {
  const atsCandidateId = candidateIdFromUrl(url);
  const root = queryFirst(doc, selectors.candidateRoot);
  if (!atsCandidateId || root?.getAttribute('data-candidate-id') !== atsCandidateId) return null;

  const name = textOf(queryFirst(root, selectors.candidateName));
  if (!name) return null;

  const job = queryFirst(root, selectors.candidateJob);
  return {
    atsCandidateId,
    name,
    phone: phoneFromLink(queryFirst(root, selectors.candidatePhone)),
    email: emailFromLink(queryFirst(root, selectors.candidateEmail)),
    jobTitle: textOf(job),
    language: languageTag(job?.getAttribute('data-job-language')),
  };
}

/* ## Test pages
 * test/fixtures/ats/demo/*.html (saved from test/demo-ats), checked by selectors.test.ts and
 * extract.test.ts. Live: `npm start`, then http://localhost:4173/candidates/c-1001
 */
