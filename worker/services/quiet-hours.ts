/**
 * Quiet hours on the worker: the cron that releases due holds through the outbound gate, holds
 * timed again when an admin changes the quiet hours, and the recruiter's cancel. Whether a send
 * is held is decided by the gate (services/outbound.ts) with the rule in shared/domain/quiet-hours.ts.
 * @module
 */
import type { Message } from '../../shared/api/messages.ts';
import { type QuietHours, quietHoursFor, type QuietHoursSettings } from '../../shared/domain/quiet-hours.ts';
import { findOutboundForRetry } from '../db/queries/delivery.ts';
import { cancelHoldStatement, type DueHold, dueHolds, failHoldStatements, retimeHoldStatements, scheduledHoldsOf } from '../db/queries/holds.ts';
import { findMessage } from '../db/queries/messages.ts';
import type { Bindings, SessionUser } from '../env.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { log } from '../lib/log.ts';
import { toMessage } from '../db/queries/messages.ts';
import { notifyTenant } from './notifier.ts';
import { holdFor, recipientOf, releaseHold, type ReleaseOutcome } from './outbound.ts';
import { requireSeat } from './seats.ts';

/**
 * Cron: every hold whose time has come is released into the outbox (the queue consumer sends it)
 * or, when its recruiter lost their seat, consent was withdrawn or the WhatsApp window closed
 * while it waited, ends `failed` with the reason. Safe to run twice at once: each move out of
 * `scheduled` happens once.
 */
export async function releaseDueHolds(env: Bindings, now: Date): Promise<Record<ReleaseOutcome, number>> {
  const counts: Record<ReleaseOutcome, number> = { released: 0, failed: 0, unchanged: 0 };
  const holds = await dueHolds(env.DB, now.toISOString());
  for (const hold of holds) counts[await releaseIsolated(env, hold, now)]++;
  for (const tenantId of new Set(holds.map((hold) => hold.tenant_id))) notifyTenant(env, tenantId);
  return counts;
}

/** Readable in the thread; the error itself goes to the log. */
export const RELEASE_ERROR_REASON = 'Not sent: Parley could not release it after quiet hours. Retry it to send it now.';

/**
 * One hold's release, so that one that throws cannot keep the others held: it ends `failed` with
 * a reason the thread shows, or, when even that cannot be written, stays held for the next run.
 * A hold already moved to the outbox before the error is left there (the sweeper enqueues it).
 */
async function releaseIsolated(env: Bindings, hold: DueHold, now: Date): Promise<ReleaseOutcome> {
  try {
    return await releaseHold(env, hold, now);
  } catch (error) {
    log.error('hold.release_failed', { messageId: hold.id, tenantId: hold.tenant_id }, error);
    try {
      const [failed] = await env.DB.batch(failHoldStatements(env.DB, hold.tenant_id, hold.id, RELEASE_ERROR_REASON, now.toISOString()));
      return failed?.meta.changes ? 'failed' : 'unchanged';
    } catch {
      return 'unchanged';
    }
  }
}

// Quiet hours "off" has many spellings (any start == end); they are one setting.
const sameNight = (a: QuietHours, b: QuietHours) => (a.start === a.end && b.start === b.end) || (a.start === b.start && a.end === b.end);

/**
 * After an admin saved new quiet hours: each hold whose country's quiet hours changed is timed
 * again from now by the rule of a new send — earlier when they were loosened or turned off (now,
 * when it may go now: the next cron run releases it, this request sends nothing), later when they
 * were tightened. Holds under unchanged quiet hours keep their time. @returns how many moved.
 */
export async function retimeHolds(env: Bindings, tenantId: string, before: QuietHoursSettings, after: QuietHoursSettings, now: Date): Promise<number> {
  const db = env.DB;
  const at = now.toISOString();
  const retimed: { id: string; sendAt: string; sendAtZone: string | null }[] = [];
  for (const hold of await scheduledHoldsOf(db, tenantId)) {
    const recipient = recipientOf(hold.to_number);
    if (sameNight(quietHoursFor(before, recipient.phone_country), quietHoursFor(after, recipient.phone_country))) continue;
    const next = holdFor(recipient, hold.last_inbound_at, after, now);
    // A hold already due stays due: "may go now" never moves it later. (ISO instants: the earlier sorts first.)
    // biome-ignore lint/complexity/useMathMinMax: ISO strings, compared as text; Math.min would make numbers of them.
    const earlier = hold.send_at < at ? hold.send_at : at;
    const sendAt = next ? next.sendAt.toISOString() : earlier;
    const sendAtZone = next?.timeZone ?? hold.send_at_zone;
    if (sendAt !== hold.send_at || sendAtZone !== hold.send_at_zone) retimed.push({ id: hold.id, sendAt, sendAtZone });
  }
  if (retimed.length === 0) return 0;
  await db.batch(retimeHoldStatements(db, tenantId, retimed, at));
  notifyTenant(env, tenantId);
  return retimed.length;
}

const notHeldReason: Record<string, string> = {
  queued: 'This message is no longer waiting: it is being sent.',
  sent: 'This message was already sent.',
  delivered: 'This message was already delivered.',
  read: 'This message was already delivered and read.',
  failed: 'This message is not waiting any more: it failed.',
  cancelled: 'This message was already cancelled.',
};
const notHeld = (status: string) =>
  new ApiError(409, 'conflict', notHeldReason[status] ?? 'Only a message waiting for the candidate’s daytime can be cancelled.');

/** The recruiter cancels a message held for quiet hours: it ends `cancelled` and is never sent. */
export async function cancelHeldMessage(env: Bindings, user: SessionUser, messageId: string, now: Date): Promise<Message> {
  const db = env.DB;
  await requireSeat(db, user);
  const message = await findOutboundForRetry(db, user.tenantId, messageId);
  if (message?.direction !== 'outbound') throw notFound('The message');
  if (message.status !== 'scheduled') throw notHeld(message.status);
  const cancelled = await cancelHoldStatement(db, user.tenantId, messageId, now.toISOString()).run();
  const stored = await findMessage(db, user.tenantId, messageId);
  if (!stored) throw new Error(`message ${messageId} vanished during cancel`);
  // The cron released it between the read and the update.
  if (!cancelled.meta.changes) throw notHeld(stored.status);
  notifyTenant(env, user.tenantId);
  return toMessage(stored);
}
