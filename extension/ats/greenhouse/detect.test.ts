import { describe, expect, test } from 'vitest';
import { candidateIdFromUrl, isCandidateProfile } from './detect.ts';

const profiles: Array<[url: string, personId: string]> = [
  ['https://app.greenhouse.io/people/60304594?application_id=71980812', '60304594'], // Greenhouse's webhook sample
  ['https://app.greenhouse.io/people/60304594', '60304594'],
  ['https://app.greenhouse.io/people/60304594/applications/71980812', '60304594'],
  ['https://app.greenhouse.io/people/60304594/applications/71980812/redesign?src=search', '60304594'],
  ['https://app4.greenhouse.io/people/123/', '123'],
  ['https://app.eu.greenhouse.io/people/60311022#activity', '60311022'],
];

const notProfiles = [
  'https://app.greenhouse.io/people', // the candidate search
  'https://app.greenhouse.io/people?search=quinn',
  'https://app.greenhouse.io/people/60304594/activity_feed', // a sub-page without the profile
  'https://app.greenhouse.io/people/new',
  'https://app.greenhouse.io/alljobs',
  'https://boards.greenhouse.io/example/jobs/274075', // the candidate-facing job board
  'https://job-boards.greenhouse.io/people/60304594',
  'https://app.greenhouse.io.example.com/people/60304594',
  'http://app.greenhouse.io/people/60304594', // Greenhouse is https only
  'https://app.example.com/people/60304594',
];

describe('Greenhouse URL detection', () => {
  test.each(profiles)('%s is the profile of person %s', (url, personId) => {
    expect(isCandidateProfile(new URL(url))).toBe(true);
    expect(candidateIdFromUrl(new URL(url))).toBe(personId);
  });

  test.each(notProfiles)('%s is not a profile', (url) => {
    expect(isCandidateProfile(new URL(url))).toBe(false);
  });
});
