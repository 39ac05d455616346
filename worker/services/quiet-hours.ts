/**
 * Quiet hours on the worker: whether a send is held (the rule itself is shared/domain/quiet-hours.ts),
 * the cron that releases due holds through the same outbox as every send, and the recruiter's cancel.
 * @module
 */
import type { Channel } from '../../shared/api/channels.ts';
import type { Message } from '../../shared/api/messages.ts';
import { canSend, type ConsentState } from '../../shared/domain/consent.ts';
import { normalisePhone } from '../../shared/domain/phone.ts';
import { type Hold, messageHold, type QuietHours, quietHoursFor, type QuietHoursSettings } from '../../shared/domain/quiet-hours.ts';
import { canSendWithSeat } from '../../shared/domain/seats.ts';
import { canSendWhatsapp } from '../../shared/domain/whatsapp-window.ts';
import { type CandidateRow, consentsOf } from '../db/queries/candidates.ts';
import { findOutboundForRetry, lastInboundAt } from '../db/queries/delivery.ts';
import {
  cancelHoldStatement,
  dueHolds,
  type DueHold,
  failHoldStatements,
  releaseHoldStatements,
  retimeHoldStatements,
  scheduledHoldsOf,
} from '../db/queries/holds.ts';
import { findMessage } from '../db/queries/messages.ts';
import type { Bindings, SessionUser } from '../env.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { candidateNight } from './candidates.ts';
import { enqueueOutbound, toMessage } from './messaging.ts';
import { pokeHub } from './realtime.ts';
import { requireSeat } from './seats.ts';

/** The hold for a recruiter's message to this candidate (the rule is `messageHold`), or null when it may go now. */
export function holdFor(candidate: Pick<CandidateRow, 'phone' | 'phone_country'>, lastInbound: string | null, settings: QuietHoursSettings, now: Date): Hold | null {
  return messageHold(candidateNight(candidate, settings), lastInbound, now);
}

/**
 * Whom `holdFor` asks about for a message already stored (a retry, a re-timing): the number it
 * goes to decides the night, as the candidate's number did when it was composed.
 */
export const recipientOf = (toNumber: string): Pick<CandidateRow, 'phone' | 'phone_country'> => ({
  phone: toNumber,
  phone_country: normalisePhone(toNumber)?.country ?? null,
});

export type ReleaseOutcome = 'released' | 'failed' | 'unchanged';

/** Why a hold may no longer go out, or null when it may: the same rules as a new send. */
async function refusalAtRelease(db: D1Database, hold: DueHold, consent: Record<Channel, ConsentState>, now: Date): Promise<string | null> {
  // The recruiter it would go out under must still be allowed to send, as on Send.
  if (hold.sender_user_id !== null && !canSendWithSeat({ seat: hold.sender_has_seat === 1 }, []).ok) {
    return `Not sent: ${hold.sender_name ?? 'The recruiter who wrote it'} no longer has a Parley seat. Someone with a seat can retry it.`;
  }
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
 * or, when its recruiter lost their seat, consent was withdrawn or the WhatsApp window closed
 * while it waited, ends `failed` with the reason. Safe to run twice at once: each move out of
 * `scheduled` happens once.
 */
export async function releaseDueHolds(env: Bindings, now: Date): Promise<Record<ReleaseOutcome, number>> {
  const counts: Record<ReleaseOutcome, number> = { released: 0, failed: 0, unchanged: 0 };
  const holds = await dueHolds(env.DB, now.toISOString());
  for (const hold of holds) counts[await releaseOne(env, hold, now)]++;
  for (const tenantId of new Set(holds.map((hold) => hold.tenant_id))) pokeHub(env, tenantId);
  return counts;
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
    // A hold already due stays due: "may go now" never moves it later.
    const sendAt = next ? next.sendAt.toISOString() : hold.send_at < at ? hold.send_at : at;
    const sendAtZone = next?.timeZone ?? hold.send_at_zone;
    if (sendAt !== hold.send_at || sendAtZone !== hold.send_at_zone) retimed.push({ id: hold.id, sendAt, sendAtZone });
  }
  if (retimed.length === 0) return 0;
  await db.batch(retimeHoldStatements(db, tenantId, retimed, at));
  pokeHub(env, tenantId);
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
const notHeld = (status: string) => new ApiError(409, 'conflict', notHeldReason[status] ?? 'Only a message waiting for the candidate’s daytime can be cancelled.');

/** The recruiter cancels a message held for quiet hours: it ends `cancelled` and is never sent. */
export async function cancelHeldMessage(env: Bindings, user: SessionUser, messageId: string, now: Date): Promise<Message> {
  const db = env.DB;
  await requireSeat(db, user);
  const message = await findOutboundForRetry(db, user.tenantId, messageId);
  if (!message || message.direction !== 'outbound') throw notFound('The message');
  if (message.status !== 'scheduled') throw notHeld(message.status);
  const cancelled = await cancelHoldStatement(db, user.tenantId, messageId, now.toISOString()).run();
  const stored = await findMessage(db, user.tenantId, messageId);
  if (!stored) throw new Error(`message ${messageId} vanished during cancel`);
  // The cron released it between the read and the update.
  if (!cancelled.meta.changes) throw notHeld(stored.status);
  pokeHub(env, user.tenantId);
  return toMessage(stored);
}
