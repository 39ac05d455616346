/**
 * The outbound pipeline's and the webhooks' statements. Each function returns statements for one
 * `db.batch` where the caller must write things together, so a request costs one round trip.
 * @module
 */
import type { Channel } from '../../../shared/api/channels.ts';
import { OUTBOUND_STATUS_RANK, type OutboundStatus } from '../../../shared/domain/delivery.ts';
import { type Query, query, runQuery } from './together.ts';

// ---- outbox ---------------------------------------------------------------------------------

export function insertOutboxStatement(db: D1Database, tenantId: string, messageId: string, now: string) {
  return db
    .prepare(
      `INSERT INTO outbox (message_id, tenant_id, state, attempts, created_at, updated_at)
       SELECT ?1, ?2, 'pending', 0, ?3, ?3 WHERE EXISTS (SELECT 1 FROM messages WHERE id = ?1 AND tenant_id = ?2)`,
    )
    .bind(messageId, tenantId, now);
}

export type OutboundWork = {
  message_id: string;
  tenant_id: string;
  attempts: number;
  attempt_started_at: string | null;
  channel: Channel;
  body: string;
  template: string | null;
  from_number: string;
  to_number: string;
  integration_id: string;
  /** The integration's provider: its default sending rate is known before the integration is opened. */
  provider: string;
  candidate_id: string;
  /** Null for Parley's own messages (HELP answer, START invitation, identification). */
  sender_user_id: string | null;
  /** SMS segments (what a carrier's rate counts); null for WhatsApp. */
  segments: number | null;
  /** The pacing slot this message booked when it was put back to wait for it (ms since the epoch). */
  send_slot_ms: number | null;
};

const WORK_COLUMNS = `o.message_id, o.tenant_id, o.attempts, o.attempt_started_at, c.channel, m.body, m.template,
  m.from_number, m.to_number, m.integration_id, (SELECT provider FROM integrations WHERE id = m.integration_id) AS provider,
  c.candidate_id, m.sender_user_id, m.segments, o.send_slot_ms`;

/**
 * Whether an earlier message of Parley's own (the identification, the START invitation) is still
 * queued in the message's conversation: it must reach the candidate first (the partial index of
 * migration 0022 holds only such messages).
 */
const AFTER_QUEUED_PARLEY_MESSAGE = `EXISTS (SELECT 1 FROM messages m JOIN messages p INDEXED BY messages_queued_automatic
    ON p.conversation_id = m.conversation_id AND p.seq < m.seq AND p.direction = 'outbound' AND p.status = 'queued' AND p.sender_user_id IS NULL
  WHERE m.id = ?1)`;

/**
 * Takes a pending outbox row for one attempt, only while its message is still queued and no
 * earlier message of Parley's own in its conversation is. An expired lease is not taken here:
 * that attempt may have reached the provider (`claimUnconfirmed`). The claim and the work it
 * takes are one batch: one round trip per attempt, not two.
 * @returns whether it was claimed, and then its work; else whether it waits its turn.
 */
export async function claimOutbox(
  db: D1Database,
  tenantId: string,
  messageId: string,
  now: string,
  leaseUntil: string,
): Promise<{ claimed: false; waitsItsTurn: boolean; settled: boolean } | { claimed: true; work: OutboundWork | null }> {
  const [claim, work, turn] = await db.batch([
    db
      .prepare(
        `UPDATE outbox SET state = 'sending', attempts = attempts + 1, lease_until = ?4, attempt_started_at = ?3, updated_at = ?3
          WHERE message_id = ?1 AND tenant_id = ?2
            AND state = 'pending'
            AND EXISTS (SELECT 1 FROM messages WHERE id = ?1 AND status = 'queued')
            AND NOT ${AFTER_QUEUED_PARLEY_MESSAGE}
         RETURNING message_id`,
      )
      .bind(messageId, tenantId, now, leaseUntil),
    loadOutboundWork(db, tenantId, messageId),
    // Not claimed: whether it waits its turn, or was settled already (the usual duplicate — the first
    // attempt ran in the send request — answered without another round trip).
    db
      .prepare(
        `SELECT ${AFTER_QUEUED_PARLEY_MESSAGE} AS waits,
                (SELECT state IN ('done', 'failed') FROM outbox WHERE message_id = ?1 AND tenant_id = ?2) AS settled`,
      )
      .bind(messageId, tenantId),
  ]);
  if (!claim?.results.length) {
    const row = turn?.results[0] as { waits: number; settled: number | null } | undefined;
    return { claimed: false, waitsItsTurn: row?.waits === 1, settled: row?.settled === 1 };
  }
  return { claimed: true, work: (work?.results[0] as OutboundWork | undefined) ?? null };
}

