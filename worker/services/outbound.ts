/**
 * The one outbound gate. Every message Parley sends passes here: a recruiter's send and retry,
 * Parley's own compliance messages (the HELP answer, the START invitation, the identification)
 * and the release of a quiet-hours hold, interview invitations, updates and reminders.
 * The rules decide first (seat, consent, WhatsApp's 24-hour window, quiet hours) and answer with
 * a typed refusal, never halfway; then the message is stored with its outbox row in one batch,
 * handed to the queue, and the tenant's open panels are told. No other module writes outbound
 * messages or outbox rows (test/meta/worker-rooms.test.ts).
 * @module
 */
import type { Channel } from '../../shared/api/channels.ts';
import type { ErrorCode } from '../../shared/api/errors.ts';
import type { WhatsappTemplateRef } from '../../shared/api/messages.ts';
import { canSend, canSendCompliance, canSendTo, type ComplianceMessage, type ConsentState } from '../../shared/domain/consent.ts';
import { normalisePhone } from '../../shared/domain/phone.ts';
import { type Hold, messageHold, type QuietHoursSettings } from '../../shared/domain/quiet-hours.ts';
import { canSendWithSeat } from '../../shared/domain/seats.ts';
import { smsSegments } from '../../shared/domain/segments.ts';
import { holdArrivesBefore } from '../../shared/domain/interviews.ts';
import { canSendWhatsapp } from '../../shared/domain/whatsapp-window.ts';
import type { CandidateRow } from '../db/queries/candidates.ts';
import { quietHoursSettingsQuery } from '../db/queries/compliance-settings.ts';
import { consentsWithNumbersQuery } from '../db/queries/consent.ts';
import { insertOutboxStatement, requeueFailedStatements } from '../db/queries/delivery.ts';
import { type DueHold, failHoldStatements, holdRetryStatements, releaseHoldStatements } from '../db/queries/holds.ts';
import { lastInboundQuery } from '../db/queries/inbound.ts';
import { sendingNumberQuery } from '../db/queries/integrations.ts';
import { type Query, runQuery, together } from '../db/queries/together.ts';
import { findMessageStatement, insertMessageStatements, type MessageRow } from '../db/queries/messages.ts';
import { listActiveAdmins } from '../db/queries/users.ts';
import type { Bindings, OutboundJob } from '../env.ts';
import { newId } from '../lib/ids.ts';
import { candidateNight } from './candidates.ts';
import { notifyTenant } from './notifier.ts';
import { log } from '../lib/log.ts';

/** Why a message may not go: the HTTP status and code a route answers with, and words for people. */
export type OutboundRefusal = { status: 403 | 409; code: ErrorCode; message: string };

/** Who a message goes out as: a recruiter (their seat counts), or Parley itself answering the candidate. */
export type OutboundSender = { kind: 'recruiter'; tenantId: string; userId: string; hasSeat: boolean } | { kind: 'parley'; purpose: ComplianceMessage };

type Recipient = Pick<CandidateRow, 'phone' | 'phone_country'>;

/** The hold for a recruiter's message to this candidate (the rule is `messageHold`), or null when it may go now. */
export function holdFor(candidate: Recipient, lastInbound: string | null, settings: QuietHoursSettings, now: Date): Hold | null {
  return messageHold(candidateNight(candidate, settings), lastInbound, now);
}

/**
 * Whom `holdFor` asks about for a message already stored (a retry, a re-timing): the number it
 * goes to decides the night, as the candidate's number did when it was composed.
 */
export const recipientOf = (toNumber: string): Recipient => ({
  phone: toNumber,
  phone_country: normalisePhone(toNumber)?.country ?? null,
});

type Judged = {
  candidateId: string;
  channel: Channel;
  withTemplate: boolean;
  /** The recruiter it goes out under, whose seat counts; null for a message without one. */
  seatHolder: { hasSeat: boolean } | null;
  /** Parley's own messages follow their own consent rule (a HELP answer goes whatever the consent). */
  compliance: ComplianceMessage | null;
  /** Whose night holds it; null for Parley's own messages, which answer the candidate at once. */
  holdable: Recipient | null;
  /** The sending number, when the caller has none yet: picked for the recipient's country. */
  routeFor?: Recipient;
  /** The number it goes to, when the caller knows it (else the route's): consent must have been given for it. */
  to?: string;
};

