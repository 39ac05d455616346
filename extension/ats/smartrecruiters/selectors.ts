/**
 * Every assumption the SmartRecruiters adapter makes about the candidate page's markup. Each list is
 * tried in order: the first entry is the page as saved in test/fixtures/ats/smartrecruiters (whose
 * README says what is documented and what is assumed), later entries are looser fallbacks.
 * SmartRecruiters builds its UI from `sr-*` and `spl-*` custom elements; these selectors assume
 * their content is in the light DOM (a shadow root would hide it: then the title gives the name and
 * the panel asks for the phone). The candidate's fields are locators, the format a taught site's
 * profile uses, but for the phone: see `personalInfoItems`.
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
import type { AdapterFields, SelectorList } from '../types.ts';

export const candidateRoot = [
  'sr-candidate-profile',
  '[data-test="candidate-profile"]', // if the element is renamed
] as const satisfies SelectorList;

/** Links to the page on screen: proves which application the page shows after a client-side navigation. Inside the candidate root. */
export const shownCandidateLink = [
  'nav[aria-label="Candidate"] a[aria-current="page"]',
  'a[href^="/app/people/applications/"]', // the Profile tab comes first
] as const satisfies SelectorList;

/**
 * Email, phone and location, each its own line without a label or hook; the phone is the plain-text
 * line that reads as a number (a real scraper reads these). No locator says "whichever line is a
 * number" (only a position, which a candidate without an email shifts), so extract.ts reads it.
 */
export const personalInfoItems = ['sr-candidate-personal-info spl-typography-body', '[data-test="personal-info"] > *'] as const satisfies SelectorList;

/** Looked up inside the candidate root. */
export const fields = {
  name: [
    { kind: 'attribute', name: 'data-test', value: 'candidate-name' },
    { kind: 'css', selector: 'sr-candidate-header spl-typography-title' }, // the tab title ("Name | SmartRecruiters") is the last resort
  ],
  email: [
    { kind: 'css', selector: 'sr-candidate-personal-info a[href^="mailto:"]' },
    { kind: 'css', selector: 'a[href^="mailto:"]' }, // any mail link in the profile
  ],
  jobTitle: [
    { kind: 'attribute', name: 'data-test', value: 'job-title' },
    { kind: 'css', selector: 'a[href^="/app/jobs/details/"]' }, // the job the application is for
  ],
} as const satisfies AdapterFields;

/** Looked up in the whole document: the sidebar is a sibling of the profile and survives navigation. */
export const panelAnchor = ['[data-test="profile-sidebar"]', '.profile-layout > aside'] as const satisfies SelectorList;
