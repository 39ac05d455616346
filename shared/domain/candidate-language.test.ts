import { describe, expect, it } from 'vitest';
import { nextCandidateLanguage } from './candidate-language.ts';

describe('the job ad language of a candidate', () => {
  it('is English by default until a page or an ATS says otherwise', () => {
    expect(nextCandidateLanguage(null, { language: null, from: 'page' })).toEqual({ language: 'en', source: 'default' });
    expect(nextCandidateLanguage(null, { language: 'de', from: 'page' })).toEqual({ language: 'de', source: 'page' });
    expect(nextCandidateLanguage(null, { language: 'fr', from: 'ats' })).toEqual({ language: 'fr', source: 'ats' });
  });

  it('is filled by a page when unknown, never replaced by one when known', () => {
    const unknown = { language: 'en', source: 'default' } as const;
    expect(nextCandidateLanguage(unknown, { language: 'nl', from: 'page' })).toEqual({ language: 'nl', source: 'page' });
    const fromAts = { language: 'de', source: 'ats' } as const;
    expect(nextCandidateLanguage(fromAts, { language: 'en', from: 'page' })).toEqual(fromAts);
    expect(nextCandidateLanguage(fromAts, { language: null, from: 'page' })).toEqual(fromAts);
    const fromPage = { language: 'es', source: 'page' } as const;
    expect(nextCandidateLanguage(fromPage, { language: 'fr', from: 'page' })).toEqual(fromPage);
  });

  it('takes the ATS’s word over a page’s, and keeps what it has when the ATS says nothing', () => {
    const fromPage = { language: 'es', source: 'page' } as const;
    expect(nextCandidateLanguage(fromPage, { language: 'de-AT', from: 'ats' })).toEqual({ language: 'de-AT', source: 'ats' });
    expect(nextCandidateLanguage(fromPage, { language: null, from: 'ats' })).toEqual(fromPage);
  });
});
