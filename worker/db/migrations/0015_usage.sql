-- Usage reporting (issue 15): daily rollups that cannot drift from the messages they count.
--
-- WHY TRIGGERS: the rollup must change in the same transaction as every message insert and status
-- change, whichever code path writes it (the send gate, the queue consumer, status callbacks,
-- inbound webhooks, hold release, retry, cancel, the demo seed). Triggers run inside the writing
-- statement, so a D1 batch that inserts or moves a message moves its rollup too, or neither
-- happens (the same reasoning as the change feed in 0005). A duplicate or out-of-order status
-- callback is refused by its conditional UPDATE (or leaves the status as it was), and the update
-- trigger fires only WHEN the status really changed; its delta is contribution(new) minus
-- contribution(old), so the rollup always equals the sum over the messages as they are now.
--
-- What a message contributes (shared/domain/usage.ts says the same in TypeScript):
--   counted      status not 'scheduled' (held, not sent yet) and not 'cancelled'
--   messages     1 when counted
--   segments     the SMS segments when counted (WhatsApp: none)
--   delivered    status 'delivered' or 'read';  failed: status 'failed'
--   replies      an inbound message whose previous message in the conversation is outbound
--   started      an outbound message whose conversation's previous message is 30 days older, or none
--   cost         the price in force when it was written × units, when counted and not failed
--
-- Its keys are fixed when it is written and stored on the row, so a later change (the candidate's
-- number, a price, a retry under another recruiter's name) never moves history:
--   usage_day      the local date in the tenant's time zone (usage_zone_offsets, DST included)
--   usage_country  the candidate's phone country then ('ZZ' unknown)
--   usage_user_id  outbound: the sender ('' for Parley's own automatic messages); inbound: that of
--                  the message it follows in the conversation ('' when none), i.e. the recruiter who
--                  last wrote there unless Parley wrote since. One lookup of the previous message
--                  (the thread index), never a scan of a long conversation: webhooks pay for it.
--   cost_micros    millionths of the tenant's currency

-- The tenant's reporting zone (IANA) and currency; admins change them (PUT /v1/usage/settings).
ALTER TABLE tenants ADD COLUMN usage_time_zone TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE tenants ADD COLUMN usage_currency TEXT NOT NULL DEFAULT 'USD';

-- The zone's UTC offset from each transition on (computed by the worker from the IANA database
-- when the zone is saved); no row means UTC. SQLite knows no time zones, so this is how a trigger
-- turns an instant into the tenant's local date.
CREATE TABLE usage_zone_offsets (
  tenant_id       TEXT NOT NULL REFERENCES tenants(id),
  starts_at       TEXT NOT NULL,
  offset_minutes  INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, starts_at)
) WITHOUT ROWID;

-- Prices per country ('*' = every country not listed) × channel × direction × category:
-- 'standard' (SMS per segment, inbound), 'template' (a WhatsApp template message) or 'service' (a
-- WhatsApp free-form message inside the 24-hour window). A new price is a new row with its
-- valid_from, so the price in force at any instant stays known; a NULL price ends a country's own
-- price (the '*' row applies again) or, on '*', the default. is_example marks the demo seed's.
CREATE TABLE usage_prices (
  tenant_id     TEXT NOT NULL REFERENCES tenants(id),
  country       TEXT NOT NULL,
  channel       TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
  direction     TEXT NOT NULL CHECK (direction IN ('outbound', 'inbound')),
  category      TEXT NOT NULL CHECK (category IN ('standard', 'template', 'service')),
  valid_from    TEXT NOT NULL,
  price_micros  INTEGER CHECK (price_micros IS NULL OR price_micros >= 0),
  is_example    INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
  PRIMARY KEY (tenant_id, channel, direction, category, country, valid_from)
) WITHOUT ROWID;

