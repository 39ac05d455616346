/**
 * Every assumption the demo adapter makes about the demo ATS's markup (test/demo-ats).
 * Each list is tried in order. The first entry is the current markup; later entries are looser
 * fallbacks that keep the adapter reading if a class is renamed.
 *
 * Expected DOM (a profile page):
 *   article.candidate-profile[data-candidate-id]
 *     h1.candidate-name
 *     a.candidate-phone[href^="tel:"]          (absent when the candidate gave no number)
 *     a.candidate-email[href^="mailto:"]
 *     div.candidate-job[data-job-id][data-job-language]
 *   aside.profile-sidebar
 *     div.profile-sidebar__apps                (the panel mounts here)
 * @module
 */
import type { SelectorList } from '../types.ts';

export const candidateRoot = [
  'article.candidate-profile[data-candidate-id]',
  '[data-candidate-id]', // if the article's class changes
] as const satisfies SelectorList;

/** The rest are looked up inside the candidate root. */
export const candidateName = [
  'h1.candidate-name',
  'h1', // the profile's only top-level heading
] as const satisfies SelectorList;

export const candidatePhone = [
  'a.candidate-phone',
  'a[href^="tel:"]', // any dial link in the profile
] as const satisfies SelectorList;

export const candidateEmail = [
  'a.candidate-email',
  'a[href^="mailto:"]', // any mail link in the profile
] as const satisfies SelectorList;

/** Carries the job ad's language in `data-job-language`. */
export const candidateJob = [
  '.candidate-job',
  '[data-job-language]', // if the class changes but the attribute stays
] as const satisfies SelectorList;

/** Looked up in the whole document: the sidebar is a sibling of the profile. */
export const panelAnchor = [
  'aside.profile-sidebar .profile-sidebar__apps',
  'aside.profile-sidebar', // no apps slot: append to the sidebar itself
] as const satisfies SelectorList;
