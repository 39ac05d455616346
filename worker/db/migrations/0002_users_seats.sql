-- Seats, invites, password resets, sign-in throttling and the audit log (issue 3).

-- What the tenant bought; set by `npm run admin` (billing), never by the API.
ALTER TABLE tenants ADD COLUMN seat_count INTEGER NOT NULL DEFAULT 0 CHECK (seat_count >= 0);

-- A seat is a flag on the user: assigning checks the tenant's count in the same statement.
ALTER TABLE users ADD COLUMN has_seat INTEGER NOT NULL DEFAULT 0 CHECK (has_seat IN (0, 1));
ALTER TABLE users ADD COLUMN deactivated_at TEXT;
ALTER TABLE users ADD COLUMN last_sign_in_at TEXT;
CREATE INDEX users_tenant_seat ON users(tenant_id, has_seat);

-- One-time links sent by email (invite: set a first password; reset: set a new one). Only the
-- SHA-256 of the token is stored, like sessions.
CREATE TABLE account_tokens (
  id          TEXT PRIMARY KEY,
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  user_id     TEXT NOT NULL REFERENCES users(id),
  purpose     TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  used_at     TEXT
);
CREATE INDEX account_tokens_user ON account_tokens(user_id);

-- Failed sign-ins per key ('account:<email>' or 'client:<ip>') in a fixed window.
CREATE TABLE sign_in_failures (
  key                TEXT PRIMARY KEY,
  failures           INTEGER NOT NULL,
  window_started_at  TEXT NOT NULL
);

-- Append-only: who did what to whom, when and from where. Names are copied in so the log still
-- reads right after a user is renamed or deactivated.
CREATE TABLE audit_events (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id       TEXT NOT NULL REFERENCES tenants(id),
  action          TEXT NOT NULL,
  actor_user_id   TEXT,
  actor_name      TEXT,
  actor_email     TEXT,
  target_user_id  TEXT,
  target_name     TEXT,
  target_email    TEXT,
  detail          TEXT NOT NULL DEFAULT '',
  ip              TEXT,
  user_agent      TEXT,
  created_at      TEXT NOT NULL
);
CREATE INDEX audit_events_tenant ON audit_events(tenant_id, seq);

-- The sandbox email provider's outbox: what would have been emailed. Only the sandbox adapter and
-- the /sandbox pages touch it; production never enables them.
CREATE TABLE sandbox_emails (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id   TEXT NOT NULL,
  to_address  TEXT NOT NULL,
  subject     TEXT NOT NULL,
  body        TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX sandbox_emails_to ON sandbox_emails(to_address, seq);