ALTER TABLE messages ADD COLUMN usage_day TEXT;
ALTER TABLE messages ADD COLUMN usage_country TEXT;
ALTER TABLE messages ADD COLUMN usage_user_id TEXT;
ALTER TABLE messages ADD COLUMN usage_reply INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN usage_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN cost_micros INTEGER NOT NULL DEFAULT 0;
-- The report's "top failure reasons" reads failed messages of a date range from this index alone
-- (with the filters' columns and the reason), never the scattered message rows.
CREATE INDEX messages_usage_failed ON messages(tenant_id, usage_day, usage_user_id, usage_country, conversation_id, failure_reason)
  WHERE status = 'failed';

CREATE TABLE usage_daily (
  tenant_id              TEXT NOT NULL,
  usage_day              TEXT NOT NULL,
  user_id                TEXT NOT NULL,
  country                TEXT NOT NULL,
  channel                TEXT NOT NULL,
  direction              TEXT NOT NULL,
  messages               INTEGER NOT NULL,
  segments               INTEGER NOT NULL,
  delivered              INTEGER NOT NULL,
  failed                 INTEGER NOT NULL,
  replies                INTEGER NOT NULL,
  conversations_started  INTEGER NOT NULL,
  cost_micros            INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, usage_day, user_id, country, channel, direction)
) WITHOUT ROWID;
-- Seat use: each user's messages out in a range and last day with one, read from the index alone.
CREATE INDEX usage_daily_user_last ON usage_daily(tenant_id, user_id, direction, usage_day, messages);

-- Candidates reached is a distinct count, which daily sums cannot give: one row per candidate
-- messaged per day and key, with the number of counted outbound messages (0 after a cancel).
CREATE TABLE usage_reach (
  tenant_id     TEXT NOT NULL,
  usage_day     TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  country       TEXT NOT NULL,
  channel       TEXT NOT NULL,
  candidate_id  TEXT NOT NULL,
  messages      INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, usage_day, user_id, country, channel, candidate_id)
) WITHOUT ROWID;

