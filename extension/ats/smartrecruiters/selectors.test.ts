import { describeSelectors } from '../../testing/selector-expectations.ts';
import * as selectors from './selectors.ts';

type SelectorName = keyof typeof selectors;
type Page = 'application-3f9c1b52.html' | 'application-8e1d4a07.html' | 'people.html';
const onProfiles = (riley: number, lena: number) => ({ 'application-3f9c1b52.html': riley, 'application-8e1d4a07.html': lena, 'people.html': 0 });

describeSelectors<SelectorName, Page>({
  adapterId: 'smartrecruiters',
  selectors,
  root: selectors.candidateRoot,
  scopedToRoot: new Set<SelectorName>(['candidateName', 'shownCandidateLink', 'personalInfoItems', 'candidateEmail', 'candidateJob']),
  counts: {
    candidateRoot: onProfiles(1, 1),
    candidateName: onProfiles(1, 1),
    shownCandidateLink: onProfiles(1, 1),
    // Email, phone and location for Riley; Lena gave no phone.
    personalInfoItems: onProfiles(3, 2),
    candidateEmail: onProfiles(1, 1),
    candidateJob: onProfiles(1, 1),
    panelAnchor: onProfiles(1, 1),
  },
});
