-- The tenant's change feed: every message and consent change the recruiters' extensions must
-- see. Written in the same D1 batch as the change itself, so an event exists exactly when the
-- change does; the realtime hub pushes it, and a client that was offline catches up by seq.
CREATE TABLE events (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id     TEXT NOT NULL REFERENCES tenants(id),
  kind          TEXT NOT NULL,
  candidate_id  TEXT,
  payload       TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
CREATE INDEX events_tenant_seq ON events(tenant_id, seq);

-- How far each user has read each conversation, so unread state follows them across devices.
CREATE TABLE conversation_reads (
  tenant_id        TEXT NOT NULL REFERENCES tenants(id),
  user_id          TEXT NOT NULL REFERENCES users(id),
  conversation_id  TEXT NOT NULL REFERENCES conversations(id),
  read_seq         INTEGER NOT NULL,
  updated_at       TEXT NOT NULL,
  PRIMARY KEY (user_id, conversation_id)
);

-- Where the candidate's ATS profile lives, so the inbox and notifications can open it.
ALTER TABLE candidates ADD COLUMN profile_url TEXT;

-- Every message written or moved to another status is an event, whatever code path wrote it:
-- triggers run inside the writing statement's transaction, so the feed cannot miss or invent one.
-- The payload is what a notification shows; clients fetch the message itself through the API.
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
