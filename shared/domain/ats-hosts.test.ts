import { describe, expect, test } from 'vitest';
import { builtInAtsHosts, isOnHosts } from './ats-hosts.ts';

describe("a profile URL is accepted only on its ATS's hosts", () => {
  test.each([
    ['greenhouse', 'https://app.greenhouse.io/people/60304594?application_id=1', true],
    ['greenhouse', 'https://app2.eu.greenhouse.io/people/1', true],
    ['greenhouse', 'https://greenhouse.io.evil.example/people/1', false],
    ['greenhouse', 'http://app.greenhouse.io/people/1', false],
    ['lever', 'https://hire.lever.co/candidates/250d8f03', true],
    ['lever', 'https://evil.example/?https://hire.lever.co/', false],
    ['smartrecruiters', 'https://www.smartrecruiters.com/app/people/applications/1', true],
    ['demo', 'http://localhost:4173/candidates/c-1001', true],
    ['demo', 'http://127.0.0.1:5000/candidates/c-1001', true],
    ['demo', 'https://evil.example/candidates/c-1001', false],
    ['lever', 'not a url', false],
    ['lever', 'https://hire.lever.co@phish.example/candidates/1', false],
    ['lever', 'https://HIRE.LEVER.CO:443/candidates/1', true],
  ])('%s: %s → %s', (ats, url, expected) => {
    expect(isOnHosts(url, builtInAtsHosts[ats] ?? [])).toBe(expected);
  });
});
