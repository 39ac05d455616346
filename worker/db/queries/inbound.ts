/**
 * Inbound messages (`messages` with direction 'inbound', their attachments): a reply stored into
 * its conversation, or kept as an unknown sender's. Every query filters by tenant_id.
 * @module
 */
import type { Channel } from '../../../shared/api/channels.ts';
import type { InboundAttachment } from '../../providers/port.ts';
import { type Query, query } from './together.ts';

export type InboundRow = {
  id: string;
  tenantId: string;
  integrationId: string;
  providerMessageId: string;
  channel: Channel;
  from: string;
  to: string;
  body: string;
  attachments: (InboundAttachment & { id: string; refusedReason: string | null })[];
  now: string;
};

// The newest candidate with this number, as findCandidateByPhone picks it.
const CANDIDATE_BY_PHONE = `SELECT id FROM candidates WHERE tenant_id = ?2 AND phone = ?5 ORDER BY updated_at DESC LIMIT 1`;

/**
 * The common case of an inbound message as one statement: a reply in the candidate's existing
 * conversation. Stores nothing (changes 0) when there is no conversation yet, the number is no
 * candidate's, or the provider id was stored before; `inboundStatements` then settles which.
 */
export function replyInConversationStatements(db: D1Database, m: InboundRow): D1PreparedStatement[] {
  return [messageInsert(db, m), ...attachmentInserts(db, m)];
}

/**
 * One inbound message as one batch, whoever sent it: the conversation and message when the
 * number is a candidate's, else an "unknown sender" row — never dropped. A replayed provider id
 * inserts nothing (unique indexes), and then neither do its attachments. `[1]` is the message
 * insert, `[2]` the unknown-sender insert: their `changes` tell what happened.
 */
export function inboundStatements(db: D1Database, conversationId: string, m: InboundRow): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO conversations (id, tenant_id, candidate_id, channel, created_at)
         SELECT ?1, ?2, cand.id, ?3, ?4 FROM (${CANDIDATE_BY_PHONE}) cand
          WHERE NOT EXISTS (SELECT 1 FROM messages WHERE integration_id = ?6 AND provider_message_id = ?7)
         ON CONFLICT (candidate_id, channel) DO NOTHING`,
      )
      .bind(conversationId, m.tenantId, m.channel, m.now, m.from, m.integrationId, m.providerMessageId),
    messageInsert(db, m),
    db
      .prepare(
        `INSERT INTO unknown_inbound (id, tenant_id, integration_id, provider_message_id, channel, from_number, to_number, body, received_at)
         SELECT ?1, ?2, ?6, ?7, ?3, ?5, ?8, ?9, ?4
          WHERE NOT EXISTS (${CANDIDATE_BY_PHONE})
         ON CONFLICT DO NOTHING`,
      )
      .bind(m.id, m.tenantId, m.channel, m.now, m.from, m.integrationId, m.providerMessageId, m.to, m.body),
    ...attachmentInserts(db, m),
  ];
}

function messageInsert(db: D1Database, m: InboundRow): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO messages (id, tenant_id, conversation_id, direction, body, status, sender_user_id, integration_id,
                             from_number, to_number, provider_message_id, created_at, updated_at)
       SELECT ?1, ?2, c.id, 'inbound', ?3, 'received', NULL, ?6, ?5, ?8, ?7, ?4, ?4
         FROM conversations c WHERE c.tenant_id = ?2 AND c.channel = ?9 AND c.candidate_id = (${CANDIDATE_BY_PHONE})
       ON CONFLICT DO NOTHING`,
    )
    .bind(m.id, m.tenantId, m.body, m.now, m.from, m.integrationId, m.providerMessageId, m.to, m.channel);
}

/** Inserted only with the message or unknown-sender row of the same id, so a replay adds none. */
function attachmentInserts(db: D1Database, m: InboundRow): D1PreparedStatement[] {
  return m.attachments.map((a) =>
    db
      .prepare(
        `INSERT INTO attachments (id, tenant_id, message_id, content_type, size_bytes, provider_url, provider_media_id, refused_reason, created_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9
          WHERE EXISTS (SELECT 1 FROM messages WHERE id = ?3) OR EXISTS (SELECT 1 FROM unknown_inbound WHERE id = ?3)`,
      )
      .bind(a.id, m.tenantId, m.id, a.contentType, a.sizeBytes, a.url, a.providerMediaId, a.refusedReason, m.now),
  );
}

/** When the candidate last wrote on the channel (ISO), or null: the WhatsApp window and quiet hours ask. */
export function lastInboundQuery(db: D1Database, tenantId: string, candidateId: string, channel: Channel): Query<string | null> {
  return query(
    db
      .prepare(
        `SELECT MAX(m.created_at) AS at FROM conversations c JOIN messages m ON m.conversation_id = c.id
          WHERE c.tenant_id = ? AND c.candidate_id = ? AND c.channel = ? AND m.direction = 'inbound'`,
      )
      .bind(tenantId, candidateId, channel),
    (rows) => (rows[0] as { at: string | null } | undefined)?.at ?? null,
  );
}
