/**
 * The outbound pipeline after the message is stored: the queue consumer hands each outbox row to
 * its provider's adapter exactly once, retries what is safe to retry with exponential backoff,
 * reconciles attempts that got no answer before sending again, and ends every message `sent`
 * (then whatever the provider reports) or `failed` with a reason people can read.
 * @module
 */
import type { Message, WhatsappTemplateRef } from '../../shared/api/messages.ts';
import { defaultSendingRate, rateCost } from '../../shared/domain/sending-rate.ts';
import type { InboundEvent, Integration, OutboundMessage, SendResult } from '../providers/port.ts';
import { adapterFor } from '../providers/registry.ts';
import {
  applyStatusStatement,
  claimOutbox,
  claimUnconfirmed,
  closeOutboxIfSettled,
  deferOutbox,
  findOutboundForRetry,
  findOutboundWork,
  type OutboundWork,
  recordAcceptedStatements,
  recordFailedStatements,
  releaseOutbox,
  reserveSendSlot,
  reserveSendSlotQuery,
  type Sender,
  staleOutbox,
} from '../db/queries/delivery.ts';
import { findIntegration, type IntegrationRecord, integrationQuery } from '../db/queries/integrations.ts';
import { runTogether } from '../db/queries/together.ts';
import { findMessage } from '../db/queries/messages.ts';
import type { Bindings, OutboundJob, SessionUser } from '../env.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import type { Clock } from '../lib/clock.ts';
import { providerOptOutStatements } from './consent-keywords.ts';
import { openIntegration, webhookUrl } from './integrations.ts';
import { type DeliveryCheck, deliveryRefusalQuery, retryOutbound } from './outbound.ts';
import { findByProviderId, toMessage } from '../db/queries/messages.ts';
import { requireSeat } from './seats.ts';
import { notifyTenant } from './notifier.ts';
import { log } from '../lib/log.ts';

/** Attempts per message before a retryable failure becomes final. */
export const MAX_ATTEMPTS = 5;
/** The longest Parley waits between attempts, whatever a provider's Retry-After asks for. */
export const MAX_RETRY_DELAY_SECONDS = 300;
/** 2, 4, 8, 16 s … capped: long enough for a rate limit to pass, short enough for a recruiter. */
export const backoffSeconds = (attempt: number) => Math.min(2 ** attempt, MAX_RETRY_DELAY_SECONDS);
/** An attempt holds its row this long; a consumer that died loses it after that. */
const LEASE_MS = 60_000;
/** How long a message waits, before trying again, for Parley's own earlier message in its conversation. */
const TURN_WAIT_SECONDS = 1;
/** How long to wait before asking a provider whether an unanswered send arrived after all. */
const RECONCILE_DELAY_SECONDS = 2;
/**
 * A pacing slot this close is waited for in place; a later one goes back to the queue, which
 * hands the message over again a second before its slot (a queue's delays are whole seconds and
 * a batch may come late), and the rest is waited for in place.
 */
const PACE_WAIT_IN_PLACE_MS = 2_000;
/**
 * A booked slot missed by more than this (the queue came late) is not used: sending now would
 * crowd the slots booked after it, so the message books a new one. For a fast number the limit
 * is one slot interval instead: a send late by δ lets a one-second window hold rate × (1 + δ)
 * sends, so at 100/s a 100 ms tolerance allowed 110 in the busiest second.
 */
const PACE_LATE_MS = 100;
const lateToleranceMs = (rate: number, cost: number) => Math.min(PACE_LATE_MS, (1000 * cost) / rate);
/** How many times an attempt may book a slot and miss it (woken late) before it goes back to the queue. */
const PACE_ROUNDS = 5;
/** The longest delay Cloudflare Queues accept (12 hours); a slot further ahead is waited for in steps. */
const MAX_QUEUE_DELAY_SECONDS = 43_200;

/** What the consumer does with the queue message once the attempt is recorded. */
export type Disposition = { ack: true } | { ack: false; retryInSeconds: number };

const leaseUntil = (clock: Clock) => new Date(clock.now().getTime() + LEASE_MS).toISOString();

function toOutbound(env: Bindings, work: OutboundWork, integration: Integration): OutboundMessage {
  const template = work.template ? (JSON.parse(work.template) as WhatsappTemplateRef) : null;
  const ref = new URLSearchParams({ ref: work.message_id });
  return {
    channel: work.channel,
    from: work.from_number,
    to: work.to_number,
    body: work.body,
    template,
    reference: work.message_id,
    statusCallbackUrl: `${webhookUrl(env, integration.provider, integration.id)}?${ref}`,
  };
}

