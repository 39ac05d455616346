import { describe, expect, test } from 'vitest';
import { CandidateContext } from '@shared/api/candidates.ts';
import { parseFixture } from '../../testing/ats-fixtures.ts';
import { leverAdapter } from './index.ts';

const page = (name: string) => parseFixture('lever', name);
const url = (path: string) => new URL(path, 'https://hire.lever.co');
const morgan = '250d8f03-738a-4bba-a671-8a3d73477145';
const sam = '7f3c2a91-5b4e-4d2f-9c8a-1e6b0d4f2a37';

describe('Lever adapter reads the saved profile pages', () => {
  test('a candidate with phone, email and a posting', () => {
    const context = leverAdapter.readCandidate(page('candidate-250d8f03.html'), url(`/candidates/${morgan}`));
    expect(context).toEqual({
      ats: 'lever',
      atsCandidateId: morgan,
      name: 'Morgan Lee',
      // As typed into Lever: without a country code the worker cannot place it, and the panel asks.
      phone: '(512) 555-0187',
      email: 'morgan.lee@example.net',
      jobTitle: 'Product Designer, Growth',
      language: null,
    });
    expect(CandidateContext.safeParse(context).success).toBe(true);
  });

  test('a candidate without a phone number: null, so the panel asks for it', () => {
    const context = leverAdapter.readCandidate(page('candidate-7f3c2a91.html'), url(`/candidates/${sam}?tab=notes`));
    expect(context).toMatchObject({ atsCandidateId: sam, name: 'Sam Okafor', phone: null, email: 'sam.okafor@example.co.uk' });
    expect(CandidateContext.safeParse(context).success).toBe(true);
  });

  test('the tab title ("Name – Lever Hire") gives the name when the name element is gone', () => {
    const doc = page('candidate-250d8f03.html');
    doc.querySelector('.profile-name')!.remove();
    expect(leverAdapter.readCandidate(doc, url(`/candidates/${morgan}`))?.name).toBe('Morgan Lee');
  });

  test('nothing while the page still shows the previous candidate', () => {
    expect(leverAdapter.readCandidate(page('candidate-250d8f03.html'), url(`/candidates/${sam}`))).toBeNull();
  });

  test('nothing on the candidate list', () => {
    expect(leverAdapter.readCandidate(page('candidates.html'), url('/candidates'))).toBeNull();
    expect(leverAdapter.panelAnchor(page('candidates.html'))).toBeNull();
  });
});
