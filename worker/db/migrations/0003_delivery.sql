-- Real providers and a delivery pipeline that loses nothing (issue 5).

-- Provider secrets (auth tokens, app secrets), sealed with AES-GCM by worker/lib/sealed.ts under a
-- key from a Worker secret, bound to the tenant and integration. `config` keeps what is not secret.
ALTER TABLE integrations ADD COLUMN credentials TEXT;

-- change_seq is the polling cursor: it moves on insert and on every status change, so a poller
-- that asks for `after=<cursor>` sees delivered/read/failed updates, not only new rows. The
-- triggers keep it right for every writer; MAX over (tenant_id, change_seq) is an index lookup.
ALTER TABLE messages ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
-- SMS billing per message (GSM-7 / UCS-2 and segments), for usage reports.
ALTER TABLE messages ADD COLUMN encoding TEXT;
ALTER TABLE messages ADD COLUMN segments INTEGER;
-- The WhatsApp template a message was sent as (JSON), null for free text.
ALTER TABLE messages ADD COLUMN template TEXT;
UPDATE messages SET change_seq = seq;
CREATE INDEX messages_changes ON messages(tenant_id, change_seq);
CREATE INDEX messages_thread_changes ON messages(conversation_id, change_seq);

CREATE TRIGGER messages_change_on_insert AFTER INSERT ON messages
BEGIN
  UPDATE messages SET change_seq = (SELECT MAX(change_seq) FROM messages WHERE tenant_id = NEW.tenant_id) + 1
   WHERE seq = NEW.seq;
END;

CREATE TRIGGER messages_change_on_update AFTER UPDATE OF status, failure_reason ON messages
WHEN OLD.status IS NOT NEW.status OR OLD.failure_reason IS NOT NEW.failure_reason
BEGIN
  UPDATE messages SET change_seq = (SELECT MAX(change_seq) FROM messages WHERE tenant_id = NEW.tenant_id) + 1
   WHERE seq = NEW.seq;
END;

-- One row per outbound message, written in the same batch as the message. The queue consumer
-- claims it (state sending, lease), and records the outcome before acknowledging. `unconfirmed`
-- means the provider did not answer in time: it may have accepted the message, so it is looked up
-- at the provider before any resend.
CREATE TABLE outbox (
  message_id          TEXT PRIMARY KEY REFERENCES messages(id),
  tenant_id           TEXT NOT NULL REFERENCES tenants(id),
  state               TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'unconfirmed', 'done', 'failed')),
  attempts            INTEGER NOT NULL DEFAULT 0,
  lease_until         TEXT,
  attempt_started_at  TEXT,
  last_error          TEXT,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
-- The sweeper's scan: rows whose queue message may have been lost.
CREATE INDEX outbox_stale ON outbox(state, updated_at);

-- Inbound messages from numbers that match no candidate: kept, and surfaced as "unknown sender".
CREATE TABLE unknown_inbound (
  id                   TEXT PRIMARY KEY,
  tenant_id            TEXT NOT NULL REFERENCES tenants(id),
  integration_id       TEXT NOT NULL REFERENCES integrations(id),
  provider_message_id  TEXT NOT NULL,
  channel              TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
  from_number          TEXT NOT NULL,
  to_number            TEXT NOT NULL,
  body                 TEXT NOT NULL,
  received_at          TEXT NOT NULL,
  UNIQUE (integration_id, provider_message_id)
);
CREATE INDEX unknown_inbound_tenant ON unknown_inbound(tenant_id, received_at);

-- Media of inbound messages, recorded, never fetched by the webhook. `provider_url` is kept only
-- when it is a public https address; anything pointing at a private network is refused.
CREATE TABLE attachments (
  id                 TEXT PRIMARY KEY,
  tenant_id          TEXT NOT NULL REFERENCES tenants(id),
  message_id         TEXT NOT NULL,
  content_type       TEXT NOT NULL,
  size_bytes         INTEGER,
  provider_url       TEXT,
  provider_media_id  TEXT,
  refused_reason     TEXT,
  created_at         TEXT NOT NULL
);
CREATE INDEX attachments_message ON attachments(tenant_id, message_id);

-- The sandbox phone reports a delivery receipt (SMS: delivered, WhatsApp: read) once per message
-- it has shown, through the same webhook path as a real provider's status callback.
ALTER TABLE sandbox_traffic ADD COLUMN receipt_sent INTEGER NOT NULL DEFAULT 0;
