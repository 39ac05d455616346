-- A held message's time can move without its status changing: an admin's new quiet hours re-time
-- every hold they apply to (worker/services/quiet-hours.ts retimeHolds). The triggers of 0010 saw
-- only status (and failure reason) changes, so an open panel neither heard of the move nor found
-- the message among the changes since its cursor, and kept showing the old "Will send at".
-- Both triggers now also watch send_at and send_at_zone.
DROP TRIGGER messages_change_on_update;
CREATE TRIGGER messages_change_on_update AFTER UPDATE OF status, failure_reason, send_at, send_at_zone ON messages
WHEN OLD.status IS NOT NEW.status OR OLD.failure_reason IS NOT NEW.failure_reason
  OR OLD.send_at IS NOT NEW.send_at OR OLD.send_at_zone IS NOT NEW.send_at_zone
BEGIN
  UPDATE messages SET change_seq = (SELECT MAX(change_seq) FROM messages WHERE tenant_id = NEW.tenant_id) + 1
   WHERE seq = NEW.seq;
END;

DROP TRIGGER messages_status_event;
CREATE TRIGGER messages_updated_event AFTER UPDATE OF status, send_at, send_at_zone ON messages
WHEN OLD.status IS NOT NEW.status OR OLD.send_at IS NOT NEW.send_at OR OLD.send_at_zone IS NOT NEW.send_at_zone
BEGIN
  INSERT INTO events (tenant_id, kind, candidate_id, payload, created_at)
  SELECT NEW.tenant_id, 'message.updated', c.candidate_id,
         json_object('messageId', NEW.id, 'conversationId', c.id, 'channel', c.channel, 'direction', NEW.direction,
                     'candidateName', cand.name, 'preview', substr(NEW.body, 1, 140), 'profileUrl', cand.profile_url),
         NEW.updated_at
    FROM conversations c JOIN candidates cand ON cand.id = c.candidate_id
   WHERE c.id = NEW.conversation_id;
END;
