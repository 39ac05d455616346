-- conversations.last_message_at was written with every message and read by nothing: the inbox
-- and the digest order by the messages themselves (thread index). Keeping it cost every inbound
-- webhook a conversation update; a reply into an existing conversation is now one insert.
DROP INDEX conversations_tenant_recent;
ALTER TABLE conversations DROP COLUMN last_message_at;
