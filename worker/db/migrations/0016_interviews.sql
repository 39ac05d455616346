-- Interviews by SMS and WhatsApp (issue 14): one candidate, one interviewer, a fixed time or offered
-- slots, and reminders the cron sends. Times are ISO 8601 UTC instants ("…T08:00:00.000Z"), which
-- compare correctly as text.

-- Templates gain the interview purposes (slots to pick, a new time, a cancellation). SQLite cannot
-- change a CHECK, so the table is rebuilt as 0004 made it, with the wider list. Tenants that exist
-- get the new defaults when an interview first needs one (services/interviews.ts provisions them);
-- their invitation and reminder keep the wording they have, edited or not.
CREATE TABLE templates_new (
  id                 TEXT PRIMARY KEY,
  tenant_id          TEXT NOT NULL REFERENCES tenants(id),
  name               TEXT NOT NULL,
  language           TEXT NOT NULL,
  sms                INTEGER NOT NULL CHECK (sms IN (0, 1)),
  whatsapp           INTEGER NOT NULL CHECK (whatsapp IN (0, 1)),
  body               TEXT NOT NULL,
  whatsapp_approval  TEXT,
  purpose            TEXT CHECK (purpose IN ('opt_in_identification', 'consent_request', 'interview_invitation', 'interview_slots',
                                             'interview_reminder', 'interview_update', 'interview_cancelled')),
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  CHECK (sms = 1 OR whatsapp = 1),
  CHECK (whatsapp_approval IS NULL OR whatsapp = 1)
);
INSERT INTO templates_new (id, tenant_id, name, language, sms, whatsapp, body, whatsapp_approval, purpose, created_at, updated_at)
  SELECT id, tenant_id, name, language, sms, whatsapp, body, whatsapp_approval, purpose, created_at, updated_at FROM templates;
DROP TABLE templates;
ALTER TABLE templates_new RENAME TO templates;
CREATE UNIQUE INDEX templates_name ON templates(tenant_id, language, name COLLATE NOCASE);
CREATE UNIQUE INDEX templates_purpose ON templates(tenant_id, purpose, language) WHERE purpose IS NOT NULL;

CREATE TABLE interviews (
  id                   TEXT PRIMARY KEY,
  tenant_id            TEXT NOT NULL REFERENCES tenants(id),
  candidate_id         TEXT NOT NULL REFERENCES candidates(id),
  title                TEXT NOT NULL,
  kind                 TEXT NOT NULL CHECK (kind IN ('fixed', 'self_schedule')),
  state                TEXT NOT NULL CHECK (state IN ('invited', 'awaiting_pick', 'confirmed', 'declined', 'reschedule_requested', 'cancelled')),
  -- The proposed or confirmed time; null while the candidate picks a slot.
  starts_at            TEXT,
  ends_at              TEXT,
  duration_minutes     INTEGER NOT NULL CHECK (duration_minutes > 0),
  location             TEXT,
  video_link           TEXT,
  interviewer_user_id  TEXT NOT NULL REFERENCES users(id),
  channel              TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
  candidate_time_zone  TEXT NOT NULL,
  language             TEXT NOT NULL,
  -- The .ics SEQUENCE: raised on every change the candidate is told about.
  sequence             INTEGER NOT NULL DEFAULT 0,
  -- The message of the last invitation or update, for the thread.
  last_message_id      TEXT,
  -- The recruiter who scheduled it: reminders go out under their name and seat.
  created_by           TEXT NOT NULL REFERENCES users(id),
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  CHECK ((starts_at IS NULL) = (ends_at IS NULL))
);
CREATE INDEX interviews_candidate ON interviews(tenant_id, candidate_id, starts_at);
-- The overlap guard's lookup: the interviewer's confirmed interviews by time.
CREATE INDEX interviews_interviewer_busy ON interviews(tenant_id, interviewer_user_id, state, starts_at);