-- Keys, flags and cost of a new message (one row write: the inbound webhook pays for each), then
-- its contribution.
CREATE TRIGGER messages_usage_on_insert AFTER INSERT ON messages
BEGIN
  UPDATE messages SET
    usage_day = date(NEW.created_at, printf('%+d minutes', COALESCE(
      (SELECT z.offset_minutes FROM usage_zone_offsets z WHERE z.tenant_id = NEW.tenant_id AND z.starts_at <= NEW.created_at
        ORDER BY z.starts_at DESC LIMIT 1), 0))),
    usage_country = COALESCE(cand.phone_country, 'ZZ'),
    usage_user_id = CASE WHEN NEW.direction = 'outbound' THEN COALESCE(NEW.sender_user_id, '') ELSE COALESCE(
      (SELECT p.usage_user_id FROM messages p WHERE p.conversation_id = NEW.conversation_id AND p.seq < NEW.seq ORDER BY p.seq DESC LIMIT 1), '') END,
    usage_reply = NEW.direction = 'inbound' AND COALESCE(
      (SELECT p.direction FROM messages p WHERE p.conversation_id = NEW.conversation_id AND p.seq < NEW.seq ORDER BY p.seq DESC LIMIT 1), '') = 'outbound',
    usage_start = NEW.direction = 'outbound' AND COALESCE(
      (SELECT p.created_at FROM messages p WHERE p.conversation_id = NEW.conversation_id AND p.seq < NEW.seq ORDER BY p.seq DESC LIMIT 1), '')
        < strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at, '-30 days'),
    cost_micros = CASE WHEN c.channel = 'sms' THEN MAX(COALESCE(NEW.segments, 1), 1) ELSE 1 END * COALESCE(
      (SELECT p.price_micros FROM usage_prices p
        WHERE p.tenant_id = NEW.tenant_id AND p.channel = c.channel AND p.direction = NEW.direction
          AND p.category = CASE WHEN c.channel = 'sms' OR NEW.direction = 'inbound' THEN 'standard'
                                WHEN NEW.template IS NOT NULL THEN 'template' ELSE 'service' END
          AND p.country = COALESCE(cand.phone_country, 'ZZ') AND p.valid_from <= NEW.created_at
        ORDER BY p.valid_from DESC LIMIT 1),
      (SELECT p.price_micros FROM usage_prices p
        WHERE p.tenant_id = NEW.tenant_id AND p.channel = c.channel AND p.direction = NEW.direction
          AND p.category = CASE WHEN c.channel = 'sms' OR NEW.direction = 'inbound' THEN 'standard'
                                WHEN NEW.template IS NOT NULL THEN 'template' ELSE 'service' END
          AND p.country = '*' AND p.valid_from <= NEW.created_at
        ORDER BY p.valid_from DESC LIMIT 1), 0)
    FROM conversations c LEFT JOIN candidates cand ON cand.id = c.candidate_id
   WHERE messages.seq = NEW.seq AND c.id = NEW.conversation_id;

  INSERT INTO usage_daily (tenant_id, usage_day, user_id, country, channel, direction, messages, segments, delivered, failed,
                           replies, conversations_started, cost_micros)
  SELECT m.tenant_id, m.usage_day, m.usage_user_id, m.usage_country, c.channel, m.direction,
         m.status NOT IN ('scheduled', 'cancelled'),
         (m.status NOT IN ('scheduled', 'cancelled')) * COALESCE(m.segments, 0),
         m.status IN ('delivered', 'read'),
         m.status = 'failed',
         (m.status NOT IN ('scheduled', 'cancelled')) * m.usage_reply,
         (m.status NOT IN ('scheduled', 'cancelled')) * m.usage_start,
         (m.status NOT IN ('scheduled', 'cancelled', 'failed')) * m.cost_micros
    FROM messages m JOIN conversations c ON c.id = m.conversation_id
   WHERE m.seq = NEW.seq
  ON CONFLICT DO UPDATE SET
    messages = messages + excluded.messages, segments = segments + excluded.segments,
    delivered = delivered + excluded.delivered, failed = failed + excluded.failed, replies = replies + excluded.replies,
    conversations_started = conversations_started + excluded.conversations_started, cost_micros = cost_micros + excluded.cost_micros;

  INSERT INTO usage_reach (tenant_id, usage_day, user_id, country, channel, candidate_id, messages)
  SELECT m.tenant_id, m.usage_day, m.usage_user_id, m.usage_country, c.channel, c.candidate_id, m.status NOT IN ('scheduled', 'cancelled')
    FROM messages m JOIN conversations c ON c.id = m.conversation_id
   WHERE m.seq = NEW.seq AND m.direction = 'outbound'
  ON CONFLICT DO UPDATE SET messages = messages + excluded.messages;
END;

-- A status change moves the contribution from the old status to the new one, under the keys the
-- message was given when written.
CREATE TRIGGER messages_usage_on_status AFTER UPDATE OF status ON messages
WHEN OLD.status IS NOT NEW.status AND NEW.usage_day IS NOT NULL
BEGIN
  INSERT INTO usage_daily (tenant_id, usage_day, user_id, country, channel, direction, messages, segments, delivered, failed,
                           replies, conversations_started, cost_micros)
  SELECT NEW.tenant_id, NEW.usage_day, NEW.usage_user_id, NEW.usage_country, c.channel, NEW.direction,
         (NEW.status NOT IN ('scheduled', 'cancelled')) - (OLD.status NOT IN ('scheduled', 'cancelled')),
         ((NEW.status NOT IN ('scheduled', 'cancelled')) - (OLD.status NOT IN ('scheduled', 'cancelled'))) * COALESCE(NEW.segments, 0),
         (NEW.status IN ('delivered', 'read')) - (OLD.status IN ('delivered', 'read')),
         (NEW.status = 'failed') - (OLD.status = 'failed'),
         ((NEW.status NOT IN ('scheduled', 'cancelled')) - (OLD.status NOT IN ('scheduled', 'cancelled'))) * NEW.usage_reply,
         ((NEW.status NOT IN ('scheduled', 'cancelled')) - (OLD.status NOT IN ('scheduled', 'cancelled'))) * NEW.usage_start,
         ((NEW.status NOT IN ('scheduled', 'cancelled', 'failed')) - (OLD.status NOT IN ('scheduled', 'cancelled', 'failed'))) * NEW.cost_micros
    FROM conversations c
   WHERE c.id = NEW.conversation_id
  ON CONFLICT DO UPDATE SET
    messages = messages + excluded.messages, segments = segments + excluded.segments,
    delivered = delivered + excluded.delivered, failed = failed + excluded.failed, replies = replies + excluded.replies,
    conversations_started = conversations_started + excluded.conversations_started, cost_micros = cost_micros + excluded.cost_micros;

  INSERT INTO usage_reach (tenant_id, usage_day, user_id, country, channel, candidate_id, messages)
  SELECT NEW.tenant_id, NEW.usage_day, NEW.usage_user_id, NEW.usage_country, c.channel, c.candidate_id,
         (NEW.status NOT IN ('scheduled', 'cancelled')) - (OLD.status NOT IN ('scheduled', 'cancelled'))
    FROM conversations c
   WHERE c.id = NEW.conversation_id AND NEW.direction = 'outbound'
  ON CONFLICT DO UPDATE SET messages = messages + excluded.messages;
