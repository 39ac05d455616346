import type { Channel } from '../../../shared/api/channels.ts';

export type DigestSubscriber = { user_id: string; tenant_id: string; email: string; name: string; last_seq: number; last_sent_at: string | null };

export type ConversationTailRow = {
  candidate_name: string;
  profile_url: string | null;
  channel: Channel;
  last_direction: 'inbound' | 'outbound';
  last_seq: number;
  last_at: string;
  last_body: string;
};

export function readDigestPreference(db: D1Database, tenantId: string, userId: string) {
  return db.prepare(`SELECT enabled FROM digest_preferences WHERE user_id = ? AND tenant_id = ?`).bind(userId, tenantId).first<{ enabled: number }>();
}

/** Turning the digest on starts it from now: replies from before the opt-in are not news. */
export function writeDigestPreference(db: D1Database, tenantId: string, userId: string, enabled: boolean, now: string) {
  return db
    .prepare(
      `INSERT INTO digest_preferences (user_id, tenant_id, enabled, last_seq, updated_at)
       VALUES (?1, ?2, ?3, (SELECT COALESCE(MAX(seq), 0) FROM messages WHERE tenant_id = ?2), ?4)
       ON CONFLICT (user_id) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at,
         last_seq = CASE WHEN digest_preferences.enabled = 0 AND excluded.enabled = 1 THEN excluded.last_seq ELSE digest_preferences.last_seq END`,
    )
    .bind(userId, tenantId, enabled ? 1 : 0, now)
    .run();
}

/** Active users who opted in. */
export async function digestSubscribers(db: D1Database): Promise<DigestSubscriber[]> {
  const { results } = await db
    .prepare(
      `SELECT d.user_id, d.tenant_id, u.email, u.name, d.last_seq, d.last_sent_at
         FROM digest_preferences d JOIN users u ON u.id = d.user_id AND u.tenant_id = d.tenant_id
        WHERE d.enabled = 1 AND u.deactivated_at IS NULL`,
    )
    .all<DigestSubscriber>();
  return results;
}

/** Each conversation of the tenant with a message after `afterSeq`, by its newest message. */
export async function conversationTails(db: D1Database, tenantId: string, afterSeq: number): Promise<ConversationTailRow[]> {
  const { results } = await db
    .prepare(
      `SELECT cand.name AS candidate_name, cand.profile_url, c.channel, m.direction AS last_direction, m.seq AS last_seq,
              m.created_at AS last_at, m.body AS last_body
         FROM conversations c
         JOIN candidates cand ON cand.id = c.candidate_id AND cand.tenant_id = c.tenant_id
         JOIN messages m ON m.seq = (SELECT MAX(seq) FROM messages x WHERE x.conversation_id = c.id)
        WHERE c.tenant_id = ? AND m.seq > ?
        ORDER BY m.seq`,
    )
    .bind(tenantId, afterSeq)
    .all<ConversationTailRow>();
  return results;
}

export function markDigestSent(db: D1Database, userId: string, lastSeq: number, now: string) {
  return db.prepare(`UPDATE digest_preferences SET last_seq = ?, last_sent_at = ? WHERE user_id = ?`).bind(lastSeq, now, userId).run();
}