type Judgement =
  | { ok: true; hold: Hold | null; consent: Record<Channel, ConsentState>; route: { integrationId: string; from: string; to: string } | null }
  | { ok: false; refusal: OutboundRefusal };

const refuse = (status: 403 | 409, code: ErrorCode, message: string): Judgement => ({ ok: false, refusal: { status, code, message } });

/**
 * The rules of sending, in the order a recruiter meets them: the seat, consent on the channel, a
 * number to send to and from, WhatsApp's 24-hour window for free text, then the candidate's quiet
 * hours (a hold, not a refusal).
 */
async function judge(db: D1Database, tenantId: string, m: Judged, now: Date): Promise<Judgement> {
  if (m.seatHolder && !m.seatHolder.hasSeat) {
    const seat = canSendWithSeat({ seat: false }, await listActiveAdmins(db, tenantId));
    if (!seat.ok) return refuse(403, seat.refusal.code, seat.refusal.message);
  }
  return runQuery(db, rulesQuery(db, tenantId, m, now));
}

/**
 * The rules after the seat, as one query: every read in one round trip (consent, the candidate's
 * last message for the window and quiet hours, the settings and the sending number, each only
 * where this message needs it), so a delivery can add its own reads to the same batch.
 */
function rulesQuery(db: D1Database, tenantId: string, m: Judged, now: Date): Query<Judgement> {
  const routeCountry = m.routeFor?.phone ? m.routeFor.phone_country : undefined;
  const reads = [
    consentsWithNumbersQuery(db, tenantId, m.candidateId),
    lastInboundQuery(db, tenantId, m.candidateId, m.channel),
    // Only a message that may be held needs the quiet hours (not a delivery's re-check).
    m.holdable ? quietHoursSettingsQuery(db, tenantId) : null,
    routeCountry === undefined ? null : sendingNumberQuery(db, tenantId, m.channel, routeCountry),
  ] as const;
  return together(reads, ([{ consent, numbers }, lastInbound, quietHours, number]): Judgement => {
    if (m.compliance) {
      if (!canSendCompliance(consent[m.channel], m.compliance))
        return refuse(409, 'consent_required', 'The candidate’s consent does not allow this message now.');
    } else {
      const decision = canSend(consent, m.channel);
      if (!decision.ok) return refuse(409, decision.refusal.code, decision.refusal.message);
    }
    let route: { integrationId: string; from: string; to: string } | null = null;
    if (m.routeFor) {
      if (!m.routeFor.phone) return refuse(409, 'conflict', 'The candidate has no valid phone number in the ATS.');
      if (!number) return refuse(409, 'conflict', `Your company has no ${m.channel.toUpperCase()} sending number yet. Ask an admin to add one.`);
      route = { integrationId: number.integration.id, from: number.phoneNumber, to: m.routeFor.phone };
    }
    // Consent was given for a number: a recruiter's message goes to that one only.
    const to = m.to ?? route?.to;
    if (!m.compliance && to) {
      const bound = canSendTo(consent, m.channel, numbers[m.channel], to);
      if (!bound.ok) return refuse(409, bound.refusal.code, bound.refusal.message);
    }
    if (m.channel === 'whatsapp') {
      const window = canSendWhatsapp(lastInbound, m.withTemplate, now);
      if (!window.ok) return refuse(409, window.code, window.message);
    }
    return { ok: true, hold: m.holdable && quietHours ? holdFor(m.holdable, lastInbound, quietHours, now) : null, consent, route };
  });
}

/** Hands a stored message to the queue. If this fails, the outbox sweeper enqueues it later. */
async function enqueue(env: Bindings, job: OutboundJob): Promise<void> {
  try {
    await env.OUTBOUND.send(job);
  } catch (error) {
    log.error('outbound.enqueue_failed', { messageId: job.messageId, next: 'left to the sweeper' }, error);
  }
}

/** A new message, as its author composed it. */
export type NewOutbound = {
  tenantId: string;
  candidate: Pick<CandidateRow, 'id' | 'phone' | 'phone_country'>;
  channel: Channel;
  body: string;
  whatsappTemplate: WhatsappTemplateRef | null;
  sender: OutboundSender;
  /** The numbers it goes from and to; without one, the tenant's sending number for the candidate's country. */
  route?: { integrationId: string; from: string; to: string };
  /**
   * A message that is pointless later (an interview reminder): quiet hours may hold it only until
   * before this instant; a longer hold refuses it instead (409 `conflict`, nothing stored).
   */
  mustArriveBy?: Date;
  /** Statements to commit in the message's own batch, given its id (e.g. linking it to an interview). */
  alsoInBatch?: (messageId: string) => D1PreparedStatement[];
  /**
   * Instead of the queue, hands the stored message's first attempt to a request that can keep
   * working after its response (the send route: `waitUntil` + services/delivery.ts `deliverFirst`),
   * so it goes at once rather than after a queue batch.
   */
  deliverNow?: (job: OutboundJob) => void;
};

