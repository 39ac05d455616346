import { describe, expect, test } from 'vitest';
import { candidateIdFromUrl, isCandidateProfile } from './detect.ts';

const riley = '3f9c1b52-6a1e-4c7d-9b0e-2d8a5e7f1c44';

const profiles: Array<[url: string, applicationId: string]> = [
  [`https://www.smartrecruiters.com/app/people/applications/${riley}`, riley],
  [`https://www.smartrecruiters.com/app/people/applications/${riley}/`, riley],
  [`https://www.smartrecruiters.com/app/people/applications/${riley}/messages`, riley], // a tab of the same page
  [`https://www.smartrecruiters.com/app/people/applications/${riley}?source=search#notes`, riley],
];

const notProfiles = [
  'https://www.smartrecruiters.com/app/people', // the list
  `https://www.smartrecruiters.com/app/people/profile/${riley}`, // differently scoped ids: see detect.ts
  `https://www.smartrecruiters.com/app/people/candidates/${riley}`,
  `https://www.smartrecruiters.com/app/people/applications/${riley}/messages/42`,
  'https://www.smartrecruiters.com/app/jobs/details/9b2d7e61-4c3a-4f0e-8a15-6d2c9e4b7f10',
  `https://jobs.smartrecruiters.com/Example/${riley}`, // the candidate-facing job pages
  `https://smartrecruiters.com/app/people/applications/${riley}`,
  `http://www.smartrecruiters.com/app/people/applications/${riley}`,
];

describe('SmartRecruiters URL detection', () => {
  test.each(profiles)('%s is the page of application %s', (url, applicationId) => {
    expect(isCandidateProfile(new URL(url))).toBe(true);
    expect(candidateIdFromUrl(new URL(url))).toBe(applicationId);
  });

  test.each(notProfiles)('%s is not a candidate page', (url) => {
    expect(isCandidateProfile(new URL(url))).toBe(false);
  });
});
