import { describe, expect, test } from 'vitest';
import { candidateIdFromUrl, isCandidateProfile } from './detect.ts';

const profiles: Array<[url: string, candidateId: string]> = [
  ['http://localhost:4173/candidates/c-1001', 'c-1001'],
  ['http://localhost:4173/candidates/c-1007/', 'c-1007'],
  ['http://127.0.0.1:4173/candidates/c-1002', 'c-1002'],
  ['http://localhost:5000/candidates/c-1003?tab=notes#top', 'c-1003'], // e2e may pick any port
  ['http://localhost/candidates/abc_DEF-9', 'abc_DEF-9'],
];

const notProfiles = [
  'http://localhost:4173/', // home
  'http://localhost:4173/candidates', // the list
  'http://localhost:4173/candidates/', // the list, trailing slash
  'http://localhost:4173/candidates/c-1001/notes', // a sub-page
  'http://localhost:4173/jobs/j-101',
  'http://localhost:4173/api/candidates/c-1001', // the demo's JSON API
  'http://localhost:4173/candidates/c%201001', // not a demo id
  'http://127.0.0.1:8787/v1/candidates', // the worker
  'https://ats.example.com/candidates/c-1001', // not the demo's host
  'http://localhost.example.com/candidates/c-1001',
  'file:///candidates/c-1001',
];

describe('demo ATS URL detection', () => {
  test.each(profiles)('%s is the profile of %s', (url, candidateId) => {
    expect(isCandidateProfile(new URL(url))).toBe(true);
    expect(candidateIdFromUrl(new URL(url))).toBe(candidateId);
  });

  test.each(notProfiles)('%s is not a profile', (url) => {
    expect(isCandidateProfile(new URL(url))).toBe(false);
    expect(candidateIdFromUrl(new URL(url))).toBeNull();
  });
});
