/**
 * Every assumption the Lever adapter makes about the candidate profile's markup. Each list is tried
 * in order: the first entry is the profile as saved in test/fixtures/ats/lever (whose README says
 * what is documented and what is assumed), later entries are looser fallbacks.
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
import type { SelectorList } from '../types.ts';

export const candidateRoot = [
  '[data-qa="candidate-profile"]',
  '.candidate-page__main', // if the QA attributes are dropped
] as const satisfies SelectorList;

/** The rest but the anchor are looked up inside the candidate root. */
export const candidateName = [
  '[data-qa="candidate-name"]',
  '.profile-name', // the tab title ("Name – Lever Hire") is the last resort (extract.ts)
] as const satisfies SelectorList;

/** Links to the profile on screen: proves which opportunity the page shows after a client-side navigation. */
export const shownCandidateLink = [
  'a.profile-permalink',
  'a[href^="/candidates/"]', // the header's link comes before the tabs'
] as const satisfies SelectorList;

export const candidatePhone = [
  '.contact-info__phone a[href^="tel:"]',
  'a[href^="tel:"]', // any dial link in the profile
] as const satisfies SelectorList;

export const candidateEmail = [
  '.contact-info__email a[href^="mailto:"]',
  'a[href^="mailto:"]', // any mail link in the profile
] as const satisfies SelectorList;

export const candidateJob = ['[data-qa="posting-title"]', '.opportunity__posting'] as const satisfies SelectorList;

/** Looked up in the whole document: the sidebar is a sibling of the profile and survives navigation. */
export const panelAnchor = ['[data-qa="candidate-sidebar"]', 'aside.candidate-page__sidebar'] as const satisfies SelectorList;
