-- Pacing per sending number (issue 16): a number's rate, and the slots its messages go out in.

-- Messages per second this number may send; NULL = the provider's documented rate for the number's
-- type (shared/domain/sending-rate.ts).
ALTER TABLE sending_numbers ADD COLUMN messages_per_second REAL
  CHECK (messages_per_second IS NULL OR (messages_per_second > 0 AND messages_per_second <= 1000));

-- Per sender (integration, channel, number): the earliest instant (ms since the epoch) its next
-- message may go. Each send takes that slot and moves it on by its segments ÷ the rate, in one
-- statement, so concurrent consumers never share a slot.
CREATE TABLE send_pacing (
  tenant_id      TEXT NOT NULL REFERENCES tenants(id),
  integration_id TEXT NOT NULL,
  channel        TEXT NOT NULL,
  from_number    TEXT NOT NULL,
  next_at_ms     REAL NOT NULL,
  PRIMARY KEY (tenant_id, integration_id, channel, from_number)
) WITHOUT ROWID;

-- A slot booked by a message that pacing put back in the queue: kept until an attempt uses it.
ALTER TABLE outbox ADD COLUMN send_slot_ms REAL;
