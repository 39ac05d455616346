import { describe, expect, test } from 'vitest';
import { candidateIdFromPattern, deriveUrlPattern, guessUrlPattern, locatorProblem, siteAtsId, urlPatternProblem } from './site-profiles.ts';

/** What `new URL(href)` gives for these URLs (shared code is typed without the DOM's URL). */
const parts = (href: string) => {
  const [, pathname = '/', search = '', hash = ''] = /^https:\/\/[^/?#]+(\/[^?#]*)?(\?[^#]*)?(#.*)?$/.exec(href) ?? [];
  return { pathname, search, hash };
};

describe('deriving the profile URL pattern from two candidates', () => {
  test.each([
    ['numeric ids', 'https://ats.example/people/60304594', 'https://ats.example/people/71980812', '/people/{id}'],
    [
      'UUIDs',
      'https://ats.example/candidates/250d8f03-738a-4bba-a671-8a3d73477145/profile',
      'https://ats.example/candidates/7f3c2a91-5b4e-4d2f-9c8a-1e6b0d4f2a37/profile',
      '/candidates/{id}/profile',
    ],
    [
      'slugs',
      'https://acme.workable.example/backend/candidates/ada-lovelace-12',
      'https://acme.workable.example/backend/candidates/bruno-s-7',
      '/backend/candidates/{id}',
    ],
    ['hash routes', 'https://acme.personio.example/app#/talent/c/481516', 'https://acme.personio.example/app#/talent/c/2342', '/app#/talent/c/{id}'],
    ['query-string ids', 'https://ats.example/view?cid=1001&tab=cv', 'https://ats.example/view?cid=1002&tab=cv', '/view?cid={id}'],
  ])('%s', (_, first, second, pattern) => {
    expect(deriveUrlPattern(parts(first), parts(second))).toBe(pattern);
    expect(candidateIdFromPattern(pattern, parts(second))).not.toBeNull();
  });

  test('two URLs that differ in more than one place, or not at all, give no pattern', () => {
    expect(deriveUrlPattern(parts('https://a.example/jobs/1/candidates/2'), parts('https://a.example/jobs/3/candidates/4'))).toBeNull();
    expect(deriveUrlPattern(parts('https://a.example/candidates/2'), parts('https://a.example/candidates/2'))).toBeNull();
  });

  test('a guess from one URL takes the last id-like segment', () => {
    expect(guessUrlPattern(parts('https://ats.example/jobs/backend/candidates/c-1001/overview'))).toBe('/jobs/backend/candidates/{id}/overview');
    expect(guessUrlPattern(parts('https://ats.example/app#/people/4815'))).toBe('/app#/people/{id}');
    expect(guessUrlPattern(parts('https://ats.example/view?cid=1001'))).toBe('/view?cid={id}');
    expect(guessUrlPattern(parts('https://ats.example/settings/team'))).toBeNull();
  });
});

describe('matching a pattern', () => {
  test.each([
    ['/candidates/{id}', 'https://a.example/candidates/c-1001', 'c-1001'],
    ['/candidates/{id}', 'https://a.example/candidates/c-1001/', 'c-1001'],
    ['/candidates/{id}', 'https://a.example/candidates', null],
    ['/candidates/{id}', 'https://a.example/candidates/c-1001/notes', null],
    ['/t/*/applicants/{id}', 'https://a.example/t/acme/applicants/42', '42'],
    ['/app#/people/{id}', 'https://a.example/app#/people/42?tab=cv', '42'],
    ['/app#/people/{id}', 'https://a.example/app#/jobs/42', null],
    ['/view?cid={id}', 'https://a.example/view?cid=77', '77'],
    ['/view?cid={id}', 'https://a.example/view', null],
    ['/candidates/{id}', 'https://a.example/candidates/%E0%A4%A', null],
  ])('%s on %s → %s', (pattern, url, id) => {
    expect(candidateIdFromPattern(pattern, parts(url))).toBe(id);
  });

  test.each([
    ['/{id}', /every page/],
    ['/*/{id}', /every page/],
    ['/candidates/{id}/{id}', /exactly one/],
    ['/candidates', /exactly one/],
    ['candidates/{id}', /starting with/],
    ['/candid ates/{id}', /not a path segment/],
  ])('%s is refused', (pattern, problem) => {
    expect(urlPatternProblem(pattern)).toMatch(problem);
  });
});

describe('locators are data, checked for length and syntax', () => {
  test.each([
    [{ kind: 'id', id: 'candidate-phone' }, null],
    [{ kind: 'attribute', name: 'data-field', value: 'phone' }, null],
    [{ kind: 'attribute', name: 'onclick', value: 'x' }, /only data-/],
    [{ kind: 'label', text: 'Telefon' }, null],
    [{ kind: 'label', text: '' }, /1–60/],
    [{ kind: 'css', selector: 'main > div:nth-of-type(2) > span' }, null],
    [{ kind: 'css', selector: 'dl.facts > dd[data-x="a b"]' }, null],
    [{ kind: 'css', selector: 'div{}' }, /not a selector/],
    [{ kind: 'css', selector: 'a[href="javascript:x"];' }, /not a selector/],
  ] as const)('%o', (locator, problem) => {
    const found = locatorProblem(locator);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});

test('the ats id of a site is stable, short and a valid CandidateContext.ats', () => {
  expect(siteAtsId('acme.workable.com')).toBe('site-acme-workable-com');
  expect(siteAtsId('recruiting.very-long-subdomain.example.co.uk')).toMatch(/^[a-z][a-z0-9-]{1,31}$/);
});