/**
 * An unconfirmed attempt, taken for reconciliation (looked up at the provider, then maybe resent).
 * An attempt whose lease expired counts as one: its consumer died somewhere between sending and
 * recording the provider's answer, so the provider may hold the message already.
 */
export function claimUnconfirmed(db: D1Database, tenantId: string, messageId: string, now: string, leaseUntil: string) {
  return db
    .prepare(
      `UPDATE outbox SET state = 'sending', lease_until = ?4, updated_at = ?3
        WHERE message_id = ?1 AND tenant_id = ?2
          AND (state = 'unconfirmed' OR (state = 'sending' AND lease_until < ?3))
          AND EXISTS (SELECT 1 FROM messages WHERE id = ?1 AND status = 'queued')
       RETURNING attempt_started_at`,
    )
    .bind(messageId, tenantId, now, leaseUntil)
    .first<{ attempt_started_at: string }>();
}

function loadOutboundWork(db: D1Database, tenantId: string, messageId: string) {
  return db
    .prepare(
      `SELECT ${WORK_COLUMNS} FROM outbox o JOIN messages m ON m.id = o.message_id JOIN conversations c ON c.id = m.conversation_id
        WHERE o.message_id = ? AND o.tenant_id = ?`,
    )
    .bind(messageId, tenantId);
}

export const findOutboundWork = (db: D1Database, tenantId: string, messageId: string) => loadOutboundWork(db, tenantId, messageId).first<OutboundWork>();

export function outboxState(db: D1Database, tenantId: string, messageId: string) {
  return db
    .prepare(`SELECT state, attempts FROM outbox WHERE message_id = ? AND tenant_id = ?`)
    .bind(messageId, tenantId)
    .first<{ state: 'pending' | 'sending' | 'unconfirmed' | 'done' | 'failed'; attempts: number }>();
}

/** Accepted by the provider: the message is `sent` (unless a callback already moved it further). */
export function recordAcceptedStatements(db: D1Database, tenantId: string, messageId: string, providerMessageId: string, now: string) {
  return [
    db
      .prepare(
        `UPDATE messages SET status = 'sent', provider_message_id = ?1, updated_at = ?2
          WHERE id = ?3 AND tenant_id = ?4 AND status = 'queued'`,
      )
      .bind(providerMessageId, now, messageId, tenantId),
    // A status callback that raced ahead may already have set the provider id: keep it.
    db
      .prepare(`UPDATE messages SET provider_message_id = ?1 WHERE id = ?2 AND tenant_id = ?3 AND provider_message_id IS NULL`)
      .bind(providerMessageId, messageId, tenantId),
    db
      .prepare(
        `UPDATE outbox SET state = 'done', lease_until = NULL, last_error = NULL, send_slot_ms = NULL, updated_at = ?1 WHERE message_id = ?2 AND tenant_id = ?3`,
      )
      .bind(now, messageId, tenantId),
  ];
}

/** The final refusal: `failed` with the reason people read. */
export function recordFailedStatements(db: D1Database, tenantId: string, messageId: string, reason: string, now: string) {
  return [
    db
      .prepare(`UPDATE messages SET status = 'failed', failure_reason = ?1, updated_at = ?2 WHERE id = ?3 AND tenant_id = ?4 AND status = 'queued'`)
      .bind(reason, now, messageId, tenantId),
    db
      .prepare(
        `UPDATE outbox SET state = 'failed', lease_until = NULL, last_error = ?1, send_slot_ms = NULL, updated_at = ?2 WHERE message_id = ?3 AND tenant_id = ?4`,
      )
      .bind(reason, now, messageId, tenantId),
  ];
}