CREATE TABLE interview_slots (
  id            TEXT PRIMARY KEY,
  tenant_id     TEXT NOT NULL REFERENCES tenants(id),
  interview_id  TEXT NOT NULL REFERENCES interviews(id),
  starts_at     TEXT NOT NULL,
  ends_at       TEXT NOT NULL,
  UNIQUE (interview_id, starts_at)
);

-- `sending` is the scheduler's claim (taken by one conditional UPDATE … RETURNING, so two
-- overlapping runs never both hold a reminder); the message and `sent` are written in one batch.
CREATE TABLE interview_reminders (
  id              TEXT PRIMARY KEY,
  tenant_id       TEXT NOT NULL REFERENCES tenants(id),
  interview_id    TEXT NOT NULL REFERENCES interviews(id),
  offset_minutes  INTEGER NOT NULL CHECK (offset_minutes > 0),
  channel         TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
  template_id     TEXT,
  body            TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'skipped', 'cancelled')),
  -- Null while the interview has no time (slots offered, not picked).
  due_at          TEXT,
  claimed_at      TEXT,
  reason          TEXT,
  message_id      TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
-- The cron's scan: due pending reminders, and claims left behind by a run that died.
CREATE INDEX interview_reminders_due ON interview_reminders(state, due_at);
CREATE INDEX interview_reminders_interview ON interview_reminders(interview_id);

-- The reminders new interviews start with (JSON of InterviewSettings.defaultReminders).
CREATE TABLE interview_settings (
  tenant_id          TEXT PRIMARY KEY REFERENCES tenants(id),
  default_reminders  TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);

-- Interview changes reach open panels and the inbox like messages do (see 0005): an event per
-- change, written by triggers in the changing statement's transaction, whoever wrote it (the
-- recruiter, the candidate's reply or page, the scheduler). The panel re-reads the interview.
CREATE TRIGGER interviews_created_event AFTER INSERT ON interviews
BEGIN
  INSERT INTO events (tenant_id, kind, candidate_id, payload, created_at)
  SELECT NEW.tenant_id, 'interview.changed', NEW.candidate_id,
         json_object('interviewId', NEW.id, 'state', NEW.state, 'startsAt', NEW.starts_at, 'candidateName', cand.name, 'profileUrl', cand.profile_url),
         NEW.updated_at
    FROM candidates cand WHERE cand.id = NEW.candidate_id;
END;

CREATE TRIGGER interviews_changed_event AFTER UPDATE OF state, starts_at, sequence ON interviews
  WHEN NEW.state <> OLD.state OR NEW.starts_at IS NOT OLD.starts_at OR NEW.sequence <> OLD.sequence
BEGIN
  INSERT INTO events (tenant_id, kind, candidate_id, payload, created_at)
  SELECT NEW.tenant_id, 'interview.changed', NEW.candidate_id,
         json_object('interviewId', NEW.id, 'state', NEW.state, 'startsAt', NEW.starts_at, 'candidateName', cand.name, 'profileUrl', cand.profile_url),
         NEW.updated_at
    FROM candidates cand WHERE cand.id = NEW.candidate_id;
END;

-- A reminder sent, skipped or cancelled changes what the panel shows (not the scheduler's claim).
CREATE TRIGGER interview_reminders_changed_event AFTER UPDATE OF state ON interview_reminders
  WHEN NEW.state <> OLD.state AND NEW.state IN ('sent', 'skipped', 'cancelled')
BEGIN
  INSERT INTO events (tenant_id, kind, candidate_id, payload, created_at)
  SELECT NEW.tenant_id, 'interview.changed', i.candidate_id,
         json_object('interviewId', i.id, 'state', i.state, 'startsAt', i.starts_at, 'candidateName', cand.name, 'profileUrl', cand.profile_url),
         NEW.updated_at
    FROM interviews i JOIN candidates cand ON cand.id = i.candidate_id WHERE i.id = NEW.interview_id;
END;
