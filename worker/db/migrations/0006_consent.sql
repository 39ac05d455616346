-- Consent and per-country compliance (issue 4).

-- The current state per candidate and channel, widened to the consent model's states
-- (shared/domain/consent.ts). SQLite cannot alter a CHECK, so the table is rebuilt; `granted`
-- still means "open", so every reader of the old table keeps its meaning.
CREATE TABLE consents_new (
  tenant_id     TEXT NOT NULL REFERENCES tenants(id),
  candidate_id  TEXT NOT NULL REFERENCES candidates(id),
  channel       TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
  state         TEXT NOT NULL CHECK (state IN ('none', 'requested', 'awaiting_start', 'granted', 'declined', 'revoked')),
  source        TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (candidate_id, channel)
);
INSERT INTO consents_new SELECT tenant_id, candidate_id, channel, state, source, updated_at FROM consents;
DROP TABLE consents;
ALTER TABLE consents_new RENAME TO consents;
CREATE INDEX consents_tenant ON consents(tenant_id, candidate_id);

-- Every consent change, append-only: the proof GDPR Art. 7(1) and BGH I ZR 164/09 ask for.
-- ip / user_agent are set for consent-page decisions; wording_version + language name the exact
-- text the candidate saw; actor_user_id is the recruiter for requests, null for the candidate.
CREATE TABLE consent_evidence (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id        TEXT NOT NULL REFERENCES tenants(id),
  candidate_id     TEXT NOT NULL REFERENCES candidates(id),
  channel          TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
  state            TEXT NOT NULL,
  previous_state   TEXT NOT NULL,
  source           TEXT NOT NULL CHECK (source IN ('application', 'consent_page', 'keyword', 'provider_flag', 'admin_import', 'recruiter')),
  actor            TEXT NOT NULL,
  actor_user_id    TEXT,
  ip               TEXT,
  user_agent       TEXT,
  wording_version  TEXT,
  language         TEXT,
  detail           TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL
);
CREATE INDEX consent_evidence_candidate ON consent_evidence(tenant_id, candidate_id, seq);

CREATE TRIGGER consent_evidence_no_update BEFORE UPDATE ON consent_evidence
BEGIN
  SELECT RAISE(ABORT, 'consent evidence is append-only');
END;
CREATE TRIGGER consent_evidence_no_delete BEFORE DELETE ON consent_evidence
BEGIN
  SELECT RAISE(ABORT, 'consent evidence is append-only');
END;

-- Global Compliance: single or double opt-in per country; country '*' is the tenant default for
-- countries not listed (no row at all: double opt-in). Quiet hours are local times "HH:MM".
CREATE TABLE compliance_settings (
  tenant_id    TEXT NOT NULL REFERENCES tenants(id),
  country      TEXT NOT NULL,
  opt_in       TEXT NOT NULL CHECK (opt_in IN ('single', 'double')),
  quiet_start  TEXT NOT NULL DEFAULT '21:00',
  quiet_end    TEXT NOT NULL DEFAULT '08:00',
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (tenant_id, country)
);

-- Links to the consent page /c/{token}: only the token's SHA-256 is stored, so a tampered token
-- matches nothing; a link works once and until expires_at.
CREATE TABLE consent_links (
  id                TEXT PRIMARY KEY,
  tenant_id         TEXT NOT NULL REFERENCES tenants(id),
  candidate_id      TEXT NOT NULL REFERENCES candidates(id),
  requested_by      TEXT NOT NULL REFERENCES users(id),
  channels          TEXT NOT NULL,
  language          TEXT NOT NULL,
  wording_version   TEXT NOT NULL,
  token_hash        TEXT NOT NULL UNIQUE,
  created_at        TEXT NOT NULL,
  expires_at        TEXT NOT NULL,
  used_at           TEXT
);
CREATE INDEX consent_links_candidate ON consent_links(tenant_id, candidate_id);

-- Inbound messages that read like an opt-out without being a keyword ("please stop texting me"):
-- shown to the recruiter with a one-click revoke; resolved when they act on it.
CREATE TABLE opt_out_flags (
  message_id    TEXT PRIMARY KEY REFERENCES messages(id),
  tenant_id     TEXT NOT NULL REFERENCES tenants(id),
  candidate_id  TEXT NOT NULL REFERENCES candidates(id),
  channel       TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
  created_at    TEXT NOT NULL,
  resolved_at   TEXT
);
CREATE INDEX opt_out_flags_open ON opt_out_flags(tenant_id, candidate_id) WHERE resolved_at IS NULL;
