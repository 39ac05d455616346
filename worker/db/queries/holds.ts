/**
 * Messages held for the candidate's quiet hours (status `scheduled`, `send_at`): the cron's scan,
 * and the guarded moves out of `scheduled` — each applies only while the message is still held,
 * so overlapping cron runs and a recruiter's cancel cannot both win.
 * @module
 */
import type { Channel } from '../../../shared/api/channels.ts';
import type { ConsentState } from '../../../shared/domain/consent.ts';

export type DueHold = {
  id: string;
  tenant_id: string;
  candidate_id: string;
  channel: Channel;
  template: string | null;
  /** The number it goes to. */
  to_number: string;
  /** The recruiter it goes out under (null for Parley's own messages), and whether they still hold a seat. */
  sender_user_id: string | null;
  sender_name: string | null;
  sender_has_seat: number;
};

// A seat counts only on an active user (deactivation also frees it).
const SENDER_SEATED = `EXISTS (SELECT 1 FROM users u WHERE u.id = m.sender_user_id AND u.tenant_id = m.tenant_id AND u.has_seat = 1 AND u.deactivated_at IS NULL)`;

/**
 * Holds whose time has come, oldest first, across tenants: the cron works for all of them (each
 * later statement is tenant-scoped). Served by the partial index messages_due.
 */
export async function dueHolds(db: D1Database, now: string, limit = 100): Promise<DueHold[]> {
  const { results } = await db
    .prepare(
      `SELECT m.id, m.tenant_id, c.candidate_id, c.channel, m.template, m.to_number, m.sender_user_id,
              (SELECT u.name FROM users u WHERE u.id = m.sender_user_id AND u.tenant_id = m.tenant_id) AS sender_name,
              ${SENDER_SEATED} AS sender_has_seat
         FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.status = 'scheduled' AND m.send_at <= ? ORDER BY m.send_at LIMIT ?`,
    )
    .bind(now, limit)
    .all<DueHold>();
  return results;
}

/**
 * Releases a hold into the outbox in one batch. The update also requires the consent state the
 * caller checked to be unchanged and the sender to hold a seat still, so a STOP or a seat revoked
 * between the check and the batch keeps the message held (the next run fails it).
 * `[0].meta.changes` says whether this call released it; the outbox insert is a no-op for a run
 * that lost the race.
 */
