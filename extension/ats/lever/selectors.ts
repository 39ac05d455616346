/**
 * Every assumption the Lever adapter makes about the candidate profile's markup. Each list is tried
 * in order: the first entry is the profile as saved in test/fixtures/ats/lever (whose README says
 * what is documented and what is assumed), later entries are looser fallbacks. The candidate's
 * fields are locators, the format a taught site's profile uses.
 *
 * Expected DOM:
 *   [data-qa="candidate-profile"]
 *     [data-qa="candidate-name"]
 *     a.profile-permalink[href="/candidates/{opportunityId}"]
 *     .contact-info__phone a[href^="tel:"]               (absent when no phone is on file)
 *     .contact-info__email a[href^="mailto:"]
 *     [data-qa="posting-title"]
 *   aside[data-qa="candidate-sidebar"]                    (the panel mounts here)
 * @module
 */
import type { AdapterFields, SelectorList } from '../types.ts';

export const candidateRoot = [
  '[data-qa="candidate-profile"]',
  '.candidate-page__main', // if the QA attributes are dropped
] as const satisfies SelectorList;

/** Links to the profile on screen: proves which opportunity the page shows after a client-side navigation. Inside the candidate root. */
export const shownCandidateLink = [
  'a.profile-permalink',
  'a[href^="/candidates/"]', // the header's link comes before the tabs'
] as const satisfies SelectorList;

/**
 * Looked up inside the candidate root. The contact list has no hooks or labels, only classes, so
 * phone and email have two CSS locators each. Lever stores numbers as typed ("(512) 555-0187"):
 * the worker may not place one, and then the panel asks.
 */
export const fields = {
  name: [
    { kind: 'attribute', name: 'data-qa', value: 'candidate-name' },
    { kind: 'css', selector: '.profile-name' }, // the tab title ("Name – Lever Hire") is the last resort (profile.ts)
  ],
  phone: [
    { kind: 'css', selector: '.contact-info__phone a[href^="tel:"]' },
    { kind: 'css', selector: 'a[href^="tel:"]' }, // any dial link in the profile
  ],
  email: [
    { kind: 'css', selector: '.contact-info__email a[href^="mailto:"]' },
    { kind: 'css', selector: 'a[href^="mailto:"]' }, // any mail link in the profile
  ],
  jobTitle: [
    { kind: 'attribute', name: 'data-qa', value: 'posting-title' },
    { kind: 'css', selector: '.opportunity__posting' }, // if the QA attributes are dropped
  ],
} as const satisfies AdapterFields;

/** Looked up in the whole document: the sidebar is a sibling of the profile and survives navigation. */
export const panelAnchor = ['[data-qa="candidate-sidebar"]', 'aside.candidate-page__sidebar'] as const satisfies SelectorList;
