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
