import { describe, expect, test } from 'vitest';
import { CandidateContext } from '@shared/api/candidates.ts';
import { shippedAtsAdapters } from '../ats/shipped.ts';
import { parseFixture } from '../testing/ats-fixtures.ts';
import { workableProfile as workable } from '../testing/site-profiles.ts';
import { siteProfileAdapter } from './adapter.ts';
import { checkPage, structureReport } from './page-check.ts';

const profileUrl = new URL('https://acme.workable-like.example/backend/candidates/grace-hopper-2');

describe('a site profile as an adapter', () => {
  const adapter = siteProfileAdapter(workable);

  test('matches profile URLs of its host only', () => {
    expect(adapter.matches(profileUrl)).toBe(true);
    expect(adapter.matches(new URL('https://acme.workable-like.example/backend/candidates'))).toBe(false);
    expect(adapter.matches(new URL('https://evil.example/backend/candidates/grace-hopper-2'))).toBe(false);
    expect(adapter.matches(new URL('http://acme.workable-like.example/backend/candidates/grace-hopper-2'))).toBe(false);
  });

  test('reads the candidate the worker contract accepts', () => {
    const context = adapter.readCandidate(parseFixture('unknown', 'workable-like-2.html'), profileUrl);
    expect(context).toEqual({
      ats: 'site-acme-workable-like-example',
      atsCandidateId: 'grace-hopper-2',
      name: 'Grace Hopper',
      phone: '+1 415 555 0161',
      email: 'grace.hopper@example.com',
      jobTitle: null,
      language: null,
    });
    expect(CandidateContext.safeParse(context).success).toBe(true);
  });

  test('a field whose locators all fail is missing, and said so; the candidate is still shown', () => {
    const page = parseFixture('unknown', 'workable-like-2.html');
    page.querySelector('.details')!.replaceChildren();
    expect(adapter.missingFields(page, profileUrl)).toEqual(['phone', 'email']);
    expect(adapter.readCandidate(page, profileUrl)).toMatchObject({ name: 'Grace Hopper', phone: null });
  });

  test('the panel goes into a container of its own', () => {
    const anchor = adapter.panelAnchor(document);
    expect(anchor?.hasAttribute('data-parley-site-anchor')).toBe(true);
    expect(adapter.panelAnchor(document)).toBe(anchor);
  });
});

describe('the page check', () => {
  test('names the profile, what each field read and which locator found it', () => {
    const page = parseFixture('unknown', 'workable-like-2.html');
    page.querySelector('h2')!.removeAttribute('data-ui');
    const check = checkPage(page, profileUrl, [workable], shippedAtsAdapters);
    expect(check.matched).toEqual({ kind: 'site', id: 'site_1', host: 'acme.workable-like.example', urlPattern: '/backend/candidates/{id}' });
    expect(check.fields.find((field) => field.field === 'name')).toEqual({
      field: 'name',
      value: 'Grace Hopper',
      foundBy: { index: 1, kind: 'css' },
      locators: [
        { kind: 'attribute', works: false },
        { kind: 'css', works: true },
      ],
    });
  });

  test('its report has the structure and no candidate data', () => {
    const check = checkPage(parseFixture('unknown', 'workable-like-2.html'), profileUrl, [workable], shippedAtsAdapters);
    const report = structureReport(check, '2026-05-04T09:30:00.000Z');
    expect(report).toBe(
      [
        'Parley page check, 2026-05-04T09:30:00.000Z',
        'host: acme.workable-like.example',
        'matched: site profile for acme.workable-like.example, URL pattern /backend/candidates/{id}',
        'candidate id from URL: found',
        'name: found by locator 1 (attribute); locators 1:attribute=ok 2:css=ok',
        'phone: found by locator 1 (label); locators 1:label=ok 2:css=ok',
        'email: found by locator 1 (label); locators 1:label=ok 2:css=ok',
      ].join('\n'),
    );
    for (const data of ['Grace', 'Hopper', '555', 'grace.hopper', 'grace-hopper-2']) expect(report).not.toContain(data);
  });

  test('a tenant profile for a built-in ATS host wins over the built-in adapter', () => {
    const greenhouse = { ...workable, host: 'app.greenhouse.io', urlPattern: '/people/{id}' };
    const url = new URL('https://app.greenhouse.io/people/60304594');
    expect(checkPage(parseFixture('greenhouse', 'profile-60304594.html'), url, [greenhouse], shippedAtsAdapters).matched?.kind).toBe('site');
    expect(checkPage(parseFixture('greenhouse', 'profile-60304594.html'), url, [], shippedAtsAdapters).matched).toEqual({
      kind: 'built-in',
      id: 'greenhouse',
      label: 'Greenhouse',
    });
  });

  test("a built-in adapter's fields are located the same way: the check names the locator, and its report says which broke", () => {
    const page = parseFixture('greenhouse', 'profile-60304594.html');
    page.querySelector('[data-testid="contact-phone"]')!.removeAttribute('data-testid');
    const check = checkPage(page, new URL('https://app.greenhouse.io/people/60304594'), [], shippedAtsAdapters);
    expect(check.fields.find((field) => field.field === 'phone')).toEqual({
      field: 'phone',
      value: '+14155550134',
      foundBy: { index: 1, kind: 'css' },
      locators: [
        { kind: 'attribute', works: false },
        { kind: 'css', works: true },
      ],
    });
    expect(structureReport(check, '2026-05-04T09:30:00.000Z').split('\n').slice(2)).toEqual([
      'matched: built-in adapter "greenhouse" (Greenhouse)',
      'candidate id from URL: found',
      'name: found by locator 1 (attribute); locators 1:attribute=ok 2:css=ok',
      'phone: found by locator 2 (css); locators 1:attribute=broken 2:css=ok',
      'email: found by locator 1 (attribute); locators 1:attribute=ok 2:css=ok',
      'jobTitle: found by locator 1 (attribute); locators 1:attribute=ok 2:css=ok',
      'language: MISSING',
    ]);
  });

  test('a page no adapter knows says so', () => {
    expect(checkPage(document, new URL('https://unknown.example/x'), [workable], shippedAtsAdapters)).toMatchObject({ matched: null, fields: [] });
  });
});
