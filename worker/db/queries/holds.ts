/**
 * Messages held for the candidate's quiet hours (status `scheduled`, `send_at`): the cron's scan,
 * and the guarded moves out of `scheduled` — each applies only while the message is still held,
 * so overlapping cron runs and a recruiter's cancel cannot both win.
 * @module
 */
import type { Channel } from '../../../shared/api/channels.ts';
import type { ConsentState } from '../../../shared/domain/consent.ts';

export type DueHold = { id: string; tenant_id: string; candidate_id: string; channel: Channel; template: string | null };

/**
 * Holds whose time has come, oldest first, across tenants: the cron works for all of them (each
 * later statement is tenant-scoped). Served by the partial index messages_due.
 */
export async function dueHolds(db: D1Database, now: string, limit = 100): Promise<DueHold[]> {
  const { results } = await db
    .prepare(
      `SELECT m.id, m.tenant_id, c.candidate_id, c.channel, m.template
         FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.status = 'scheduled' AND m.send_at <= ? ORDER BY m.send_at LIMIT ?`,
    )
    .bind(now, limit)
    .all<DueHold>();
  return results;
}

/**
 * Releases a hold into the outbox in one batch. The update also requires the consent state the
 * caller checked to be unchanged, so a STOP that lands between the check and the batch keeps the
 * message held (the next run fails it). `[0].meta.changes` says whether this call released it;
 * the outbox insert is a no-op for a run that lost the race.
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
        `UPDATE messages SET status = 'queued', updated_at = ?3
          WHERE id = ?1 AND tenant_id = ?2 AND status = 'scheduled'
            AND COALESCE((SELECT state FROM consents WHERE tenant_id = ?2 AND candidate_id = ?4 AND channel = ?5), 'none') = ?6`,
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
