import { describe, expect, test } from 'vitest';
import { CandidateContext } from '@shared/api/candidates.ts';
import { parseFixture } from '../../testing/demo-ats-fixtures.ts';
import { demoAdapter } from './index.ts';

const url = (path: string) => new URL(path, 'http://localhost:4173');

describe('demo adapter reads the saved profile pages', () => {
  test('a candidate with phone, email and an English job', () => {
    const context = demoAdapter.readCandidate(parseFixture('profile-c-1001.html'), url('/candidates/c-1001'));
    expect(context).toEqual({
      ats: 'demo',
      atsCandidateId: 'c-1001',
      name: 'Ada Lovelace',
      phone: '+14155550101',
      email: 'ada.lovelace@example.com',
      jobTitle: 'Senior Backend Engineer',
      language: 'en',
    });
  });

  test("the job ad's language comes from the job", () => {
    const context = demoAdapter.readCandidate(parseFixture('profile-c-1002.html'), url('/candidates/c-1002'));
    expect(context).toMatchObject({
      name: 'Bruno Schmidt',
      phone: '+4915123456789',
      jobTitle: 'Vertriebsmitarbeiter im Außendienst (m/w/d)',
      language: 'de',
    });
  });

  test('a candidate without a phone number', () => {
    const context = demoAdapter.readCandidate(parseFixture('profile-c-1007.html'), url('/candidates/c-1007'));
    expect(context).toMatchObject({ name: "Liam O'Connor", phone: null, email: 'liam.oconnor@example.com' });
  });

  test.each(['profile-c-1001.html', 'profile-c-1002.html', 'profile-c-1007.html'] as const)(
    '%s satisfies the worker contract (CandidateContext)',
    (fixture) => {
      const id = fixture.replace(/^profile-|\.html$/g, '');
      const context = demoAdapter.readCandidate(parseFixture(fixture), url(`/candidates/${id}`));
      expect(CandidateContext.safeParse(context).success).toBe(true);
    },
  );

  test('nothing while the page still shows the previous candidate', () => {
    // The SPA has pushed /c-1002 but not yet rendered it.
    expect(demoAdapter.readCandidate(parseFixture('profile-c-1001.html'), url('/candidates/c-1002'))).toBeNull();
  });

  test('nothing on the candidate list', () => {
    expect(demoAdapter.readCandidate(parseFixture('candidates.html'), url('/candidates'))).toBeNull();
    expect(demoAdapter.panelAnchor(parseFixture('candidates.html'))).toBeNull();
  });

  test('the panel goes into the sidebar apps slot', () => {
    const anchor = demoAdapter.panelAnchor(parseFixture('profile-c-1001.html'));
    expect(anchor?.className).toBe('profile-sidebar__apps');
  });
});