export function releaseHoldStatements(
  db: D1Database,
  hold: Pick<DueHold, 'id' | 'tenant_id' | 'candidate_id' | 'channel'>,
  checkedConsent: ConsentState,
  now: string,
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE messages AS m SET status = 'queued', updated_at = ?3
          WHERE id = ?1 AND tenant_id = ?2 AND status = 'scheduled'
            AND COALESCE((SELECT state FROM consents WHERE tenant_id = ?2 AND candidate_id = ?4 AND channel = ?5), 'none') = ?6
            AND (m.sender_user_id IS NULL OR ${SENDER_SEATED})`,
      )
      .bind(hold.id, hold.tenant_id, now, hold.candidate_id, hold.channel, checkedConsent),
    db
      .prepare(
        `INSERT INTO outbox (message_id, tenant_id, state, attempts, created_at, updated_at)
         SELECT ?1, ?2, 'pending', 0, ?3, ?3 WHERE EXISTS (SELECT 1 FROM messages WHERE id = ?1 AND tenant_id = ?2 AND status = 'queued')
         ON CONFLICT (message_id) DO NOTHING`,
      )
      .bind(hold.id, hold.tenant_id, now),
  ];
}

/**
 * A hold that may no longer go out: `failed` with the reason, and a settled outbox row so that
 * Retry (which re-checks every rule) works on it like on any failed message.
 */
export function failHoldStatements(db: D1Database, tenantId: string, messageId: string, reason: string, now: string): D1PreparedStatement[] {
  return [
    db
      .prepare(`UPDATE messages SET status = 'failed', failure_reason = ?3, updated_at = ?4 WHERE id = ?1 AND tenant_id = ?2 AND status = 'scheduled'`)
      .bind(messageId, tenantId, reason, now),
    db
      .prepare(
        `INSERT INTO outbox (message_id, tenant_id, state, attempts, last_error, created_at, updated_at)
         SELECT ?1, ?2, 'failed', 0, ?3, ?4, ?4 WHERE EXISTS (SELECT 1 FROM messages WHERE id = ?1 AND tenant_id = ?2 AND status = 'failed')
         ON CONFLICT (message_id) DO NOTHING`,
      )
      .bind(messageId, tenantId, reason, now),
  ];
}

/** The recruiter's cancel: only while the message is still held. */
export function cancelHoldStatement(db: D1Database, tenantId: string, messageId: string, now: string) {
  return db
    .prepare(`UPDATE messages SET status = 'cancelled', updated_at = ?3 WHERE id = ?1 AND tenant_id = ?2 AND status = 'scheduled' AND direction = 'outbound'`)
    .bind(messageId, tenantId, now);
}

/**
 * "Retry" on a failed message during the candidate's quiet hours: back to `scheduled` until
 * `sendAt`, under the retrying recruiter's name. Its settled outbox row goes, as a held message
 * has none (migration 0010): the release inserts a fresh one, which a leftover `done` or `failed`
 * row would block. Guarded like requeueFailedStatements, so of two clicks one wins; `[0].meta.changes`
 * says whether this call did.
 */
export function holdRetryStatements(
  db: D1Database,
  retry: { tenantId: string; messageId: string; senderUserId: string; sendAt: string; sendAtZone: string; now: string },
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE messages SET status = 'scheduled', send_at = ?4, send_at_zone = ?5, sender_user_id = ?6,
                             failure_reason = NULL, provider_message_id = NULL, updated_at = ?3
          WHERE id = ?1 AND tenant_id = ?2 AND direction = 'outbound' AND status = 'failed'
            AND EXISTS (SELECT 1 FROM outbox WHERE message_id = ?1 AND state IN ('done', 'failed'))`,
      )
      .bind(retry.messageId, retry.tenantId, retry.now, retry.sendAt, retry.sendAtZone, retry.senderUserId),
    db
      .prepare(
        `DELETE FROM outbox WHERE message_id = ?1 AND tenant_id = ?2 AND state IN ('done', 'failed')
            AND EXISTS (SELECT 1 FROM messages WHERE id = ?1 AND status = 'scheduled')`,
      )
      .bind(retry.messageId, retry.tenantId),
  ];
}

/** A held message of the tenant, with what its time depends on: the number it goes to and the candidate's last message on the channel. */
export type ScheduledHold = { id: string; to_number: string; send_at: string; send_at_zone: string | null; last_inbound_at: string | null };

export async function scheduledHoldsOf(db: D1Database, tenantId: string): Promise<ScheduledHold[]> {
  const { results } = await db
    .prepare(
      `SELECT m.id, m.to_number, m.send_at, m.send_at_zone,
              (SELECT MAX(i.created_at) FROM messages i WHERE i.conversation_id = m.conversation_id AND i.direction = 'inbound') AS last_inbound_at
         FROM messages m WHERE m.tenant_id = ? AND m.status = 'scheduled'`,
    )
    .bind(tenantId)
    .all<ScheduledHold>();
  return results;
}

/** Holds per statement of a re-timing: keeps each bound JSON well under D1's statement limits. */
const RETIME_CHUNK = 200;

/**
 * New times for held messages, as one batch of a bounded number of updates. Each applies only
 * while the message is still held, so one the cron released or the recruiter cancelled meanwhile
 * keeps its state.
 */
export function retimeHoldStatements(
  db: D1Database,
  tenantId: string,
  retimed: readonly { id: string; sendAt: string; sendAtZone: string | null }[],
  now: string,
): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (let start = 0; start < retimed.length; start += RETIME_CHUNK) {
    statements.push(
      db
        .prepare(
          `UPDATE messages SET send_at = json_extract(r.value, '$.sendAt'), send_at_zone = json_extract(r.value, '$.sendAtZone'), updated_at = ?2
             FROM json_each(?3) AS r
            WHERE messages.id = json_extract(r.value, '$.id') AND messages.tenant_id = ?1 AND messages.status = 'scheduled'`,
        )
        .bind(tenantId, now, JSON.stringify(retimed.slice(start, start + RETIME_CHUNK))),
    );
  }
  return statements;
}
