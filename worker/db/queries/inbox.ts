import type { Channel } from '../../../shared/api/channels.ts';
import type { MessageStatus } from '../../../shared/api/messages.ts';

export type InboxRow = {
  conversation_id: string;
  channel: Channel;
  candidate_id: string;
  name: string;
  phone: string | null;
  profile_url: string | null;
  job_title: string | null;
  last_body: string;
  last_direction: 'outbound' | 'inbound';
  last_status: MessageStatus;
  /** Who wrote the last message: null for the candidate's and Parley's automatic ones. */
  last_sender_user_id: string | null;
  last_sender_name: string | null;
  last_at: string;
  unread: number;
  mine: number;
};

export type InboxFilter = { scope: 'mine' | 'team'; channel?: Channel; unreadOnly: boolean; search?: string };

/** Where a page of the inbox starts: just after this row in the inbox's order. */
export type InboxPosition = { unread: boolean; lastAt: string; conversationId: string };

const UNKNOWN_SENDERS_PAGE = 100;

/**
 * The user's view of the tenant's conversations: unread first, then the most recent, one page of
 * `limit` after `after` (keyset paging: the page does not shift when new conversations arrive).
 */
export async function listInbox(
  db: D1Database,
  tenantId: string,
  userId: string,
  filter: InboxFilter,
  page: { limit: number; after: InboxPosition | null },
): Promise<InboxRow[]> {
  const where: string[] = [];
  const params: (string | number)[] = [userId, userId, tenantId];
  if (filter.channel) {
    where.push('c.channel = ?');
    params.push(filter.channel);
  }
  if (filter.search) {
    const like = `%${filter.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    where.push(
      `(cand.name LIKE ? ESCAPE '\\' OR cand.phone LIKE ? ESCAPE '\\'
        OR EXISTS (SELECT 1 FROM messages s WHERE s.conversation_id = c.id AND s.body LIKE ? ESCAPE '\\'))`,
    );
    params.push(like, like, like);
  }
  const { results } = await db
    .prepare(
      `SELECT * FROM (
         SELECT c.id AS conversation_id, c.channel, cand.id AS candidate_id, cand.name, cand.phone, cand.profile_url, cand.job_title,
                lm.body AS last_body, lm.direction AS last_direction, lm.status AS last_status, lm.created_at AS last_at,
                lm.sender_user_id AS last_sender_user_id,
                (SELECT s.name FROM users s WHERE s.id = lm.sender_user_id AND s.tenant_id = c.tenant_id) AS last_sender_name,
                (SELECT COUNT(*) FROM messages u WHERE u.conversation_id = c.id AND u.direction = 'inbound'
                    AND u.seq > COALESCE(r.read_seq, 0)) AS unread,
                -- Mine: the user wrote in it, or started it by asking the candidate's consent on its channel.
                (EXISTS (SELECT 1 FROM messages w WHERE w.conversation_id = c.id AND w.sender_user_id = ?1)
                 OR EXISTS (SELECT 1 FROM consent_links l, json_each(l.channels) ch
                             WHERE l.tenant_id = c.tenant_id AND l.candidate_id = c.candidate_id AND l.requested_by = ?1
                               AND ch.value = c.channel)) AS mine
           FROM conversations c
           JOIN candidates cand ON cand.id = c.candidate_id AND cand.tenant_id = c.tenant_id
           JOIN messages lm ON lm.seq = (SELECT MAX(seq) FROM messages x WHERE x.conversation_id = c.id)
           LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = ?2
          WHERE c.tenant_id = ?3 ${where.map((w) => `AND ${w}`).join(' ')}
       )
       WHERE (${filter.scope === 'mine' ? 'mine = 1' : '1 = 1'}) AND (${filter.unreadOnly ? 'unread > 0' : '1 = 1'})
         AND (${page.after ? '(unread > 0, last_at, conversation_id) < (?, ?, ?)' : '1 = 1'})
       ORDER BY unread > 0 DESC, last_at DESC, conversation_id DESC
       LIMIT ${page.limit}`,
    )
    .bind(...params, ...(page.after ? [page.after.unread ? 1 : 0, page.after.lastAt, page.after.conversationId] : []))
    .all<InboxRow>();
  return results;
}

/**
 * Inbound messages the user has not read, across the tenant: the toolbar badge. Counted per
 * conversation over the thread index (conversation_id, seq), so the cost follows the number of
 * conversations and unread messages, not the tenant's whole history.
 */
export async function unreadTotal(db: D1Database, tenantId: string, userId: string): Promise<number> {
  const row = await db
    .prepare(
      `SELECT COALESCE(SUM((SELECT COUNT(*) FROM messages m
                             WHERE m.conversation_id = c.id AND m.seq > COALESCE(r.read_seq, 0) AND m.direction = 'inbound')), 0) AS n
         FROM conversations c
         LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = ?
        WHERE c.tenant_id = ?`,
    )
    .bind(userId, tenantId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Marks the candidate's conversation on a channel read up to its newest message; null if there is none in the tenant. */
export async function markConversationRead(db: D1Database, tenantId: string, userId: string, candidateId: string, channel: Channel, now: string) {
  const conversation = await db
    .prepare(`SELECT id FROM conversations WHERE tenant_id = ? AND candidate_id = ? AND channel = ?`)
    .bind(tenantId, candidateId, channel)
    .first<{ id: string }>();
  if (!conversation) return null;
  await db
    .prepare(
      `INSERT INTO conversation_reads (tenant_id, user_id, conversation_id, read_seq, updated_at)
       SELECT ?1, ?2, ?3, COALESCE(MAX(seq), 0), ?4 FROM messages WHERE conversation_id = ?3
       ON CONFLICT (user_id, conversation_id) DO UPDATE SET read_seq = MAX(read_seq, excluded.read_seq), updated_at = excluded.updated_at`,
    )
    .bind(tenantId, userId, conversation.id, now)
    .run();
  return conversation.id;
}

export type UnknownSenderRow = { from_number: string; channel: Channel; last_body: string; last_at: string; messages: number };

/** Messages from numbers matching no candidate, one row per number and channel, newest first. */
export async function listUnknownSenders(db: D1Database, tenantId: string): Promise<UnknownSenderRow[]> {
  const { results } = await db
    .prepare(
      `SELECT u.from_number, u.channel, u.body AS last_body, u.received_at AS last_at, g.messages
         FROM (SELECT from_number, channel, MAX(received_at) AS last_at, COUNT(*) AS messages
                 FROM unknown_inbound WHERE tenant_id = ?1 GROUP BY from_number, channel) g
         JOIN unknown_inbound u ON u.tenant_id = ?1 AND u.from_number = g.from_number AND u.channel = g.channel AND u.received_at = g.last_at
        ORDER BY g.last_at DESC
        LIMIT ${UNKNOWN_SENDERS_PAGE}`,
    )
    .bind(tenantId)
    .all<UnknownSenderRow>();
  return results;
}
