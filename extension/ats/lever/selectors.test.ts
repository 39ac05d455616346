import { describeSelectors } from '../../testing/selector-expectations.ts';
import * as selectors from './selectors.ts';

type SelectorName = keyof typeof selectors;
type Page = 'candidate-250d8f03.html' | 'candidate-7f3c2a91.html' | 'candidates.html';
const onProfiles = (morgan: number, sam: number) => ({ 'candidate-250d8f03.html': morgan, 'candidate-7f3c2a91.html': sam, 'candidates.html': 0 });

describeSelectors<SelectorName, Page>({
  adapterId: 'lever',
  selectors,
  root: selectors.candidateRoot,
  scopedToRoot: new Set<SelectorName>(['candidateName', 'shownCandidateLink', 'candidatePhone', 'candidateEmail', 'candidateJob']),
  counts: {
    candidateRoot: onProfiles(1, 1),
    candidateName: onProfiles(1, 1),
    shownCandidateLink: onProfiles(1, 1),
    candidatePhone: onProfiles(1, 0),
    candidateEmail: onProfiles(1, 1),
    candidateJob: onProfiles(1, 1),
    panelAnchor: onProfiles(1, 1),
  },
});
