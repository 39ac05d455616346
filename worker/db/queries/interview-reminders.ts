/**
 * Interview reminders and the scheduler's claim on them. A reminder is claimed by one conditional
 * UPDATE … RETURNING (`pending` → `sending`), so two overlapping cron runs, or a run and a queue
 * redelivery, never both send it; the message and `sent` are then written in one batch by the
 * outbound gate. A claim older than CLAIM_EXPIRY_MS belongs to a run that died before that batch
 * (no message exists), and is taken again.
 * @module
 */
import type { Channel } from '../../../shared/api/channels.ts';
import type { ReminderState } from '../../../shared/api/interviews.ts';

export type ReminderRow = {
  id: string;
  tenant_id: string;
  interview_id: string;
  offset_minutes: number;
  channel: Channel;
  template_id: string | null;
  body: string;
  state: ReminderState | 'sending';
  due_at: string | null;
  claimed_at: string | null;
  reason: string | null;
  message_id: string | null;
  created_at: string;
  updated_at: string;
};

/** Longer than any cron run: a claim this old was left by a run that died before sending. */
export const CLAIM_EXPIRY_MS = 10 * 60_000;

export async function remindersOf(db: D1Database, tenantId: string, interviewIds: readonly string[]): Promise<ReminderRow[]> {
  if (interviewIds.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT * FROM interview_reminders WHERE tenant_id = ? AND interview_id IN (SELECT value FROM json_each(?))
        ORDER BY interview_id, offset_minutes DESC, created_at`,
    )
    .bind(tenantId, JSON.stringify(interviewIds))
    .all<ReminderRow>();
  return results;
}

export type NewReminder = {
  id: string;
  tenantId: string;
  interviewId: string;
  offsetMinutes: number;
  channel: Channel;
  templateId: string | null;
  body: string;
  state: 'pending' | 'skipped';
  dueAt: string | null;
  reason: string | null;
  now: string;
};

export function insertReminderStatement(db: D1Database, r: NewReminder) {
  return db
    .prepare(
      `INSERT INTO interview_reminders (id, tenant_id, interview_id, offset_minutes, channel, template_id, body, state, due_at, reason, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)`,
    )
    .bind(r.id, r.tenantId, r.interviewId, r.offsetMinutes, r.channel, r.templateId, r.body, r.state, r.dueAt, r.reason, r.now);
}

/** A pending reminder's new timing or wording; a reminder already sent or skipped stays as it went. */
export function updatePendingReminderStatement(
  db: D1Database,
  r: {
    tenantId: string;
    interviewId: string;
    id: string;
    offsetMinutes: number;
    channel: Channel;
    templateId: string | null;
    body: string;
    dueAt: string | null;
    now: string;
  },
) {
  return db
    .prepare(
      `UPDATE interview_reminders SET offset_minutes = ?, channel = ?, template_id = ?, body = ?, due_at = ?, updated_at = ?
        WHERE id = ? AND interview_id = ? AND tenant_id = ? AND state = 'pending'`,
    )
    .bind(r.offsetMinutes, r.channel, r.templateId, r.body, r.dueAt, r.now, r.id, r.interviewId, r.tenantId);
}

export function deleteReminderStatement(db: D1Database, tenantId: string, interviewId: string, reminderId: string) {
  return db
    .prepare(`DELETE FROM interview_reminders WHERE id = ? AND interview_id = ? AND tenant_id = ? AND state <> 'sending'`)
    .bind(reminderId, interviewId, tenantId);
}

/** Re-times (or skips, with the reason) one pending reminder after the interview's time changed. */
export function retimeReminderStatement(db: D1Database, r: { tenantId: string; id: string; dueAt: string | null; skipReason: string | null; now: string }) {
  return db
    .prepare(
      `UPDATE interview_reminders SET due_at = ?, state = CASE WHEN ? IS NULL THEN 'pending' ELSE 'skipped' END, reason = ?, updated_at = ?
        WHERE id = ? AND tenant_id = ? AND state = 'pending'`,
    )
    .bind(r.dueAt, r.skipReason, r.skipReason, r.now, r.id, r.tenantId);
}

/**
 * After a reschedule: a reminder (sent, skipped or cancelled for the old time included) is about
 * the new time — pending at its new instant, or skipped with the reason. Not one being sent now.
 */
export function resetReminderStatement(db: D1Database, r: { tenantId: string; id: string; dueAt: string | null; skipReason: string | null; now: string }) {
  return db
    .prepare(
      `UPDATE interview_reminders SET due_at = ?, state = CASE WHEN ? IS NULL THEN 'pending' ELSE 'skipped' END, reason = ?,
              message_id = NULL, claimed_at = NULL, updated_at = ?
        WHERE id = ? AND tenant_id = ? AND state <> 'sending'`,
    )
    .bind(r.dueAt, r.skipReason, r.skipReason, r.now, r.id, r.tenantId);
}

/** Declined or cancelled: every reminder not yet sent is cancelled, with the reason. */
export function cancelPendingRemindersStatement(db: D1Database, tenantId: string, interviewId: string, reason: string, now: string) {
  return db
    .prepare(
      `UPDATE interview_reminders SET state = 'cancelled', reason = ?, updated_at = ?
        WHERE interview_id = ? AND tenant_id = ? AND state = 'pending'`,
    )
    .bind(reason, now, interviewId, tenantId);
}

/**
 * Claims up to `limit` reminders due by `now` (or whose claim expired) in one statement: the
 * subquery reads the due index, the outer `state` condition keeps a row another run claimed in
 * between from being claimed twice. @returns the claimed reminders.
 */
export async function claimDueReminders(db: D1Database, now: string, expiredBefore: string, limit: number): Promise<ReminderRow[]> {
  const { results } = await db
    .prepare(
      `UPDATE interview_reminders SET state = 'sending', claimed_at = ?1, updated_at = ?1
        WHERE id IN (SELECT id FROM interview_reminders WHERE state = 'pending' AND due_at <= ?1
                     UNION ALL
                     SELECT id FROM interview_reminders WHERE state = 'sending' AND due_at <= ?1 AND claimed_at < ?2
                     LIMIT ?3)
          AND (state = 'pending' OR (state = 'sending' AND claimed_at < ?2))
        RETURNING *`,
    )
    .bind(now, expiredBefore, limit)
    .all<ReminderRow>();
  return results;
}

/** The due scan alone, for the bench and the query-plan test: what the claim's subquery reads. */
export const DUE_SCAN_SQL = `SELECT id FROM interview_reminders WHERE state = 'pending' AND due_at <= ? LIMIT ?`;

/** `sent`, in the gate's batch with the message it became; only while this run's claim holds. */
export function markReminderSentStatement(db: D1Database, tenantId: string, reminderId: string, claimedAt: string, messageId: string, now: string) {
  return db
    .prepare(
      `UPDATE interview_reminders SET state = 'sent', message_id = ?, reason = NULL, updated_at = ?
        WHERE id = ? AND tenant_id = ? AND state = 'sending' AND claimed_at = ?`,
    )
    .bind(messageId, now, reminderId, tenantId, claimedAt);
}

/** Skipped with the reason the recruiter reads (consent gone, quiet hours past the start, …). */
export function markReminderSkippedStatement(db: D1Database, tenantId: string, reminderId: string, claimedAt: string, reason: string, now: string) {
  return db
    .prepare(
      `UPDATE interview_reminders SET state = 'skipped', reason = ?, updated_at = ?
        WHERE id = ? AND tenant_id = ? AND state = 'sending' AND claimed_at = ?`,
    )
    .bind(reason, now, reminderId, tenantId, claimedAt);
}

/** The due scan alone (the bench times it; a test reads its query plan). */
export async function dueReminderCount(db: D1Database, now: string, limit: number): Promise<number> {
  const { results } = await db.prepare(DUE_SCAN_SQL).bind(now, limit).all<{ id: string }>();
  return results.length;
}
