/**
 * The contract every ATS adapter implements. To add an ATS: create `ats/<id>/` with
 * `detect.ts` (URL predicates), `selectors.ts` (every DOM assumption, named, with fallbacks),
 * `extract.ts` (selectors → the candidate's fields) and `index.ts` (the three put together by
 * `defineAtsAdapter`, define-adapter.ts), then list it once in `ats/registry.ts`. Adapters only
 * read the page: the content script owns mounting.
 * @module
 */
import type { CandidateContext } from '@shared/api/candidates.ts';

/**
 * Selectors tried in order; the first that matches wins. Keep one comment per entry saying which
 * version of the page it is for, so dead fallbacks can be dropped.
 */
export type SelectorList = readonly [string, ...string[]];

/** What a profile page shows of the candidate; the adapter adds which ATS it is (`ats`). */
export type CandidateFields = Omit<CandidateContext, 'ats'>;

export interface AtsAdapter {
  /** Stored with every candidate as `CandidateContext.ats`; never rename it. */
  readonly id: string;
  /** The product's name, as the recruiter knows it (shown when asking for access to its pages). */
  readonly label: string;
  /**
   * Match patterns of the pages the content script runs on. `bundled` ones are in the manifest;
   * `on-request` ones are optional host permissions, asked for per ATS at run time (ats/access.ts),
   * so installing Parley grants access to no ATS the recruiter does not use.
   */
  readonly hostMatches: readonly [string, ...string[]];
  readonly access: 'bundled' | 'on-request';
  /** True for URLs of a candidate's profile page, before the page has rendered. */
  matches(url: URL): boolean;
  /** The element whose presence means the profile has rendered. */
  readonly candidateRoot: SelectorList;
  /** Null until the page shows the candidate the URL names (SPAs render after navigating). */
  readCandidate(doc: Document, url: URL): CandidateContext | null;
  /** Where the panel goes; null while the page has not rendered it. */
  panelAnchor(doc: Document): Element | null;
}
