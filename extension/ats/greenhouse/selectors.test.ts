import { describeSelectors } from '../../testing/selector-expectations.ts';
import * as selectors from './selectors.ts';

type SelectorName = keyof typeof selectors;
type Page = 'profile-60304594.html' | 'profile-60311022.html' | 'people.html';
const onProfiles = (avery: number, jonas: number) => ({ 'profile-60304594.html': avery, 'profile-60311022.html': jonas, 'people.html': 0 });

describeSelectors<SelectorName, Page>({
  adapterId: 'greenhouse',
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
