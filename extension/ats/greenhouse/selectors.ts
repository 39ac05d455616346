/**
 * Every assumption the Greenhouse adapter makes about the candidate profile's markup. Each list is
 * tried in order: the first entry is the React profile as saved in test/fixtures/ats/greenhouse
 * (whose README says what is documented and what is assumed), later entries are looser fallbacks.
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
import type { SelectorList } from '../types.ts';

export const candidateRoot = [
  '[data-testid="candidate-profile"]',
  'main.candidate-profile', // if production builds strip the test ids
] as const satisfies SelectorList;

/** The rest but the anchor are looked up inside the candidate root. */
export const candidateName = [
  '[data-testid="candidate-name"]',
  'h1', // the profile's only top-level heading; the tab title is the last resort (extract.ts)
] as const satisfies SelectorList;

/** Links to the profile on screen: proves which person the page shows after a client-side navigation. */
export const shownCandidateLink = [
  'nav[aria-label="Applications"] a[aria-current="page"]',
  'a[href^="/people/"]', // the first person link in the profile is the application switcher's
] as const satisfies SelectorList;

export const candidatePhone = [
  '[data-testid="contact-phone"] a[href^="tel:"]',
  'a[href^="tel:"]', // any dial link in the profile
] as const satisfies SelectorList;

export const candidateEmail = [
  '[data-testid="contact-email"] a[href^="mailto:"]',
  'a[href^="mailto:"]', // any mail link in the profile
] as const satisfies SelectorList;

export const candidateJob = [
  '[data-testid="application-job-name"]',
  '.application-header h2', // the open application's heading
] as const satisfies SelectorList;

/** Looked up in the whole document: the sidebar is a sibling of the profile and survives navigation. */
export const panelAnchor = ['[data-testid="profile-sidebar"]', 'aside.candidate-profile__sidebar'] as const satisfies SelectorList;
