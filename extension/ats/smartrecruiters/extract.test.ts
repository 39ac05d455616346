import { describe, expect, test } from 'vitest';
import { CandidateContext } from '@shared/api/candidates.ts';
import { parseFixture } from '../../testing/ats-fixtures.ts';
import { smartRecruitersAdapter } from './index.ts';

const page = (name: string) => parseFixture('smartrecruiters', name);
const url = (path: string) => new URL(path, 'https://www.smartrecruiters.com');
const riley = '3f9c1b52-6a1e-4c7d-9b0e-2d8a5e7f1c44';
const lena = '8e1d4a07-93bc-4e25-a6f1-5c0b7d2e9a36';

describe('SmartRecruiters adapter reads the saved application pages', () => {
  test('a candidate with phone (a plain text line), email and a job', () => {
    const context = smartRecruitersAdapter.readCandidate(page('application-3f9c1b52.html'), url(`/app/people/applications/${riley}`));
    expect(context).toEqual({
      ats: 'smartrecruiters',
      atsCandidateId: riley,
      name: 'Riley Park',
      phone: '+44 7911 123456',
      email: 'riley.park@example.com',
      jobTitle: 'Customer Success Manager (UK&I)',
      language: null,
    });
    expect(CandidateContext.safeParse(context).success).toBe(true);
  });

  test('a candidate without a phone number: null (the location line is not taken for one)', () => {
    const context = smartRecruitersAdapter.readCandidate(page('application-8e1d4a07.html'), url(`/app/people/applications/${lena}/messages`));
    expect(context).toMatchObject({ atsCandidateId: lena, name: 'Lena Fischer', phone: null, email: 'lena.fischer@example.de' });
    expect(CandidateContext.safeParse(context).success).toBe(true);
  });

  test('the tab title gives the name when the header is gone', () => {
    const doc = page('application-3f9c1b52.html');
    doc.querySelector('sr-candidate-header')!.remove();
    expect(smartRecruitersAdapter.readCandidate(doc, url(`/app/people/applications/${riley}`))?.name).toBe('Riley Park');
  });

  test('nothing while the page still shows the previous application', () => {
    expect(smartRecruitersAdapter.readCandidate(page('application-3f9c1b52.html'), url(`/app/people/applications/${lena}`))).toBeNull();
  });

  test('nothing on the people list', () => {
    expect(smartRecruitersAdapter.readCandidate(page('people.html'), url('/app/people'))).toBeNull();
    expect(smartRecruitersAdapter.panelAnchor(page('people.html'))).toBeNull();
  });
});