export type OutboundResult = { ok: true; message: MessageRow; held: boolean } | { ok: false; refusal: OutboundRefusal };

/**
 * Sends a new message. A refusal stores nothing; once stored it is `queued` with its outbox row,
 * and the queue consumer (services/delivery.ts) takes it to `sent` or `failed` with the provider's
 * reason — never silently lost. A recruiter's proactive message in the candidate's night is stored
 * `scheduled` with its `sendAt` instead, without an outbox row: the cron releases it at daybreak.
 */
export async function sendOutbound(env: Bindings, m: NewOutbound, now: Date): Promise<OutboundResult> {
  const db = env.DB;
  const recruiter = m.sender.kind === 'recruiter' ? m.sender : null;
  const decision = await judge(
    db,
    m.tenantId,
    {
      candidateId: m.candidate.id,
      channel: m.channel,
      withTemplate: m.whatsappTemplate !== null,
      seatHolder: recruiter,
      compliance: m.sender.kind === 'parley' ? m.sender.purpose : null,
      holdable: recruiter ? m.candidate : null,
      ...(m.route ? {} : { routeFor: m.candidate }),
    },
    now,
  );
  if (!decision.ok) return decision;
  const { hold } = decision;
  if (hold && m.mustArriveBy && !holdArrivesBefore(hold.sendAt, m.mustArriveBy)) {
    return {
      ok: false,
      refusal: {
        status: 409,
        code: 'conflict',
        message: `Quiet hours in the candidate’s time zone (${hold.timeZone}) would hold it until ${hold.sendAt.toISOString()}, after the interview starts.`,
      },
    };
  }
  const route = m.route ?? decision.route!;
  const messageId = newId('msg');
  const createdAt = now.toISOString();
  const billing = m.channel === 'sms' ? smsSegments(m.body) : null;
  // The message and its outbox row in one batch: stored means it will be sent (or fail with a reason).
  // The batch ends by reading the message back, as the API shows it.
  const written = await db.batch([
    ...insertMessageStatements(db, newId('conv'), {
      id: messageId,
      tenantId: m.tenantId,
      candidateId: m.candidate.id,
      channel: m.channel,
      direction: 'outbound',
      body: m.body,
      status: hold ? 'scheduled' : 'queued',
      senderUserId: recruiter?.userId ?? null,
      integrationId: route.integrationId,
      fromNumber: route.from,
      toNumber: route.to,
      providerMessageId: null,
      createdAt,
      encoding: billing?.encoding ?? null,
      segments: billing?.segments ?? null,
      template: m.whatsappTemplate ? JSON.stringify(m.whatsappTemplate) : null,
      sendAt: hold?.sendAt.toISOString() ?? null,
      sendAtZone: hold?.timeZone ?? null,
    }),
    ...(hold ? [] : [insertOutboxStatement(db, m.tenantId, messageId, createdAt)]),
    ...(m.alsoInBatch?.(messageId) ?? []),
    findMessageStatement(db, m.tenantId, messageId),
  ]);
  const message = written.at(-1)?.results[0] as MessageRow | undefined;
  if (!message) throw new Error(`message ${messageId} was not stored`);
  if (!hold) {
    const job = { messageId, tenantId: m.tenantId };
    if (m.deliverNow) m.deliverNow(job);
    else await enqueue(env, job);
  }
  notifyTenant(env, m.tenantId);
  return { ok: true, message, held: hold !== null };
}

/** A failed message to send again, as stored. */
export type RetriedOutbound = {
  id: string;
  candidate_id: string;
  channel: Channel;
  template: string | null;
  to_number: string;
  sender_user_id: string | null;
};

/**
 * Sends a failed message again under the retrying recruiter's name, by the rules of a new send:
 * in the candidate's night it waits `scheduled` like any hold. `{ ok: true, moved: false }` when
 * another retry moved it first.
 */