const deliveryCheckOf = (work: OutboundWork): DeliveryCheck => ({
  tenantId: work.tenant_id,
  candidateId: work.candidate_id,
  channel: work.channel,
  withTemplate: work.template !== null,
  to: work.to_number,
  senderUserId: work.sender_user_id,
});

async function loadIntegration(env: Bindings, work: OutboundWork): Promise<Integration | null> {
  return openEnabled(env, await findIntegration(env.DB, work.tenant_id, work.integration_id));
}

const openEnabled = async (env: Bindings, record: IntegrationRecord | null) => (record?.enabled ? openIntegration(env, record) : null);

async function fail(env: Bindings, clock: Clock, work: OutboundWork, reason: string): Promise<Disposition> {
  await env.DB.batch(recordFailedStatements(env.DB, work.tenant_id, work.message_id, reason, clock.now().toISOString()));
  return { ack: true };
}

async function settle(env: Bindings, clock: Clock, work: OutboundWork, integration: Integration, result: SendResult): Promise<Disposition> {
  const now = clock.now().toISOString();
  if (result.ok) {
    await env.DB.batch(recordAcceptedStatements(env.DB, work.tenant_id, work.message_id, result.providerMessageId, now));
    return { ack: true };
  }
  if (result.failure === 'permanent') {
    const statements = recordFailedStatements(env.DB, work.tenant_id, work.message_id, result.reason, now);
    if (result.consequence === 'consent_revoked') {
      const target = { tenantId: work.tenant_id, phone: work.to_number, channel: work.channel, provider: integration.provider, messageId: work.message_id };
      statements.push(...(await providerOptOutStatements(env.DB, target, now)));
    }
    await env.DB.batch(statements);
    return { ack: true };
  }
  if (result.failure === 'unconfirmed') {
    await releaseOutbox(env.DB, work.tenant_id, work.message_id, 'unconfirmed', result.reason, now).run();
    return { ack: false, retryInSeconds: RECONCILE_DELAY_SECONDS };
  }
  if (work.attempts >= MAX_ATTEMPTS) {
    return fail(env, clock, work, `${result.reason} Parley tried ${work.attempts} times and gave up.`);
  }
  await releaseOutbox(env.DB, work.tenant_id, work.message_id, 'pending', result.reason, now).run();
  const retryAfter = Math.min(result.retryAfterSeconds ?? 0, MAX_RETRY_DELAY_SECONDS);
  return { ack: false, retryInSeconds: Math.max(retryAfter, backoffSeconds(work.attempts)) };
}

async function attempt(env: Bindings, clock: Clock, work: OutboundWork, integration: Integration): Promise<Disposition> {
  const message = toOutbound(env, work, integration);
  const result = await adapterFor(integration.provider)
    .send(message, integration, env)
    .catch((error: unknown): SendResult => {
      // An adapter that threw may have done so after the provider took the message: looked up
      // before any resend, like a send that got no answer.
      log.error('delivery.adapter_failed', { messageId: work.message_id, provider: integration.provider }, error);
      return { ok: false, failure: 'unconfirmed', reason: 'Parley could not read the provider’s answer.' };
    });
  return settle(env, clock, work, integration, result);
}

/** The sending number's pace for this message: its rate per second and the cost of one message (its segments). */
type Pace = { sender: Sender; rate: number; cost: number; lateMs: number };

function paceOf(work: OutboundWork): Pace {
  const rate = defaultSendingRate(work.provider, work.channel, work.from_number).messagesPerSecond;
  const cost = rateCost(work.channel, work.segments);
  const sender = { tenantId: work.tenant_id, integrationId: work.integration_id, channel: work.channel, from: work.from_number };
  return { sender, rate, cost, lateMs: lateToleranceMs(rate, cost) };
}

/** The slot the message booked when it was put back to wait, unless it was missed since. */
function keptSlot(work: OutboundWork, pace: Pace, nowMs: number): number | null {
  return work.send_slot_ms !== null && work.send_slot_ms >= nowMs - pace.lateMs ? work.send_slot_ms : null;
}

/**
 * The sending number's rate: the message's pacing slot (`slot`: kept or booked with the attempt's
 * other reads), waited for here when it is due within two seconds, else the claim goes back to
 * the queue until then — a burst is paced, never refused.
 * @returns null when it may be sent now.
 */
