-- The opt-in email digest of unanswered candidate replies, per user. `last_seq` is the newest
-- message a digest has reported, so a reply is reported once; `last_sent_at` paces the emails.
CREATE TABLE digest_preferences (
  user_id       TEXT PRIMARY KEY REFERENCES users(id),
  tenant_id     TEXT NOT NULL REFERENCES tenants(id),
  enabled       INTEGER NOT NULL,
  last_seq      INTEGER NOT NULL DEFAULT 0,
  last_sent_at  TEXT,
  updated_at    TEXT NOT NULL
);
CREATE INDEX digest_preferences_enabled ON digest_preferences(enabled);
