-- Parley's first schema. Every tenant-owned row carries tenant_id and every query filters by it.
-- Times are ISO-8601 UTC strings (sortable, readable in exports).

CREATE TABLE tenants (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  created_at  TEXT NOT NULL
);

CREATE TABLE users (
  id             TEXT PRIMARY KEY,
  tenant_id      TEXT NOT NULL REFERENCES tenants(id),
  email          TEXT NOT NULL COLLATE NOCASE UNIQUE,
  name           TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('admin', 'recruiter')),
  password_hash  TEXT,
  created_at     TEXT NOT NULL
);
CREATE INDEX users_tenant ON users(tenant_id);

-- Opaque bearer tokens; only their SHA-256 is stored.
CREATE TABLE sessions (
  id          TEXT PRIMARY KEY,
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  user_id     TEXT NOT NULL REFERENCES users(id),
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  revoked_at  TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

-- A provider account of a tenant. `config` is provider specific JSON.
CREATE TABLE integrations (
  id          TEXT PRIMARY KEY,
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  provider    TEXT NOT NULL,
  name        TEXT NOT NULL,
  config      TEXT NOT NULL DEFAULT '{}',
  enabled     INTEGER NOT NULL DEFAULT 1,
  created_at  TEXT NOT NULL
);
CREATE INDEX integrations_tenant ON integrations(tenant_id);

-- The numbers a tenant sends from: one per country and channel, plus at most one default per channel.
CREATE TABLE sending_numbers (
  id              TEXT PRIMARY KEY,
  tenant_id       TEXT NOT NULL REFERENCES tenants(id),
  integration_id  TEXT NOT NULL REFERENCES integrations(id),
  channel         TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
  country         TEXT NOT NULL,
  phone_number    TEXT NOT NULL,
  is_default      INTEGER NOT NULL DEFAULT 0,
  UNIQUE (tenant_id, channel, country)
);
CREATE UNIQUE INDEX sending_numbers_default ON sending_numbers(tenant_id, channel) WHERE is_default = 1;
CREATE INDEX sending_numbers_phone ON sending_numbers(phone_number);

CREATE TABLE candidates (
  id                TEXT PRIMARY KEY,
  tenant_id         TEXT NOT NULL REFERENCES tenants(id),
  ats               TEXT NOT NULL,
  ats_candidate_id  TEXT NOT NULL,
  name              TEXT NOT NULL,
  phone             TEXT,
  phone_country     TEXT,
  email             TEXT,
  job_title         TEXT,
  language          TEXT NOT NULL DEFAULT 'en',
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  UNIQUE (tenant_id, ats, ats_candidate_id)
);
CREATE INDEX candidates_phone ON candidates(tenant_id, phone);

-- Minimal consent: the current state per candidate and channel. The evidence log comes with the
-- consent model; the send gate already reads this table.
CREATE TABLE consents (
  tenant_id     TEXT NOT NULL REFERENCES tenants(id),
  candidate_id  TEXT NOT NULL REFERENCES candidates(id),
  channel       TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
  state         TEXT NOT NULL CHECK (state IN ('none', 'requested', 'granted', 'revoked')),
  source        TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (candidate_id, channel)
);

CREATE TABLE conversations (
  id               TEXT PRIMARY KEY,
  tenant_id        TEXT NOT NULL REFERENCES tenants(id),
  candidate_id     TEXT NOT NULL REFERENCES candidates(id),
  channel          TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
  last_message_at  TEXT,
  created_at       TEXT NOT NULL,
  UNIQUE (candidate_id, channel)
);
CREATE INDEX conversations_tenant_recent ON conversations(tenant_id, last_message_at);

-- seq orders a thread and is the polling cursor; id is the public identifier.
CREATE TABLE messages (
  seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
  id                   TEXT NOT NULL UNIQUE,
  tenant_id            TEXT NOT NULL REFERENCES tenants(id),
  conversation_id      TEXT NOT NULL REFERENCES conversations(id),
  direction            TEXT NOT NULL CHECK (direction IN ('outbound', 'inbound')),
  body                 TEXT NOT NULL,
  status               TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'read', 'failed', 'received')),
  failure_reason       TEXT,
  sender_user_id       TEXT REFERENCES users(id),
  integration_id       TEXT NOT NULL REFERENCES integrations(id),
  from_number          TEXT NOT NULL,
  to_number            TEXT NOT NULL,
  provider_message_id  TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE INDEX messages_thread ON messages(conversation_id, seq);
-- A provider that replays a webhook must not create a second message.
CREATE UNIQUE INDEX messages_provider_id ON messages(integration_id, provider_message_id)
  WHERE provider_message_id IS NOT NULL;

-- The sandbox provider's own side: what the simulated phones received and sent. Only the sandbox
-- adapter and the /sandbox pages touch it; production never enables them.
CREATE TABLE sandbox_traffic (
  seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
  integration_id       TEXT NOT NULL,
  provider_message_id  TEXT NOT NULL UNIQUE,
  direction            TEXT NOT NULL CHECK (direction IN ('to_phone', 'from_phone')),
  phone_number         TEXT NOT NULL,
  parley_number        TEXT NOT NULL,
  channel              TEXT NOT NULL,
  body                 TEXT NOT NULL,
  created_at           TEXT NOT NULL
);
CREATE INDEX sandbox_traffic_phone ON sandbox_traffic(phone_number, seq);

-- The bench's floor: the least durable work a webhook can do is one insert here.
CREATE TABLE bench_floor (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  payload     TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
