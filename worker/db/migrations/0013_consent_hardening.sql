-- Issue 16: consent that cannot be lost or misdirected.
--
-- Keywords (STOP/START/HELP, a free-text opt-out) on an inbound message are applied once and
-- never lost: the message is stored first and `keywords_applied_at` is set in the same batch as
-- the consent change it causes, so a provider's retry of a message whose keywords were not
-- applied yet (the worker died in between) applies them then, and a retry of one applied does
-- nothing twice. Messages received before this migration count as applied.
ALTER TABLE messages ADD COLUMN keywords_applied_at TEXT;
UPDATE messages SET keywords_applied_at = created_at WHERE direction = 'inbound';

-- Consent is given for a number: `consents.phone` is the candidate's E.164 number when the state
-- was last set. Sends go only to it, and a change of the candidate's number sets both channels
-- back to `none` with an evidence record naming the old and the new number. Existing consent
-- counts as given for the number the candidate has now.
ALTER TABLE consents ADD COLUMN phone TEXT;
UPDATE consents SET phone = (SELECT c.phone FROM candidates c WHERE c.id = consents.candidate_id AND c.tenant_id = consents.tenant_id);
