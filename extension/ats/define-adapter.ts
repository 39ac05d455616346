/**
 * The one way an adapter is put together from its folder. Each ATS says who it is (id, label,
 * access) and hands over its three modules; this wires them the same way for every ATS: the URL
 * predicate from detect.ts, the candidate from extract.ts tagged with the ATS's id, the candidate
 * root, the panel's anchor and the field locators (where it has them) from selectors.ts.
 * @module
 */
import { queryFirst } from './dom.ts';
import type { AdapterFields, AtsAdapter, CandidateFields, SelectorList } from './types.ts';

export type AtsIdentity = Pick<AtsAdapter, 'id' | 'label' | 'access'>;

/** What an adapter folder's modules export (see types.ts for the folder's layout). */
export type AtsAdapterModules = {
  detect: {
    readonly hostMatches: AtsAdapter['hostMatches'];
    isCandidateProfile(url: URL): boolean;
  };
  /** Of all the folder's selectors, the adapter itself needs these two, and the field locators for the page check. */
  selectors: { readonly candidateRoot: SelectorList; readonly panelAnchor: SelectorList; readonly fields?: AdapterFields };
  extract: {
    /** Null until the page shows the candidate the URL names. */
    extractCandidate(doc: Document, url: URL): CandidateFields | null;
  };
};

export function defineAtsAdapter(identity: AtsIdentity, { detect, selectors, extract }: AtsAdapterModules): AtsAdapter {
  return {
    ...identity,
    hostMatches: detect.hostMatches,
    matches: detect.isCandidateProfile,
    candidateRoot: selectors.candidateRoot,
    readCandidate(doc, url) {
      const fields = extract.extractCandidate(doc, url);
      return fields && { ats: identity.id, ...fields };
    },
    panelAnchor: (doc) => queryFirst(doc, selectors.panelAnchor),
    fields: selectors.fields,
  };
}
