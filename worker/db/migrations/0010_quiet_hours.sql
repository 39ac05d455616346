-- Quiet hours (issue 4, item 6): a proactive message composed during the candidate's night is
-- stored `scheduled` with the instant it may go (send_at) and the zone whose night decided it
-- (send_at_zone, what the panel shows as "the candidate's time"). The cron releases it: back to
-- `queued` with its outbox row in one batch, or `failed` when consent was withdrawn meanwhile.
-- The recruiter may cancel it while it waits (`cancelled`, nothing sent).
--
-- A held message has no outbox row: the outbox holds what is to be handed to a provider now, and
-- its sweeper re-enqueues any row that is not settled, so a hold there would be "lost" every two
-- minutes. The release writes the row together with the status change.
--
-- SQLite cannot alter the status CHECK, so messages is rebuilt with every column, index and
-- trigger it had (0001, 0003, 0005). outbox and opt_out_flags reference messages(id): foreign keys
-- are deferred to the end of the migration's transaction, when every id exists again.
PRAGMA defer_foreign_keys = on;

-- Copy, drop, re-create under the same name, copy back: re-inserting each parent row is what
-- clears the deferred violations the drop left in outbox and opt_out_flags (a rename would not).
CREATE TABLE messages_before_0010 AS SELECT * FROM messages;
DROP TABLE messages;
CREATE TABLE messages (
  seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
  id                   TEXT NOT NULL UNIQUE,
  tenant_id            TEXT NOT NULL REFERENCES tenants(id),
  conversation_id      TEXT NOT NULL REFERENCES conversations(id),
  direction            TEXT NOT NULL CHECK (direction IN ('outbound', 'inbound')),
  body                 TEXT NOT NULL,
  status               TEXT NOT NULL CHECK (status IN ('scheduled', 'queued', 'sent', 'delivered', 'read', 'failed', 'cancelled', 'received')),
  failure_reason       TEXT,
  sender_user_id       TEXT REFERENCES users(id),
  integration_id       TEXT NOT NULL REFERENCES integrations(id),
  from_number          TEXT NOT NULL,
  to_number            TEXT NOT NULL,
  provider_message_id  TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  change_seq           INTEGER NOT NULL DEFAULT 0,
  encoding             TEXT,
  segments             INTEGER,
  template             TEXT,
  send_at              TEXT,
  send_at_zone         TEXT
);
INSERT INTO messages (seq, id, tenant_id, conversation_id, direction, body, status, failure_reason, sender_user_id,
                      integration_id, from_number, to_number, provider_message_id, created_at, updated_at,
                      change_seq, encoding, segments, template)
SELECT seq, id, tenant_id, conversation_id, direction, body, status, failure_reason, sender_user_id,
       integration_id, from_number, to_number, provider_message_id, created_at, updated_at,
       change_seq, encoding, segments, template
  FROM messages_before_0010;
DROP TABLE messages_before_0010;

CREATE INDEX messages_thread ON messages(conversation_id, seq);
CREATE UNIQUE INDEX messages_provider_id ON messages(integration_id, provider_message_id)
  WHERE provider_message_id IS NOT NULL;
CREATE INDEX messages_changes ON messages(tenant_id, change_seq);
CREATE INDEX messages_thread_changes ON messages(conversation_id, change_seq);
-- The cron's scan for holds that are due: only scheduled messages are in it.
CREATE INDEX messages_due ON messages(send_at) WHERE status = 'scheduled';

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

CREATE TRIGGER messages_created_event AFTER INSERT ON messages
BEGIN
  INSERT INTO events (tenant_id, kind, candidate_id, payload, created_at)
  SELECT NEW.tenant_id, 'message.created', c.candidate_id,
         json_object('messageId', NEW.id, 'conversationId', c.id, 'channel', c.channel, 'direction', NEW.direction,
                     'candidateName', cand.name, 'preview', substr(NEW.body, 1, 140), 'profileUrl', cand.profile_url),
         NEW.created_at
    FROM conversations c JOIN candidates cand ON cand.id = c.candidate_id
   WHERE c.id = NEW.conversation_id;
END;

CREATE TRIGGER messages_status_event AFTER UPDATE OF status ON messages WHEN NEW.status <> OLD.status
BEGIN
  INSERT INTO events (tenant_id, kind, candidate_id, payload, created_at)
  SELECT NEW.tenant_id, 'message.updated', c.candidate_id,
         json_object('messageId', NEW.id, 'conversationId', c.id, 'channel', c.channel, 'direction', NEW.direction,
                     'candidateName', cand.name, 'preview', substr(NEW.body, 1, 140), 'profileUrl', cand.profile_url),
         NEW.updated_at
    FROM conversations c JOIN candidates cand ON cand.id = c.candidate_id
   WHERE c.id = NEW.conversation_id;
END;
