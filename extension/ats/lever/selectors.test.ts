import { describeFieldLocators, describeSelectors } from '../../testing/selector-expectations.ts';
import * as selectors from './selectors.ts';

type SelectorName = Exclude<keyof typeof selectors, 'fields'>;
type Page = 'candidate-250d8f03.html' | 'candidate-7f3c2a91.html' | 'candidates.html';
const onProfiles = (morgan: number, sam: number) => ({ 'candidate-250d8f03.html': morgan, 'candidate-7f3c2a91.html': sam, 'candidates.html': 0 });

describeSelectors<SelectorName, Page>({
  adapterId: 'lever',
  selectors,
  root: selectors.candidateRoot,
  scopedToRoot: new Set<SelectorName>(['shownCandidateLink']),
  counts: {
    candidateRoot: onProfiles(1, 1),
    shownCandidateLink: onProfiles(1, 1),
    panelAnchor: onProfiles(1, 1),
  },
});

describeFieldLocators<Page>({
  adapterId: 'lever',
  fields: selectors.fields,
  root: selectors.candidateRoot,
  values: {
    'candidate-250d8f03.html': { name: 'Morgan Lee', phone: '(512) 555-0187', email: 'morgan.lee@example.net', jobTitle: 'Product Designer, Growth' },
    // No phone on file.
    'candidate-7f3c2a91.html': { name: 'Sam Okafor', email: 'sam.okafor@example.co.uk', jobTitle: 'Platform Engineer (On-call)' },
    'candidates.html': {},
  },
});