/** Back to the queue: `pending` after a safe failure, `unconfirmed` after no answer. */
export function releaseOutbox(db: D1Database, tenantId: string, messageId: string, state: 'pending' | 'unconfirmed', error: string, now: string) {
  return db
    .prepare(`UPDATE outbox SET state = ?1, lease_until = NULL, last_error = ?2, send_slot_ms = NULL, updated_at = ?3 WHERE message_id = ?4 AND tenant_id = ?5`)
    .bind(state, error, now, messageId, tenantId);
}

export type Sender = { tenantId: string; integrationId: string; channel: Channel; from: string };

/**
 * Books the sender's next pacing slot for a message costing `cost` (its segments): the later of
 * now and the sender's next free instant, which moves on by cost ÷ rate seconds. The rate is the
 * number's own setting (the lowest, if the number serves several countries) or `defaultRate`.
 * One statement, so concurrent consumers of the same number each get a slot of their own; its
 * value is the slot in ms since the epoch.
 */
export function reserveSendSlotQuery(db: D1Database, sender: Sender, nowMs: number, cost: number, defaultRate: number): Query<number> {
  const rate = `COALESCE((SELECT MIN(messages_per_second) FROM sending_numbers
                           WHERE tenant_id = ?1 AND integration_id = ?2 AND channel = ?3 AND phone_number = ?4), ?7)`;
  const statement = db
    .prepare(
      `INSERT INTO send_pacing (tenant_id, integration_id, channel, from_number, next_at_ms)
       VALUES (?1, ?2, ?3, ?4, ?5 + ?6 * 1000.0 / ${rate})
       ON CONFLICT (tenant_id, integration_id, channel, from_number)
         DO UPDATE SET next_at_ms = MAX(next_at_ms, ?5) + ?6 * 1000.0 / ${rate}
       RETURNING next_at_ms - ?6 * 1000.0 / ${rate} AS slot_ms`,
    )
    .bind(sender.tenantId, sender.integrationId, sender.channel, sender.from, nowMs, cost, defaultRate);
  return query(statement, (rows) => (rows[0] as { slot_ms: number } | undefined)?.slot_ms ?? nowMs);
}

/** `reserveSendSlotQuery`, run. */
export const reserveSendSlot = (...args: Parameters<typeof reserveSendSlotQuery>) => runQuery(args[0], reserveSendSlotQuery(...args));

/** Pacing put the claimed attempt back: pending again, not counted as an attempt, its slot kept. */
export function deferOutbox(db: D1Database, tenantId: string, messageId: string, slotMs: number, now: string) {
  return db
    .prepare(
      `UPDATE outbox SET state = 'pending', attempts = MAX(attempts - 1, 0), lease_until = NULL, send_slot_ms = ?1, updated_at = ?2
        WHERE message_id = ?3 AND tenant_id = ?4`,
    )
    .bind(slotMs, now, messageId, tenantId);
}

/** A queue message already at rest (a late redelivery): nothing to send. */
export function closeOutboxIfSettled(db: D1Database, tenantId: string, messageId: string, now: string) {
  return db
    .prepare(
      `UPDATE outbox SET state = 'done', lease_until = NULL, updated_at = ?1
        WHERE message_id = ?2 AND tenant_id = ?3 AND state NOT IN ('done', 'failed')
          AND NOT EXISTS (SELECT 1 FROM messages WHERE id = ?2 AND status = 'queued')`,
    )
    .bind(now, messageId, tenantId);
}

/**
 * "Retry" on a failed message: back to queued with a fresh outbox row, under the retrying
 * recruiter's name (Parley's own messages stay Parley's). The conditions make a double click (or
 * a message the provider still holds) a no-op; `changes` says which happened.
 */
