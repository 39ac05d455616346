import { describeFieldLocators, describeSelectors } from '../../testing/selector-expectations.ts';
import * as selectors from './selectors.ts';

type SelectorName = Exclude<keyof typeof selectors, 'fields'>;
type Page = 'application-3f9c1b52.html' | 'application-8e1d4a07.html' | 'people.html';
const onProfiles = (riley: number, lena: number) => ({ 'application-3f9c1b52.html': riley, 'application-8e1d4a07.html': lena, 'people.html': 0 });

describeSelectors<SelectorName, Page>({
  adapterId: 'smartrecruiters',
  selectors,
  root: selectors.candidateRoot,
  scopedToRoot: new Set<SelectorName>(['shownCandidateLink', 'personalInfoItems']),
  counts: {
    candidateRoot: onProfiles(1, 1),
    shownCandidateLink: onProfiles(1, 1),
    // Email, phone and location for Riley; Lena gave no phone.
    personalInfoItems: onProfiles(3, 2),
    panelAnchor: onProfiles(1, 1),
  },
});

describeFieldLocators<Page>({
  adapterId: 'smartrecruiters',
  fields: selectors.fields,
  root: selectors.candidateRoot,
  values: {
    'application-3f9c1b52.html': { name: 'Riley Park', email: 'riley.park@example.com', jobTitle: 'Customer Success Manager (UK&I)' },
    'application-8e1d4a07.html': { name: 'Lena Fischer', email: 'lena.fischer@example.de', jobTitle: 'Schichtleitung Logistik (m/w/d)' },
    'people.html': {},
  },
});