export async function retryOutbound(
  env: Bindings,
  retrier: Extract<OutboundSender, { kind: 'recruiter' }>,
  message: RetriedOutbound,
  now: Date,
): Promise<{ ok: true; moved: boolean } | { ok: false; refusal: OutboundRefusal }> {
  const db = env.DB;
  const decision = await judge(
    db,
    retrier.tenantId,
    {
      candidateId: message.candidate_id,
      channel: message.channel,
      withTemplate: message.template !== null,
      seatHolder: retrier,
      // Retried, Parley's own messages follow the rule of a conversation message, and are still never held.
      compliance: null,
      holdable: message.sender_user_id === null ? null : recipientOf(message.to_number),
      to: message.to_number,
    },
    now,
  );
  if (!decision.ok) return decision;
  const { hold } = decision;
  const at = now.toISOString();
  const [moved] = await db.batch(
    hold
      ? holdRetryStatements(db, {
          tenantId: retrier.tenantId,
          messageId: message.id,
          senderUserId: retrier.userId,
          sendAt: hold.sendAt.toISOString(),
          sendAtZone: hold.timeZone,
          now: at,
        })
      : requeueFailedStatements(db, retrier.tenantId, message.id, retrier.userId, at),
  );
  if (!moved?.meta.changes) return { ok: true, moved: false };
  notifyTenant(env, retrier.tenantId);
  if (!hold) await enqueue(env, { messageId: message.id, tenantId: retrier.tenantId });
  return { ok: true, moved: true };
}

/** A queued message about to be handed to its provider, as stored. */
export type DeliveryCheck = {
  tenantId: string;
  candidateId: string;
  channel: Channel;
  withTemplate: boolean;
  /** The number it goes to. */
  to: string;
  /** Null for Parley's own messages, judged by their purpose when they were composed. */
  senderUserId: string | null;
};

/**
 * The gate once more, just before a queued message goes to the provider (services/delivery.ts): a
 * message that waited in the queue's backoff must not go after a STOP, nor as free text once the
 * WhatsApp window closed. Consent and the window only — the seat and the candidate's night were
 * judged when it entered the queue. Parley's own messages answer the candidate (a HELP answer
 * goes whatever the consent) and are not judged again. A query, so the delivery reads what it
 * needs to send in the same round trip. Its value: the reason people read, or null.
 */
export function deliveryRefusalQuery(db: D1Database, m: DeliveryCheck, now: Date): Query<string | null> {
  if (m.senderUserId === null) return together([], () => null);
  const rules = rulesQuery(
    db,
    m.tenantId,
    { candidateId: m.candidateId, channel: m.channel, withTemplate: m.withTemplate, seatHolder: null, compliance: null, holdable: null, to: m.to },
    now,
  );
  return together([rules], ([decision]) => (decision.ok ? null : `Not sent: ${decision.refusal.message}`));
}

export type ReleaseOutcome = 'released' | 'failed' | 'unchanged';

/**
 * A hold whose time has come: released into the outbox, or `failed` with the reason when the
 * rules of a new send refuse it now (its recruiter lost their seat, consent was withdrawn, the
 * WhatsApp window closed while it waited). The caller notifies the tenants once per run.
 */
export async function releaseHold(env: Bindings, hold: DueHold, now: Date): Promise<ReleaseOutcome> {
  const db = env.DB;
  const decision = await judge(
    db,
    hold.tenant_id,
    {
      candidateId: hold.candidate_id,
      channel: hold.channel,
      withTemplate: hold.template !== null,
      seatHolder: hold.sender_user_id === null ? null : { hasSeat: hold.sender_has_seat === 1 },
      compliance: null,
      // Already held for its night: quiet hours do not hold it again.
      holdable: null,
      to: hold.to_number,
    },
    now,
  );
  const at = now.toISOString();
  if (!decision.ok) {
    const reason =
      decision.refusal.code === 'seat_required'
        ? `Not sent: ${hold.sender_name ?? 'The recruiter who wrote it'} no longer has a Parley seat. Someone with a seat can retry it.`
        : `Not sent: ${decision.refusal.message}`;
    const [failed] = await db.batch(failHoldStatements(db, hold.tenant_id, hold.id, reason, at));
    return failed?.meta.changes ? 'failed' : 'unchanged';
  }
  const [released] = await db.batch(releaseHoldStatements(db, hold, decision.consent[hold.channel], at));
  if (!released?.meta.changes) return 'unchanged';
  await enqueue(env, { messageId: hold.id, tenantId: hold.tenant_id });
  return 'released';
}
