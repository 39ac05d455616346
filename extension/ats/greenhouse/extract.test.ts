import { describe, expect, test } from 'vitest';
import { CandidateContext } from '@shared/api/candidates.ts';
import { parseFixture } from '../../testing/ats-fixtures.ts';
import { greenhouseAdapter } from './index.ts';

const page = (name: string) => parseFixture('greenhouse', name);
const url = (path: string) => new URL(path, 'https://app.greenhouse.io');

describe('Greenhouse adapter reads the saved profile pages', () => {
  test('a candidate with phone, email and an open application', () => {
    const context = greenhouseAdapter.readCandidate(page('profile-60304594.html'), url('/people/60304594?application_id=71980812'));
    expect(context).toEqual({
      ats: 'greenhouse',
      atsCandidateId: '60304594',
      name: 'Avery Quinn',
      phone: '+14155550134',
      email: 'avery.quinn@example.com',
      jobTitle: 'Data Scientist',
      language: null,
    });
    expect(CandidateContext.safeParse(context).success).toBe(true);
  });

  test('a candidate without a phone number: null, so the panel asks for it', () => {
    const context = greenhouseAdapter.readCandidate(page('profile-60311022.html'), url('/people/60311022/applications/71990431/redesign'));
    expect(context).toMatchObject({ atsCandidateId: '60311022', name: 'Jonas Weber', phone: null, email: 'jonas.weber@example.org' });
    expect(CandidateContext.safeParse(context).success).toBe(true);
  });

  test('the tab title gives the name when the name element is gone', () => {
    const doc = page('profile-60304594.html');
    doc.querySelector('[data-testid="candidate-name"]')!.remove();
    doc.querySelector('main h1')?.remove();
    expect(greenhouseAdapter.readCandidate(doc, url('/people/60304594'))?.name).toBe('Avery Quinn');
  });

  test('nothing while the page still shows the previous candidate', () => {
    expect(greenhouseAdapter.readCandidate(page('profile-60304594.html'), url('/people/60311022'))).toBeNull();
  });

  test('nothing on the candidate search', () => {
    expect(greenhouseAdapter.readCandidate(page('people.html'), url('/people'))).toBeNull();
    expect(greenhouseAdapter.panelAnchor(page('people.html'))).toBeNull();
  });

  test('the panel goes into the profile sidebar', () => {
    expect(greenhouseAdapter.panelAnchor(page('profile-60304594.html'))?.getAttribute('data-testid')).toBe('profile-sidebar');
  });
});
