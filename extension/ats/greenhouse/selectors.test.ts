import { describeFieldLocators, describeSelectors } from '../../testing/selector-expectations.ts';
import * as selectors from './selectors.ts';

type SelectorName = Exclude<keyof typeof selectors, 'fields'>;
type Page = 'profile-60304594.html' | 'profile-60311022.html' | 'people.html';
const onProfiles = (avery: number, jonas: number) => ({ 'profile-60304594.html': avery, 'profile-60311022.html': jonas, 'people.html': 0 });

describeSelectors<SelectorName, Page>({
  adapterId: 'greenhouse',
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
  adapterId: 'greenhouse',
  fields: selectors.fields,
  root: selectors.candidateRoot,
  values: {
    'profile-60304594.html': { name: 'Avery Quinn', phone: '+14155550134', email: 'avery.quinn@example.com', jobTitle: 'Data Scientist' },
    // No phone on file.
    'profile-60311022.html': { name: 'Jonas Weber', email: 'jonas.weber@example.org', jobTitle: 'Enterprise Account Executive (DACH)' },
    'people.html': {},
  },
});
