-- Site profiles (issue 18): an ATS without a built-in adapter, taught by an admin in the
-- extension, for the whole tenant. One per host and tenant. `ats` is the CandidateContext.ats of
-- candidates read through it (derived from the host, stable across re-teaching); `fields` is the
-- JSON of SiteProfileFields (shared/api/site-profiles.ts): locators only, never code.
CREATE TABLE site_profiles (
  id           TEXT PRIMARY KEY,
  tenant_id    TEXT NOT NULL REFERENCES tenants(id),
  host         TEXT NOT NULL,
  ats          TEXT NOT NULL,
  url_pattern  TEXT NOT NULL,
  fields       TEXT NOT NULL,
  updated_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  UNIQUE (tenant_id, host),
  UNIQUE (tenant_id, ats)
);
