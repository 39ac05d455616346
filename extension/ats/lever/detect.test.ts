import { describe, expect, test } from 'vitest';
import { candidateIdFromUrl, isCandidateProfile } from './detect.ts';

const morgan = '250d8f03-738a-4bba-a671-8a3d73477145'; // the id in Lever's API sample `urls.show`

const profiles: Array<[url: string, opportunityId: string]> = [
  [`https://hire.lever.co/candidates/${morgan}`, morgan],
  [`https://hire.lever.co/candidates/${morgan}/?tab=notes`, morgan],
  [`https://hire.lever.co/candidates/${morgan.toUpperCase()}`, morgan],
  [`https://hire.eu.lever.co/candidates/${morgan}`, morgan],
  [`https://hire.sandbox.lever.co/candidates/${morgan}#feedback`, morgan],
];

const notProfiles = [
  'https://hire.lever.co/candidates', // the list
  'https://hire.lever.co/candidates?stage=active',
  `https://hire.lever.co/candidates/${morgan}/edit`,
  'https://hire.lever.co/candidates/not-a-uuid',
  `https://hire.lever.co/interviews/${morgan}`,
  `https://jobs.lever.co/example/${morgan}`, // the candidate-facing postings
  `https://hire.lever.co.example.com/candidates/${morgan}`,
  `http://hire.lever.co/candidates/${morgan}`,
];

describe('Lever URL detection', () => {
  test.each(profiles)('%s is the profile of opportunity %s', (url, opportunityId) => {
    expect(isCandidateProfile(new URL(url))).toBe(true);
    expect(candidateIdFromUrl(new URL(url))).toBe(opportunityId);
  });

  test.each(notProfiles)('%s is not a profile', (url) => {
    expect(isCandidateProfile(new URL(url))).toBe(false);
  });
});
