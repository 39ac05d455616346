import type { Channel } from '../../../shared/api/channels.ts';
import type { Message, MessageStatus } from '../../../shared/api/messages.ts';

export type MessageRow = {
  /** The change cursor (messages.change_seq), which the API calls `seq`. */
  seq: number;
  id: string;
  tenant_id: string;
  conversation_id: string;
  channel: Channel;
  direction: 'outbound' | 'inbound';
  body: string;
  status: MessageStatus;
  failure_reason: string | null;
  sender_user_id: string | null;
  sender_name: string | null;
  created_at: string;
  encoding: 'GSM-7' | 'UCS-2' | null;
  segments: number | null;
  send_at: string | null;
  send_at_zone: string | null;
};

/** A stored message as the API shows it. */
export const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  channel: row.channel,
  direction: row.direction,
  body: row.body,
  status: row.status,
  failureReason: row.failure_reason,
  senderUserId: row.sender_user_id,
  senderName: row.sender_name,
  createdAt: row.created_at,
  seq: row.seq,
  ...(row.encoding ? { encoding: row.encoding } : {}),
  ...(row.segments !== null ? { segments: row.segments } : {}),
  ...(row.send_at ? { sendAt: row.send_at, ...(row.send_at_zone ? { sendAtTimeZone: row.send_at_zone } : {}) } : {}),
});

export type NewMessage = {
  id: string;
  tenantId: string;
  candidateId: string;
  channel: Channel;
  direction: 'outbound' | 'inbound';
  body: string;
  status: MessageStatus;
  senderUserId: string | null;
  integrationId: string;
  fromNumber: string;
  toNumber: string;
  providerMessageId: string | null;
  createdAt: string;
  /** SMS billing, null on WhatsApp. */
  encoding?: 'GSM-7' | 'UCS-2' | null;
  segments?: number | null;
  /** The WhatsApp template (JSON) a message is sent as. */
  template?: string | null;
  /** Held for quiet hours (status `scheduled`): when it may go, and the zone that decided it. */
  sendAt?: string | null;
  sendAtZone?: string | null;
};

/**
 * The conversation (created if missing) and the message insert as statements for one `db.batch`, D1's only
 * transaction. The insert ignores a provider message id it already holds (webhook replays).
 */
export function insertMessageStatements(db: D1Database, conversationId: string, m: NewMessage): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO conversations (id, tenant_id, candidate_id, channel, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (candidate_id, channel) DO NOTHING`,
      )
      .bind(conversationId, m.tenantId, m.candidateId, m.channel, m.createdAt),
    db
      .prepare(
        `INSERT INTO messages (id, tenant_id, conversation_id, direction, body, status, sender_user_id,
                               integration_id, from_number, to_number, provider_message_id, created_at, updated_at,
                               encoding, segments, template, send_at, send_at_zone)
         SELECT ?1, ?2, c.id, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?14, ?15, ?16, ?17, ?18
           FROM conversations c WHERE c.candidate_id = ?12 AND c.channel = ?13 AND c.tenant_id = ?2
         ON CONFLICT DO NOTHING`,
      )
      .bind(
        m.id,
        m.tenantId,
        m.direction,
        m.body,
        m.status,
        m.senderUserId,
        m.integrationId,
        m.fromNumber,
        m.toNumber,
        m.providerMessageId,
        m.createdAt,
        m.candidateId,
        m.channel,
        m.encoding ?? null,
        m.segments ?? null,
        m.template ?? null,
        m.sendAt ?? null,
        m.sendAtZone ?? null,
      ),
  ];
}

const MESSAGE_COLUMNS = `m.change_seq AS seq, m.id, m.tenant_id, m.conversation_id, c.channel, m.direction, m.body, m.status,
  m.failure_reason, m.sender_user_id, (SELECT u.name FROM users u WHERE u.id = m.sender_user_id AND u.tenant_id = m.tenant_id) AS sender_name,
  m.created_at, m.encoding, m.segments, m.send_at, m.send_at_zone`;

/** A message as the API shows it; a statement, to read it back in the batch that writes it. */
export function findMessageStatement(db: D1Database, tenantId: string, messageId: string) {
  return db
    .prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.id = ? AND m.tenant_id = ?`,
    )
    .bind(messageId, tenantId);
}

export const findMessage = (db: D1Database, tenantId: string, messageId: string) => findMessageStatement(db, tenantId, messageId).first<MessageRow>();

const THREAD_PAGE = 500;

/** A thread in order, or only what was written or changed after the `afterSeq` change cursor. */
export async function listThread(db: D1Database, tenantId: string, candidateId: string, channel: Channel, afterSeq = 0): Promise<MessageRow[]> {
  const { results } = await db
    .prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM conversations c JOIN messages m ON m.conversation_id = c.id
        WHERE c.tenant_id = ? AND c.candidate_id = ? AND c.channel = ? AND m.change_seq > ?
        ORDER BY m.seq LIMIT ${THREAD_PAGE}`,
    )
    .bind(tenantId, candidateId, channel, afterSeq)
    .all<MessageRow>();
  return results;
}

/** A stored inbound message whose keywords were not applied yet; null once they were (or when it was not stored). */
export function inboundAwaitingKeywords(db: D1Database, tenantId: string, integrationId: string, providerMessageId: string) {
  return db
    .prepare(
      `SELECT m.id, c.candidate_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.tenant_id = ? AND m.integration_id = ? AND m.provider_message_id = ? AND m.direction = 'inbound'
          AND m.keywords_applied_at IS NULL`,
    )
    .bind(tenantId, integrationId, providerMessageId)
    .first<{ id: string; candidate_id: string }>();
}

/** Marks an inbound message's keywords applied, for the batch that applies them; `changes` 0 when another request did first. */
export function markKeywordsAppliedStatement(db: D1Database, tenantId: string, messageId: string, now: string) {
  return db
    .prepare(`UPDATE messages SET keywords_applied_at = ? WHERE id = ? AND tenant_id = ? AND direction = 'inbound' AND keywords_applied_at IS NULL`)
    .bind(now, messageId, tenantId);
}

/** The message a provider's id names, with where it went (integration-scoped: provider ids are unique per account). */
export function findByProviderId(db: D1Database, integrationId: string, providerMessageId: string) {
  return db
    .prepare(
      `SELECT m.id, m.to_number, c.channel FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.integration_id = ? AND m.provider_message_id = ?`,
    )
    .bind(integrationId, providerMessageId)
    .first<{ id: string; to_number: string; channel: Channel }>();
}
