/**
 * Every assumption the Greenhouse adapter makes about the candidate profile's markup. Each list is
 * tried in order: the first entry is the React profile as saved in test/fixtures/ats/greenhouse
 * (whose README says what is documented and what is assumed), later entries are looser fallbacks.
 * The candidate's fields are locators, the format a taught site's profile uses.
 *
 * Expected DOM:
 *   main[data-testid="candidate-profile"]
 *     [data-testid="candidate-name"]
 *     [data-testid="contact-phone"] a[href^="tel:"]     (absent when no phone is on file)
 *     [data-testid="contact-email"] a[href^="mailto:"]
 *     nav[aria-label="Applications"] a[aria-current="page"][href^="/people/{personId}/…"]
 *     [data-testid="application-job-name"]
 *   aside[data-testid="profile-sidebar"]                (the panel mounts here)
 * @module
 */
import type { AdapterFields, SelectorList } from '../types.ts';

export const candidateRoot = [
  '[data-testid="candidate-profile"]',
  'main.candidate-profile', // if production builds strip the test ids
] as const satisfies SelectorList;

/** Links to the profile on screen: proves which person the page shows after a client-side navigation. Inside the candidate root. */
export const shownCandidateLink = [
  'nav[aria-label="Applications"] a[aria-current="page"]',
  'a[href^="/people/"]', // the first person link in the profile is the application switcher's
] as const satisfies SelectorList;

/** Looked up inside the candidate root. The phone and email hooks are list items holding the tel:/mailto: link. */
export const fields = {
  name: [
    { kind: 'attribute', name: 'data-testid', value: 'candidate-name' },
    { kind: 'css', selector: 'h1' }, // the profile's only top-level heading; the tab title is the last resort (profile.ts)
  ],
  phone: [
    { kind: 'attribute', name: 'data-testid', value: 'contact-phone' },
    { kind: 'css', selector: 'a[href^="tel:"]' }, // any dial link in the profile
  ],
  email: [
    { kind: 'attribute', name: 'data-testid', value: 'contact-email' },
    { kind: 'css', selector: 'a[href^="mailto:"]' }, // any mail link in the profile
  ],
  jobTitle: [
    { kind: 'attribute', name: 'data-testid', value: 'application-job-name' },
    { kind: 'css', selector: '.application-header h2' }, // the open application's heading
  ],
} as const satisfies AdapterFields;

/** Looked up in the whole document: the sidebar is a sibling of the profile and survives navigation. */
export const panelAnchor = ['[data-testid="profile-sidebar"]', 'aside.candidate-profile__sidebar'] as const satisfies SelectorList;
