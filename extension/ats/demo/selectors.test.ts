import type { FixtureName } from '../../testing/demo-ats-fixtures.ts';
import { describeSelectors } from '../../testing/selector-expectations.ts';
import * as selectors from './selectors.ts';

type SelectorName = keyof typeof selectors;

describeSelectors<SelectorName, FixtureName>({
  adapterId: 'demo',
  selectors,
  root: selectors.candidateRoot,
  scopedToRoot: new Set<SelectorName>(['candidateName', 'candidatePhone', 'candidateEmail', 'candidateJob']),
  counts: {
    candidateRoot: { 'profile-c-1001.html': 1, 'profile-c-1002.html': 1, 'profile-c-1007.html': 1, 'candidates.html': 0 },
    candidateName: { 'profile-c-1001.html': 1, 'profile-c-1002.html': 1, 'profile-c-1007.html': 1, 'candidates.html': 0 },
    candidatePhone: { 'profile-c-1001.html': 1, 'profile-c-1002.html': 1, 'profile-c-1007.html': 0, 'candidates.html': 0 },
    candidateEmail: { 'profile-c-1001.html': 1, 'profile-c-1002.html': 1, 'profile-c-1007.html': 1, 'candidates.html': 0 },
    candidateJob: { 'profile-c-1001.html': 1, 'profile-c-1002.html': 1, 'profile-c-1007.html': 1, 'candidates.html': 0 },
    panelAnchor: { 'profile-c-1001.html': 1, 'profile-c-1002.html': 1, 'profile-c-1007.html': 1, 'candidates.html': 0 },
  },
});
