-- Parley's own messages (the identification, the START invitation, HELP answers) still queued, per
-- conversation: a recruiter's message waits while an earlier one of these is not out, so the
-- candidate hears who is writing before the first message (services/delivery.ts). Partial, so it
-- holds only the few such messages in flight, whatever the length of the conversations.
CREATE INDEX messages_queued_automatic ON messages(conversation_id, seq)
  WHERE direction = 'outbound' AND status = 'queued' AND sender_user_id IS NULL;
