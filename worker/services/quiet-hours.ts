/**
 * Quiet hours on the worker: whether a send is held (the rule itself is shared/domain/quiet-hours.ts),
 * the cron that releases due holds through the same outbox as every send, and the recruiter's cancel.
 * @module
 */
import type { Channel } from '../../shared/api/channels.ts';
import type { Message } from '../../shared/api/messages.ts';
import { canSend, type ConsentState } from '../../shared/domain/consent.ts';
import { timeZonesOfPhone } from '../../shared/domain/phone-time-zones.ts';
import { type Hold, isProactive, quietHold, quietHoursFor, type QuietHoursSettings } from '../../shared/domain/quiet-hours.ts';
import { canSendWhatsapp } from '../../shared/domain/whatsapp-window.ts';
import { type CandidateRow, consentsOf } from '../db/queries/candidates.ts';
import { findOutboundForRetry, lastInboundAt } from '../db/queries/delivery.ts';
import { cancelHoldStatement, dueHolds, type DueHold, failHoldStatements, releaseHoldStatements } from '../db/queries/holds.ts';
import { findMessage } from '../db/queries/messages.ts';
import type { Bindings, SessionUser } from '../env.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { enqueueOutbound, toMessage } from './messaging.ts';
import { pokeHub } from './realtime.ts';
import { requireSeat } from './seats.ts';

/**
 * The hold for a recruiter's message to this candidate, or null when it may go now: only a
 * proactive message (no reply from the candidate on the channel in the last hour) is held, in the
 * zones of the candidate's number, with the quiet hours of its country.
 */
export function holdFor(candidate: Pick<CandidateRow, 'phone' | 'phone_country'>, lastInbound: string | null, settings: QuietHoursSettings, now: Date): Hold | null {
  if (!candidate.phone || !isProactive(lastInbound, now)) return null;
  return quietHold(now, timeZonesOfPhone(candidate.phone), quietHoursFor(settings, candidate.phone_country));
}

export type ReleaseOutcome = 'released' | 'failed' | 'unchanged';

/** Why a hold may no longer go out, or null when it may: the same rules as a new send. */
async function refusalAtRelease(db: D1Database, hold: DueHold, consent: Record<Channel, ConsentState>, now: Date): Promise<string | null> {
  const decision = canSend(consent, hold.channel);
  if (!decision.ok) return `Not sent: ${decision.refusal.message}`;
  if (hold.channel === 'whatsapp') {
    const window = canSendWhatsapp((await lastInboundAt(db, hold.tenant_id, hold.candidate_id, 'whatsapp'))?.at ?? null, hold.template !== null, now);
    if (!window.ok) return `Not sent: ${window.message}`;
  }
  return null;
}

async function releaseOne(env: Bindings, hold: DueHold, now: Date): Promise<ReleaseOutcome> {
  const db = env.DB;
  const consent = await consentsOf(db, hold.tenant_id, hold.candidate_id);
  const refusal = await refusalAtRelease(db, hold, consent, now);
  const at = now.toISOString();
  if (refusal) {
    const [failed] = await db.batch(failHoldStatements(db, hold.tenant_id, hold.id, refusal, at));
    return failed?.meta.changes ? 'failed' : 'unchanged';
  }
  const [released] = await db.batch(releaseHoldStatements(db, hold, consent[hold.channel], at));
  if (!released?.meta.changes) return 'unchanged';
  await enqueueOutbound(env, { messageId: hold.id, tenantId: hold.tenant_id });
  return 'released';
}

/**
 * Cron: every hold whose time has come is released into the outbox (the queue consumer sends it)
 * or, when consent was withdrawn or the WhatsApp window closed while it waited, ends `failed` with
 * the reason. Safe to run twice at once: each move out of `scheduled` happens once.
 */
export async function releaseDueHolds(env: Bindings, now: Date): Promise<Record<ReleaseOutcome, number>> {
  const counts: Record<ReleaseOutcome, number> = { released: 0, failed: 0, unchanged: 0 };
  const holds = await dueHolds(env.DB, now.toISOString());
  for (const hold of holds) counts[await releaseOne(env, hold, now)]++;
  for (const tenantId of new Set(holds.map((hold) => hold.tenant_id))) pokeHub(env, tenantId);
  return counts;
}

const notHeldReason: Record<string, string> = {
  queued: 'This message is no longer waiting: it is being sent.',
  sent: 'This message was already sent.',
  delivered: 'This message was already delivered.',
  read: 'This message was already delivered and read.',
  failed: 'This message is not waiting any more: it failed.',
  cancelled: 'This message was already cancelled.',
};
const notHeld = (status: string) => new ApiError(409, 'conflict', notHeldReason[status] ?? 'Only a message waiting for the candidate’s daytime can be cancelled.');

/** The recruiter cancels a message held for quiet hours: it ends `cancelled` and is never sent. */
export async function cancelHeldMessage(env: Bindings, user: SessionUser, messageId: string): Promise<Message> {
  const db = env.DB;
  await requireSeat(db, user);
  const message = await findOutboundForRetry(db, user.tenantId, messageId);
  if (!message || message.direction !== 'outbound') throw notFound('The message');
  if (message.status !== 'scheduled') throw notHeld(message.status);
  const cancelled = await cancelHoldStatement(db, user.tenantId, messageId, new Date().toISOString()).run();
  const stored = await findMessage(db, user.tenantId, messageId);
  if (!stored) throw new Error(`message ${messageId} vanished during cancel`);
  // The cron released it between the read and the update.
  if (!cancelled.meta.changes) throw notHeld(stored.status);
  pokeHub(env, user.tenantId);
  return toMessage(stored);
}
