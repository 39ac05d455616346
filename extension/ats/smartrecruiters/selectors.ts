/**
 * Every assumption the SmartRecruiters adapter makes about the candidate page's markup. Each list is
 * tried in order: the first entry is the page as saved in test/fixtures/ats/smartrecruiters (whose
 * README says what is documented and what is assumed), later entries are looser fallbacks.
 * SmartRecruiters builds its UI from `sr-*` and `spl-*` custom elements; these selectors assume
 * their content is in the light DOM (a shadow root would hide it: then the title gives the name and
 * the panel asks for the phone).
 *
 * Expected DOM:
 *   sr-candidate-profile
 *     [data-test="candidate-name"]
 *     sr-candidate-personal-info > spl-typography-body   (email link, phone as text, location)
 *     nav[aria-label="Candidate"] a[aria-current="page"][href="/app/people/applications/{id}"]
 *     [data-test="job-title"]
 *   aside[data-test="profile-sidebar"]                     (the panel mounts here)
 * @module
 */
import type { SelectorList } from '../types.ts';

export const candidateRoot = [
  'sr-candidate-profile',
  '[data-test="candidate-profile"]', // if the element is renamed
] as const satisfies SelectorList;

/** The rest but the anchor are looked up inside the candidate root. */
export const candidateName = [
  '[data-test="candidate-name"]',
  'sr-candidate-header spl-typography-title', // the tab title ("Name | SmartRecruiters") is the last resort
] as const satisfies SelectorList;

/** Links to the page on screen: proves which application the page shows after a client-side navigation. */
export const shownCandidateLink = [
  'nav[aria-label="Candidate"] a[aria-current="page"]',
  'a[href^="/app/people/applications/"]', // the Profile tab comes first
] as const satisfies SelectorList;

/** Email, phone and location, each its own line; the phone is plain text (a real scraper reads these). */
export const personalInfoItems = ['sr-candidate-personal-info spl-typography-body', '[data-test="personal-info"] > *'] as const satisfies SelectorList;

export const candidateEmail = [
  'sr-candidate-personal-info a[href^="mailto:"]',
  'a[href^="mailto:"]', // any mail link in the profile
] as const satisfies SelectorList;

export const candidateJob = [
  '[data-test="job-title"]',
  'a[href^="/app/jobs/details/"]', // the job the application is for
] as const satisfies SelectorList;

/** Looked up in the whole document: the sidebar is a sibling of the profile and survives navigation. */
export const panelAnchor = ['[data-test="profile-sidebar"]', '.profile-layout > aside'] as const satisfies SelectorList;
