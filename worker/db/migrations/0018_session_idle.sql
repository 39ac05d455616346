-- Sessions end after 12 hours without use as well as at their absolute expiry (issue 16): the
-- last request a session made, moved forward at most every few minutes (worker/middleware/auth.ts).
-- Unset (sessions from before this migration) it counts from created_at.
ALTER TABLE sessions ADD COLUMN last_used_at TEXT;
