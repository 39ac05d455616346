/**
 * The contract every ATS adapter implements. To add an ATS: create `ats/<id>/` with
 * `detect.ts` (URL predicates), `selectors.ts` (every DOM assumption, named, with fallbacks; the
 * candidate's fields as locators, `AdapterFields`), `extract.ts` (the candidate's fields, through
 * `readProfile` in profile.ts where the page is a profile) and `index.ts` (the three put together
 * by `defineAtsAdapter`, define-adapter.ts), then list it once in `ats/registry.ts`. Adapters only
 * read the page: the content script owns mounting.
 * @module
 */
import type { CandidateContext } from '@shared/api/candidates.ts';
import type { Locator, SiteProfileField } from '@shared/domain/site-profiles.ts';

/**
 * Selectors tried in order; the first that matches wins. Keep one comment per entry saying which
 * version of the page it is for, so dead fallbacks can be dropped.
 */
export type SelectorList = readonly [string, ...string[]];

/**
 * A built-in adapter's fields in the site-profile format (taught sites' locators): per field,
 * locators tried in order inside the candidate root, read by the same engine as a taught site's
 * (site-profiles/locators.ts), so "Check this page" says which one found each field. Keep one
 * comment per fallback saying which version of the page it is for.
 */
export type AdapterFields = { readonly [Field in SiteProfileField]?: readonly [Locator, ...Locator[]] };

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
  /** The fields its locators read inside the candidate root; absent where the adapter reads the page in code (the demo). */
  readonly fields?: AdapterFields;
}
