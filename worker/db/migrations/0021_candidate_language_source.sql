-- Who said which language the candidate's job ad is in (issue 18): 'ats' (an application webhook's
-- job), 'page' (read off the candidate page, where the page shows it) or 'default' (nobody did:
-- English texts). A page fills a default and never replaces a known language; an ATS replaces a
-- page's (shared/domain/candidate-language.ts).
ALTER TABLE candidates ADD COLUMN language_source TEXT NOT NULL DEFAULT 'default'
  CHECK (language_source IN ('default', 'page', 'ats'));

-- Until now a page that showed no language sent 'en', so a stored 'en' may be nobody's word.
UPDATE candidates SET language_source = CASE WHEN language = 'en' THEN 'default' ELSE 'page' END;
