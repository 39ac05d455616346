/**
 * Interviews, their offered slots and the tenant's interview settings. Every query is scoped by
 * tenant. The candidate's answers are conditional writes (`WHERE state = <the state judged>`), so
 * two answers racing change an interview once; a confirmation also checks, in the same statement,
 * that the interviewer has no confirmed interview overlapping it (SQLite runs one write statement
 * at a time, so two overlapping confirmations cannot both pass the check).
 * @module
 */
import type { Channel } from '../../../shared/api/channels.ts';
import type { InterviewKind, InterviewState } from '../../../shared/api/interviews.ts';
import type { SqlStatement } from './sql.ts';

export type InterviewRow = {
  id: string;
  tenant_id: string;
  candidate_id: string;
  title: string;
  kind: InterviewKind;
  state: InterviewState;
  starts_at: string | null;
  ends_at: string | null;
  duration_minutes: number;
  location: string | null;
  video_link: string | null;
  interviewer_user_id: string;
  channel: Channel;
  candidate_time_zone: string;
  language: string;
  sequence: number;
  last_message_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** An interview with the names the API and the messages show. */
export type InterviewView = InterviewRow & { interviewer_name: string; interviewer_email: string };

export type SlotRow = { id: string; interview_id: string; starts_at: string; ends_at: string };

const VIEW = `SELECT i.*, u.name AS interviewer_name, u.email AS interviewer_email FROM interviews i JOIN users u ON u.id = i.interviewer_user_id`;

export function findInterview(db: D1Database, tenantId: string, interviewId: string) {
  return db.prepare(`${VIEW} WHERE i.id = ? AND i.tenant_id = ?`).bind(interviewId, tenantId).first<InterviewView>();
}

/** By id alone: the candidate's page, whose signed token names the interview (and so its tenant). */
export function findInterviewById(db: D1Database, interviewId: string) {
  return db.prepare(`${VIEW} WHERE i.id = ?`).bind(interviewId).first<InterviewView>();
}

/**
 * A candidate's interviews: open ones before declined or cancelled ones; within each, upcoming
 * first (soonest first), then those without a time, then past ones (latest first).
 */
export async function listInterviews(db: D1Database, tenantId: string, candidateId: string, now: string): Promise<InterviewView[]> {
  const { results } = await db
    .prepare(
      `${VIEW} WHERE i.tenant_id = ?1 AND i.candidate_id = ?2
        ORDER BY i.state IN ('declined', 'cancelled'),
                 CASE WHEN i.starts_at >= ?3 THEN 0 WHEN i.starts_at IS NULL THEN 1 ELSE 2 END,
                 CASE WHEN i.starts_at >= ?3 THEN i.starts_at END ASC, i.starts_at DESC, i.created_at DESC
        LIMIT 100`,
    )
    .bind(tenantId, candidateId, now)
    .all<InterviewView>();
  return results;
}

/** The interview waiting for an answer on this channel for the candidate, latest first. */
export function awaitingAnswer(db: D1Database, tenantId: string, candidateId: string, channel: Channel) {
  return db
    .prepare(
      `${VIEW} WHERE i.tenant_id = ? AND i.candidate_id = ? AND i.channel = ? AND i.state IN ('invited', 'awaiting_pick')
        ORDER BY i.updated_at DESC LIMIT 1`,
    )
    .bind(tenantId, candidateId, channel)
    .first<InterviewView>();
}

export type NewInterview = Omit<InterviewRow, 'sequence' | 'last_message_id' | 'updated_at'>;

export function insertInterviewStatement(db: D1Database, i: NewInterview) {
  return db
    .prepare(
      `INSERT INTO interviews (id, tenant_id, candidate_id, title, kind, state, starts_at, ends_at, duration_minutes, location, video_link,
                               interviewer_user_id, channel, candidate_time_zone, language, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      i.id,
      i.tenant_id,
      i.candidate_id,
      i.title,
      i.kind,
      i.state,
      i.starts_at,
      i.ends_at,
      i.duration_minutes,
      i.location,
      i.video_link,
      i.interviewer_user_id,
      i.channel,
      i.candidate_time_zone,
      i.language,
      i.created_by,
      i.created_at,
      i.created_at,
    );
}

export function insertSlotStatements(db: D1Database, tenantId: string, interviewId: string, slots: readonly { id: string; start: string; end: string }[]) {
  return slots.map((slot) =>
    db
      .prepare(`INSERT INTO interview_slots (id, tenant_id, interview_id, starts_at, ends_at) VALUES (?, ?, ?, ?, ?)`)
      .bind(slot.id, tenantId, interviewId, slot.start, slot.end),
  );
}

export function deleteSlotsStatement(db: D1Database, tenantId: string, interviewId: string) {
  return db.prepare(`DELETE FROM interview_slots WHERE interview_id = ? AND tenant_id = ?`).bind(interviewId, tenantId);
}

/**
 * The offered slots with whether each is still free: no other confirmed interview of the same
 * interviewer overlaps it.
 */
export async function slotsOf(db: D1Database, tenantId: string, interviewId: string): Promise<(SlotRow & { available: 0 | 1 })[]> {
  const { results } = await db
    .prepare(
      `SELECT s.id, s.interview_id, s.starts_at, s.ends_at,
              NOT EXISTS (SELECT 1 FROM interviews o
                           WHERE o.tenant_id = i.tenant_id AND o.interviewer_user_id = i.interviewer_user_id AND o.state = 'confirmed'
                             AND o.id <> i.id AND o.starts_at < s.ends_at AND o.ends_at > s.starts_at) AS available
         FROM interview_slots s JOIN interviews i ON i.id = s.interview_id
        WHERE s.interview_id = ? AND s.tenant_id = ?
        ORDER BY s.starts_at`,
    )
    .bind(interviewId, tenantId)
    .all<SlotRow & { available: 0 | 1 }>();
  return results;
}

export function findSlot(db: D1Database, tenantId: string, interviewId: string, slotId: string) {
  return db
    .prepare(`SELECT id, interview_id, starts_at, ends_at FROM interview_slots WHERE id = ? AND interview_id = ? AND tenant_id = ?`)
    .bind(slotId, interviewId, tenantId)
    .first<SlotRow>();
}

// The overlap guard, evaluated inside the UPDATE that confirms: ?starts/?ends are the new time.
const INTERVIEWER_FREE = `NOT EXISTS (SELECT 1 FROM interviews o
   WHERE o.tenant_id = interviews.tenant_id AND o.interviewer_user_id = interviews.interviewer_user_id
     AND o.state = 'confirmed' AND o.id <> interviews.id AND o.starts_at < ?6 AND o.ends_at > ?5)`;

/**
 * The candidate's answer, applied only from the state it was judged in (the sequence stays: the
 * organiser's calendar entry changes only when the recruiter changes it). A confirmation (of the
 * invited time, or of a picked slot: `time`) also requires the interviewer to be free then.
 * @returns the interview as changed, or null when another answer or a confirmed overlap won.
 */
export function answerStatement(
  db: D1Database,
  change: { tenantId: string; interviewId: string; from: InterviewState; to: InterviewState; time: { start: string; end: string } | null; now: string },
) {
  const confirming = change.to === 'confirmed';
  return db
    .prepare(
      `UPDATE interviews SET state = ?3, updated_at = ?4, starts_at = COALESCE(?5, starts_at), ends_at = COALESCE(?6, ends_at)
        WHERE id = ?1 AND tenant_id = ?2 AND state = ?7 ${confirming ? `AND ${INTERVIEWER_FREE}` : ''}
        RETURNING id`,
    )
    .bind(change.interviewId, change.tenantId, change.to, change.now, change.time?.start ?? null, change.time?.end ?? null, change.from);
}

/** The recruiter's new time (or new slots: `time` null), applied only from the state judged; the candidate is told, so the sequence rises. */
export function rescheduleStatement(
  db: D1Database,
  change: {
    tenantId: string;
    interviewId: string;
    from: InterviewState;
    to: InterviewState;
    kind: InterviewKind;
    time: { start: string; end: string } | null;
    durationMinutes: number;
    location: string | null;
    videoLink: string | null;
    now: string;
  },
) {
  return db
    .prepare(
      `UPDATE interviews SET state = ?3, kind = ?4, starts_at = ?5, ends_at = ?6, duration_minutes = ?7, location = ?8, video_link = ?9,
              sequence = sequence + 1, updated_at = ?10
        WHERE id = ?1 AND tenant_id = ?2 AND state = ?11`,
    )
    .bind(
      change.interviewId,
      change.tenantId,
      change.to,
      change.kind,
      change.time?.start ?? null,
      change.time?.end ?? null,
      change.durationMinutes,
      change.location,
      change.videoLink,
      change.now,
      change.from,
    );
}

export function cancelStatement(db: D1Database, tenantId: string, interviewId: string, from: InterviewState, now: string) {
  return db
    .prepare(`UPDATE interviews SET state = 'cancelled', sequence = sequence + 1, updated_at = ? WHERE id = ? AND tenant_id = ? AND state = ?`)
    .bind(now, interviewId, tenantId, from);
}

/** The message the last invitation or update became (the gate's batch runs it with the message). */
export function setLastMessageStatement(db: D1Database, tenantId: string, interviewId: string, messageId: string) {
  return db.prepare(`UPDATE interviews SET last_message_id = ? WHERE id = ? AND tenant_id = ?`).bind(messageId, interviewId, tenantId);
}

// ---- settings -------------------------------------------------------------------------------------

export function interviewSettingsOf(db: D1Database, tenantId: string) {
  return db.prepare(`SELECT default_reminders FROM interview_settings WHERE tenant_id = ?`).bind(tenantId).first<{ default_reminders: string }>();
}

/** The settings as a plain statement, for the demo seed. */
export function interviewSettingsSql(tenantId: string, defaultReminders: string, now: string): SqlStatement {
  return { sql: `INSERT INTO interview_settings (tenant_id, default_reminders, updated_at) VALUES (?, ?, ?)`, params: [tenantId, defaultReminders, now] };
}

export function saveInterviewSettingsStatement(db: D1Database, tenantId: string, defaultReminders: string, now: string) {
  return db
    .prepare(
      `INSERT INTO interview_settings (tenant_id, default_reminders, updated_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (tenant_id) DO UPDATE SET default_reminders = ?2, updated_at = ?3`,
    )
    .bind(tenantId, defaultReminders, now);
}

/**
 * The interview waiting for an answer from the sender of a stored inbound message, on the channel
 * it came by: the candidate's latest invitation still open there, if any.
 */
export function awaitingAnswerFromInbound(db: D1Database, tenantId: string, integrationId: string, providerMessageId: string) {
  return db
    .prepare(
      `${VIEW}
         JOIN conversations c ON c.candidate_id = i.candidate_id AND c.channel = i.channel
         JOIN messages m ON m.conversation_id = c.id
        WHERE m.tenant_id = ?1 AND m.integration_id = ?2 AND m.provider_message_id = ?3 AND m.direction = 'inbound'
          AND i.tenant_id = ?1 AND i.state IN ('invited', 'awaiting_pick')
        ORDER BY i.updated_at DESC LIMIT 1`,
    )
    .bind(tenantId, integrationId, providerMessageId)
    .first<InterviewView>();
}
