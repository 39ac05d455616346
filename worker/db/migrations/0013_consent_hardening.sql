-- Issue 16: consent that cannot be lost or misdirected.
--
-- Keywords (STOP/START/HELP, a free-text opt-out) on an inbound message are applied once and
-- never lost: the message is stored first and `keywords_applied_at` is set in the same batch as
-- the consent change it causes, so a provider's retry of a message whose keywords were not
-- applied yet (the worker died in between) applies them then, and a retry of one applied does
-- nothing twice. Messages received before this migration count as applied.
ALTER TABLE messages ADD COLUMN keywords_applied_at TEXT;
UPDATE messages SET keywords_applied_at = created_at WHERE direction = 'inbound';