END;

-- Messages written before this migration: keyed in UTC (every tenant's zone starts as UTC), at no
-- cost (no prices existed), attributed and flagged by the same rules, then rolled up.
UPDATE messages SET
  usage_day = substr(created_at, 1, 10),
  usage_country = COALESCE(
    (SELECT cand.phone_country FROM conversations c JOIN candidates cand ON cand.id = c.candidate_id WHERE c.id = messages.conversation_id), 'ZZ'),
  usage_reply = direction = 'inbound' AND COALESCE(
    (SELECT p.direction FROM messages p WHERE p.conversation_id = messages.conversation_id AND p.seq < messages.seq ORDER BY p.seq DESC LIMIT 1), '') = 'outbound',
  usage_start = direction = 'outbound' AND COALESCE(
    (SELECT p.created_at FROM messages p WHERE p.conversation_id = messages.conversation_id AND p.seq < messages.seq ORDER BY p.seq DESC LIMIT 1), '')
      < strftime('%Y-%m-%dT%H:%M:%fZ', messages.created_at, '-30 days');
-- Inbound attribution follows the thread (the previous message's), so it is filled in order.
UPDATE messages SET usage_user_id = COALESCE(sender_user_id, '') WHERE direction = 'outbound';
UPDATE messages SET usage_user_id = COALESCE(
    (SELECT p.sender_user_id FROM messages p WHERE p.conversation_id = messages.conversation_id AND p.seq < messages.seq
        AND p.direction = 'outbound' ORDER BY p.seq DESC LIMIT 1), '')
 WHERE direction = 'inbound';

INSERT INTO usage_daily (tenant_id, usage_day, user_id, country, channel, direction, messages, segments, delivered, failed,
                         replies, conversations_started, cost_micros)
SELECT m.tenant_id, m.usage_day, m.usage_user_id, m.usage_country, c.channel, m.direction,
       SUM(m.status NOT IN ('scheduled', 'cancelled')),
       SUM((m.status NOT IN ('scheduled', 'cancelled')) * COALESCE(m.segments, 0)),
       SUM(m.status IN ('delivered', 'read')),
       SUM(m.status = 'failed'),
       SUM((m.status NOT IN ('scheduled', 'cancelled')) * m.usage_reply),
       SUM((m.status NOT IN ('scheduled', 'cancelled')) * m.usage_start),
       0
  FROM messages m JOIN conversations c ON c.id = m.conversation_id
 GROUP BY m.tenant_id, m.usage_day, m.usage_user_id, m.usage_country, c.channel, m.direction;

INSERT INTO usage_reach (tenant_id, usage_day, user_id, country, channel, candidate_id, messages)
SELECT m.tenant_id, m.usage_day, m.usage_user_id, m.usage_country, c.channel, c.candidate_id, SUM(m.status NOT IN ('scheduled', 'cancelled'))
  FROM messages m JOIN conversations c ON c.id = m.conversation_id
 WHERE m.direction = 'outbound'
 GROUP BY m.tenant_id, m.usage_day, m.usage_user_id, m.usage_country, c.channel, c.candidate_id;