export function requeueFailedStatements(db: D1Database, tenantId: string, messageId: string, retryingUserId: string, now: string) {
  return [
    db
      .prepare(
        `UPDATE messages SET status = 'queued', failure_reason = NULL, provider_message_id = NULL, updated_at = ?1,
                             sender_user_id = CASE WHEN sender_user_id IS NULL THEN NULL ELSE ?4 END
          WHERE id = ?2 AND tenant_id = ?3 AND direction = 'outbound' AND status = 'failed'
            AND EXISTS (SELECT 1 FROM outbox WHERE message_id = ?2 AND state IN ('done', 'failed'))`,
      )
      .bind(now, messageId, tenantId, retryingUserId),
    db
      .prepare(
        `UPDATE outbox SET state = 'pending', attempts = 0, lease_until = NULL, attempt_started_at = NULL, last_error = NULL, updated_at = ?1
          WHERE message_id = ?2 AND tenant_id = ?3 AND state IN ('done', 'failed')
            AND EXISTS (SELECT 1 FROM messages WHERE id = ?2 AND status = 'queued')`,
      )
      .bind(now, messageId, tenantId),
  ];
}

/**
 * Outbox rows whose queue message may be lost: pending or leased too long ago — but not a row
 * waiting for a pacing slot still ahead (its queue message is delayed until then, not lost).
 */
export async function staleOutbox(db: D1Database, olderThan: string, limit = 100) {
  const { results } = await db
    .prepare(
      `SELECT message_id, tenant_id FROM outbox
        WHERE state IN ('pending', 'sending', 'unconfirmed') AND updated_at < ?1
          AND (send_slot_ms IS NULL OR send_slot_ms < ?2)
        ORDER BY updated_at LIMIT ?3`,
    )
    .bind(olderThan, Date.parse(olderThan), limit)
    .all<{ message_id: string; tenant_id: string }>();
  return results;
}

// ---- status callbacks -----------------------------------------------------------------------

const RANK_OF_STATUS = `CASE status ${Object.entries(OUTBOUND_STATUS_RANK)
  .map(([status, rank]) => `WHEN '${status}' THEN ${rank}`)
  .join(' ')} ELSE 99 END`;

/**
 * Moves an outbound message to `status` only if that is forward (shared/domain/delivery.ts), so
 * a replayed or late callback changes nothing. Matches the provider's id, or — when the callback
 * raced ahead of the consumer recording that id — Parley's own reference.
 */
export function applyStatusStatement(
  db: D1Database,
  integrationId: string,
  e: { providerMessageId: string; reference: string | null; status: OutboundStatus; reason: string | null },
  now: string,
) {
  return db
    .prepare(
      `UPDATE messages SET status = ?3, failure_reason = ?4, provider_message_id = COALESCE(provider_message_id, ?2), updated_at = ?6
        WHERE integration_id = ?1 AND direction = 'outbound'
          AND (provider_message_id = ?2 OR (id = ?5 AND provider_message_id IS NULL))
          AND ${RANK_OF_STATUS} < ?7`,
    )
    .bind(integrationId, e.providerMessageId, e.status, e.status === 'failed' ? e.reason : null, e.reference, now, OUTBOUND_STATUS_RANK[e.status]);
}

// ---- inbound --------------------------------------------------------------------------------

type OutboundForRetry = {
  id: string;
  status: string;
  direction: string;
  template: string | null;
  candidate_id: string;
  channel: Channel;
  to_number: string;
  /** Null for Parley's own messages (HELP answer, START invitation, identification). */
  sender_user_id: string | null;
};

export function findOutboundForRetry(db: D1Database, tenantId: string, messageId: string) {
  return db
    .prepare(
      `SELECT m.id, m.status, m.direction, m.template, c.candidate_id, c.channel, m.to_number, m.sender_user_id
         FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.id = ? AND m.tenant_id = ?`,
    )
    .bind(messageId, tenantId)
    .first<OutboundForRetry>();
}
