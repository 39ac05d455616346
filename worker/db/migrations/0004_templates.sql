-- Message templates (issue 7): per tenant and language, for SMS, WhatsApp or both.
-- Bodies are validated by the shared renderer before they are stored.

CREATE TABLE templates (
  id                 TEXT PRIMARY KEY,
  tenant_id          TEXT NOT NULL REFERENCES tenants(id),
  name               TEXT NOT NULL,
  language           TEXT NOT NULL,
  sms                INTEGER NOT NULL CHECK (sms IN (0, 1)),
  whatsapp           INTEGER NOT NULL CHECK (whatsapp IN (0, 1)),
  body               TEXT NOT NULL,
  -- The provider's approved twin as JSON {id, language, variables}: a Meta template name or a
  -- Twilio Content SID, and the merge-field expressions that fill {{1}}, {{2}}, … in order.
  whatsapp_approval  TEXT,
  -- Set on the defaults Parley seeds, so consent and interview flows can find them by language.
  purpose            TEXT CHECK (purpose IN ('opt_in_identification', 'consent_request', 'interview_invitation', 'interview_reminder')),
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  CHECK (sms = 1 OR whatsapp = 1),
  CHECK (whatsapp_approval IS NULL OR whatsapp = 1)
);
-- The composer's and the options page's list (tenant, then language and name); names are unique
-- per language so a search result is never ambiguous.
CREATE UNIQUE INDEX templates_name ON templates(tenant_id, language, name COLLATE NOCASE);
-- One default per purpose and language; seeding twice changes nothing.
CREATE UNIQUE INDEX templates_purpose ON templates(tenant_id, purpose, language) WHERE purpose IS NOT NULL;