async function paced(env: Bindings, clock: Clock, work: OutboundWork, pace: Pace, slot: number): Promise<Disposition | null> {
  for (let round = 0; ; round++) {
    const wait = slot - clock.now().getTime();
    // Woken late too often (a saturated isolate): back to the queue rather than hold the lease.
    if (wait > PACE_WAIT_IN_PLACE_MS || round === PACE_ROUNDS) {
      await deferOutbox(env.DB, work.tenant_id, work.message_id, slot, clock.now().toISOString()).run();
      return { ack: false, retryInSeconds: Math.max(1, Math.min(Math.floor(wait / 1000) - 1, MAX_QUEUE_DELAY_SECONDS)) };
    }
    // A slot just booked that is already due is this message's own: the sender was idle until now.
    if (wait <= 0) return null;
    await new Promise((resolve) => setTimeout(resolve, wait));
    // A busy isolate can wake many waiters late at once: only one still on its slot may go.
    if (clock.now().getTime() - slot <= pace.lateMs) return null;
    slot = await reserveSendSlot(env.DB, pace.sender, clock.now().getTime(), pace.cost, pace.rate);
  }
}

/** One queued send. Safe to run twice for the same job: the outbox claim lets one attempt through. */
export async function deliver(env: Bindings, job: OutboundJob, clock: Clock): Promise<Disposition> {
  const db = env.DB;
  const claim = await claimOutbox(db, job.tenantId, job.messageId, clock.now().toISOString(), leaseUntil(clock));
  if (claim.claimed) {
    const { work } = claim;
    if (!work) return { ack: true };
    const pace = paceOf(work);
    const nowMs = clock.now().getTime();
    const kept = keptSlot(work, pace, nowMs);
    // One round trip: it may have waited in backoff, so a STOP or the WhatsApp window closing
    // since then stops it here; its integration; and its pacing slot, unless it kept one.
    const [refusal, record, booked] = await runTogether(db, [
      deliveryRefusalQuery(db, deliveryCheckOf(work), clock.now()),
      integrationQuery(db, work.tenant_id, work.integration_id),
      kept === null ? reserveSendSlotQuery(db, pace.sender, nowMs, pace.cost, pace.rate) : null,
    ]);
    if (refusal) return fail(env, clock, work, refusal);
    const integration = await openEnabled(env, record);
    if (!integration) return fail(env, clock, work, 'The integration of this sending number was disabled or removed.');
    return (await paced(env, clock, work, pace, kept ?? booked ?? nowMs)) ?? attempt(env, clock, work, integration);
  }
  // Parley's identification or START invitation to this candidate is not out yet: it goes first.
  if (claim.waitsItsTurn) return { ack: false, retryInSeconds: TURN_WAIT_SECONDS };
  // Sent or failed already: this queue message is a duplicate, and its outbox row is closed.
  if (claim.settled) return { ack: true };

  const unconfirmedSince = await claimUnconfirmed(db, job.tenantId, job.messageId, clock.now().toISOString(), leaseUntil(clock));
  if (unconfirmedSince) {
    const work = await findOutboundWork(db, job.tenantId, job.messageId);
    if (!work) return { ack: true };
    const integration = await loadIntegration(env, work);
    if (!integration) return fail(env, clock, work, 'The integration of this sending number was disabled or removed.');
    const adapter = adapterFor(integration.provider);
    if (!adapter.findAccepted) {
      return fail(
        env,
        clock,
        work,
        'The provider did not answer in time and cannot be asked whether it accepted the message, so Parley did not resend it. Use Retry if the candidate did not get it.',
      );
    }
    const since = unconfirmedSince.attempt_started_at;
    let acceptedId: string | null;
    try {
      acceptedId = await adapter.findAccepted(toOutbound(env, work, integration), integration, since, env);
    } catch {
      await releaseOutbox(db, work.tenant_id, work.message_id, 'unconfirmed', 'The provider could not be asked yet.', clock.now().toISOString()).run();
      return work.attempts >= MAX_ATTEMPTS
        ? fail(env, clock, work, 'The provider did not answer, and could not be asked whether it accepted the message.')
        : { ack: false, retryInSeconds: backoffSeconds(work.attempts) };
    }
    if (acceptedId) return settle(env, clock, work, integration, { ok: true, providerMessageId: acceptedId });
    if (work.attempts >= MAX_ATTEMPTS) return fail(env, clock, work, `The provider did not answer ${work.attempts} times. Parley gave up.`);
    // Not accepted: a real new attempt, counted like any other.
    await releaseOutbox(db, work.tenant_id, work.message_id, 'pending', 'Not accepted by the provider; sending again.', clock.now().toISOString()).run();
    return deliver(env, job, clock);
  }

  // Already sent, failed, or held by a live attempt elsewhere: this queue message is a duplicate.
  await closeOutboxIfSettled(db, job.tenantId, job.messageId, clock.now().toISOString()).run();
  return { ack: true };
}

