-- ATS application webhooks (issue 4, item 3): consent captured at application.

-- Kept apart from `integrations` (messaging providers): an ATS sends no messages, has no numbers,
-- no adapter and no credentials to open on every send, so the provider code paths stay as they are.
-- sealed_secret is the HMAC signing secret, AES-GCM sealed like provider credentials
-- (worker/lib/sealed.ts, bound to tenant and integration); the API returns it once, on creation.
-- consent_mapping is JSON: per channel, the question and the answers meaning yes and no.
CREATE TABLE ats_integrations (
  id               TEXT PRIMARY KEY,
  tenant_id        TEXT NOT NULL REFERENCES tenants(id),
  name             TEXT NOT NULL,
  format           TEXT NOT NULL CHECK (format IN ('generic', 'greenhouse')),
  sealed_secret    TEXT NOT NULL,
  consent_mapping  TEXT NOT NULL,
  enabled          INTEGER NOT NULL DEFAULT 1,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX ats_integrations_tenant ON ats_integrations(tenant_id, created_at);

-- Every application event applied, keyed by the ATS's event id: written in the same D1 batch as
-- the event's consent changes, so a retried or concurrently replayed event is applied once.
CREATE TABLE ats_webhook_events (
  integration_id  TEXT NOT NULL REFERENCES ats_integrations(id),
  event_id        TEXT NOT NULL,
  tenant_id       TEXT NOT NULL REFERENCES tenants(id),
  candidate_id    TEXT NOT NULL REFERENCES candidates(id),
  received_at     TEXT NOT NULL,
  PRIMARY KEY (integration_id, event_id)
);
