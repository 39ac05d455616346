/**
 * The job ad's language decides the wording of consent requests and opt-in messages. Who says it
 * matters: an ATS's application webhook carries the job's own field; a candidate page may show it
 * (or a taught site profile may read it); when nobody does, English texts go out.
 * @module
 */

/** Where a candidate's stored language came from (`candidates.language_source`). */
export type LanguageSource = 'default' | 'page' | 'ats';

/** Job ads whose language nobody states get English texts. */
export const DEFAULT_LANGUAGE = 'en';

export type CandidateLanguage = { language: string; source: LanguageSource };

/**
 * The language after an ATS page or webhook spoke of the candidate (`said.language` null: it did
 * not say). A page fills an unknown language but never replaces a known one with its reading; an
 * ATS webhook's job field replaces a page's; silence changes nothing.
 */
export function nextCandidateLanguage(stored: CandidateLanguage | null, said: { language: string | null; from: 'page' | 'ats' }): CandidateLanguage {
  const current = stored ?? { language: DEFAULT_LANGUAGE, source: 'default' };
  if (said.language === null) return current;
  if (said.from === 'ats' || current.source === 'default') return { language: said.language, source: said.from };
  return current;
}