/** The Queues consumer: each message acknowledged or retried on its own, never the whole batch. */
export async function consumeOutbound(batch: MessageBatch<OutboundJob>, env: Bindings, clock: Clock): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      try {
        const disposition = await deliver(env, message.body, clock);
        if (disposition.ack) message.ack();
        else message.retry({ delaySeconds: disposition.retryInSeconds });
      } catch (error) {
        // D1 unavailable or similar: the outbox row is untouched or leased, so a later try is safe.
        log.error('delivery.consumer_failed', { messageId: message.body.messageId, attempts: message.attempts }, error);
        message.retry({ delaySeconds: backoffSeconds(message.attempts) });
      }
    }),
  );
  // Sent, failed or retried: each tenant's open panels hear of it now.
  for (const tenantId of new Set(batch.messages.map((message) => message.body.tenantId))) notifyTenant(env, tenantId);
}

/**
 * The send route's first attempt, right after the message was stored — in the request's
 * `waitUntil`, so Send → "Sent" does not wait for a queue batch. The queue stays the path of
 * everything after it: a retry, a pacing slot further ahead, an error of this attempt's own. If
 * the isolate dies here, the outbox row is still there and the sweeper re-enqueues it.
 */
export async function deliverFirst(env: Bindings, job: OutboundJob, clock: Clock): Promise<void> {
  let delaySeconds: number | null;
  try {
    const disposition = await deliver(env, job, clock);
    delaySeconds = disposition.ack ? null : disposition.retryInSeconds;
  } catch (error) {
    // D1 unavailable or similar: the outbox row is untouched or leased, so the queue's later try is safe.
    log.error('delivery.first_attempt_failed', { messageId: job.messageId, next: 'left to the queue' }, error);
    delaySeconds = backoffSeconds(1);
  }
  if (delaySeconds !== null) {
    try {
      await env.OUTBOUND.send(job, { delaySeconds });
    } catch (error) {
      log.error('outbound.enqueue_failed', { messageId: job.messageId, next: 'left to the sweeper' }, error);
    }
  }
  notifyTenant(env, job.tenantId);
}

/** Cron: re-enqueue outbox rows whose queue message was lost (a failed `send`, an expired lease). */
export async function sweepOutbox(env: Bindings, now: Date): Promise<number> {
  const stale = await staleOutbox(env.DB, new Date(now.getTime() - 2 * LEASE_MS).toISOString());
  if (stale.length) await env.OUTBOUND.sendBatch(stale.map((row) => ({ body: { messageId: row.message_id, tenantId: row.tenant_id } })));
  return stale.length;
}

export type StatusOutcome = 'updated' | 'unchanged';

/** A provider's delivery status: applied only if it moves the message forward. */
export async function applyStatus(env: Bindings, integration: Integration, event: Extract<InboundEvent, { kind: 'status' }>, at: Date): Promise<StatusOutcome> {
  const now = at.toISOString();
  const statements = [applyStatusStatement(env.DB, integration.id, event, now)];
  const [result] = await env.DB.batch(statements);
  if (event.consequence === 'consent_revoked' && result?.meta.changes) {
    const row = await findByProviderId(env.DB, integration.id, event.providerMessageId);
    if (row) {
      const target = { tenantId: integration.tenantId, phone: row.to_number, channel: row.channel, provider: integration.provider, messageId: row.id };
      const statements = await providerOptOutStatements(env.DB, target, now);
      if (statements.length) await env.DB.batch(statements);
    }
  }
  return result?.meta.changes ? 'updated' : 'unchanged';
}

/**
 * "Retry" on a failed message: the same rules as a new send (seat, consent, the WhatsApp window,
 * quiet hours), then the same message goes back through the pipeline under the retrying
 * recruiter's name — or, in the candidate's quiet hours, waits `scheduled` for the cron like any
 * hold. A message that is not failed — still queued, or accepted by the provider — is refused, so
 * a retry never duplicates an accepted send.
 */
export async function retryMessage(env: Bindings, user: SessionUser, messageId: string, now: Date): Promise<Message> {
  const db = env.DB;
  await requireSeat(db, user);
  const message = await findOutboundForRetry(db, user.tenantId, messageId);
  if (message?.direction !== 'outbound') throw notFound('The message');
  if (message.status !== 'failed') throw new ApiError(409, 'conflict', 'Only a message that failed can be retried; this one is on its way or was delivered.');
  const retried = await retryOutbound(env, { kind: 'recruiter', tenantId: user.tenantId, userId: user.userId, hasSeat: user.hasSeat }, message, now);
  if (!retried.ok) throw new ApiError(retried.refusal.status, retried.refusal.code, retried.refusal.message);
  if (!retried.moved) throw new ApiError(409, 'conflict', 'This message is already being retried.');
  const stored = await findMessage(db, user.tenantId, messageId);
  if (!stored) throw new Error(`message ${messageId} vanished during retry`);
  return toMessage(stored);
}
