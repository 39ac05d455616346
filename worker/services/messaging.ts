/**
 * Sending and receiving, in the order the rules demand: check, store, then hand to the provider.
 * @module
 */
import type { Channel } from '../../shared/api/channels.ts';
import type { Message, SendMessageBody } from '../../shared/api/messages.ts';
import { canSend } from '../../shared/domain/consent.ts';
import type { Hold } from '../../shared/domain/quiet-hours.ts';
import { canSendWhatsapp } from '../../shared/domain/whatsapp-window.ts';
import { smsSegments } from '../../shared/domain/segments.ts';
import type { InboundEvent, Integration } from '../channels/port.ts';
import { type CandidateRow, consentsOf } from '../db/queries/candidates.ts';
import { quietHoursSettingsOf } from '../db/queries/consent.ts';
import { inboundStatements, insertOutboxStatement, lastInboundAt, replyInConversationStatements } from '../db/queries/delivery.ts';
import { pickSendingNumber } from '../db/queries/integrations.ts';
import {
  findMessage,
  insertMessageStatements,
  type MessageRow,
} from '../db/queries/messages.ts';
import type { Bindings, OutboundJob, SessionUser } from '../env.ts';
import { mediaUrlRefusal } from '../lib/public-url.ts';
import { ApiError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { requireCandidate } from './candidates.ts';
import { holdFor } from './quiet-hours.ts';
import { pokeHub } from './realtime.ts';
import { requireSeat } from './seats.ts';
import { renderTemplatedSend } from './templates.ts';

export const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  channel: row.channel,
  direction: row.direction,
  body: row.body,
  status: row.status,
  failureReason: row.failure_reason,
  senderUserId: row.sender_user_id,
  createdAt: row.created_at,
  seq: row.seq,
  ...(row.encoding ? { encoding: row.encoding } : {}),
  ...(row.segments !== null ? { segments: row.segments } : {}),
  ...(row.send_at ? { sendAt: row.send_at, ...(row.send_at_zone ? { sendAtTimeZone: row.send_at_zone } : {}) } : {}),
});

/** Hands a stored message to the queue. If this fails, the outbox sweeper enqueues it later. */
export async function enqueueOutbound(env: Bindings, job: OutboundJob): Promise<void> {
  try {
    await env.OUTBOUND.send(job);
  } catch (error) {
    console.error(JSON.stringify({ messageId: job.messageId, error: `enqueue failed, left to the sweeper: ${String(error)}` }));
  }
}

/**
 * Sends a recruiter's message. A refusal (consent, no number, the WhatsApp window) stores nothing;
 * once stored it is `queued` with its outbox row, and the queue consumer (services/delivery.ts)
 * takes it to `sent` or `failed` with the provider's reason — never silently lost. A proactive
 * message in the candidate's quiet hours is stored `scheduled` with its `sendAt` instead, without
 * an outbox row: the cron (services/quiet-hours.ts) releases it into the outbox when day comes.
 */
export async function sendMessage(
  env: Bindings,
  user: SessionUser,
  candidateId: string,
  input: SendMessageBody,
  now: Date,
): Promise<Message> {
  const db = env.DB;
  const candidate = await requireCandidate(db, user.tenantId, candidateId);
  await requireSeat(db, user);
  // A send from a template becomes its rendered text (and approved WhatsApp template) before any rule runs.
  input = await renderTemplatedSend(db, user, candidate, input);
  const decision = canSend(await consentsOf(db, user.tenantId, candidate.id), input.channel);
  if (!decision.ok) throw new ApiError(409, decision.refusal.code, decision.refusal.message);
  if (!candidate.phone) {
    throw new ApiError(409, 'conflict', 'The candidate has no valid phone number in the ATS.');
  }
  const number = await pickSendingNumber(db, user.tenantId, input.channel, candidate.phone_country);
  if (!number) {
    throw new ApiError(409, 'conflict', `Your company has no ${input.channel.toUpperCase()} sending number yet. Ask an admin to add one.`);
  }

  const hold = await windowAndHold(db, user.tenantId, candidate.id, input.channel, Boolean(input.whatsappTemplate), candidate, now);

  const messageId = newId('msg');
  const createdAt = now.toISOString();
  const billing = input.channel === 'sms' ? smsSegments(input.body) : null;
  // The message and its outbox row in one batch: stored means it will be sent (or fail with a reason).
  await db.batch([
    ...insertMessageStatements(db, newId('conv'), {
      id: messageId,
      tenantId: user.tenantId,
      candidateId: candidate.id,
      channel: input.channel,
      direction: 'outbound',
      body: input.body,
      status: hold ? 'scheduled' : 'queued',
      senderUserId: user.userId,
      integrationId: number.integration.id,
      fromNumber: number.phoneNumber,
      toNumber: candidate.phone,
      providerMessageId: null,
      createdAt,
      encoding: billing?.encoding ?? null,
      segments: billing?.segments ?? null,
      template: input.whatsappTemplate ? JSON.stringify(input.whatsappTemplate) : null,
      sendAt: hold?.sendAt.toISOString() ?? null,
      sendAtZone: hold?.timeZone ?? null,
    }),
    ...(hold ? [] : [insertOutboxStatement(db, user.tenantId, messageId, createdAt)]),
  ]);
  if (!hold) await enqueueOutbound(env, { messageId, tenantId: user.tenantId });
  pokeHub(env, user.tenantId);

  const stored = await findMessage(db, user.tenantId, messageId);
  if (!stored) throw new Error(`message ${messageId} vanished after insert`);
  return toMessage(stored);
}

/**
 * What a send must meet once consent holds, a new message and a retry alike: on WhatsApp the
 * 24-hour window (409 when it is closed), then the candidate's quiet hours.
 * @param recipient whose night holds the message; null for Parley's own messages (the HELP answer,
 *   the START invitation, the identification), which answer the candidate at once: never held.
 * @returns the hold, or null when the message goes now.
 */
export async function windowAndHold(
  db: D1Database,
  tenantId: string,
  candidateId: string,
  channel: Channel,
  withTemplate: boolean,
  recipient: Pick<CandidateRow, 'phone' | 'phone_country'> | null,
  now: Date,
): Promise<Hold | null> {
  // Both reads at once: the WhatsApp window and quiet hours need the candidate's last message.
  const [lastInboundRow, quietHours] = await Promise.all([lastInboundAt(db, tenantId, candidateId, channel), quietHoursSettingsOf(db, tenantId)]);
  const lastInbound = lastInboundRow?.at ?? null;
  if (channel === 'whatsapp') {
    const window = canSendWhatsapp(lastInbound, withTemplate, now);
    if (!window.ok) throw new ApiError(409, window.code, window.message);
  }
  return recipient ? holdFor(recipient, lastInbound, quietHours, now) : null;
}

export type IngestOutcome = 'stored' | 'duplicate' | 'unknown_sender';

/**
 * Stores one inbound message of a verified webhook: a candidate's reply in their thread, anything
 * else kept as "unknown sender"; a replayed provider id stores nothing new. Most messages are
 * replies in an existing conversation, stored by one statement; the rest (a first message, an
 * unknown number, a replay) take a second round trip that settles which. Media is recorded, not
 * fetched, and a URL on a private network is not even kept.
 */
export async function ingestInbound(db: D1Database, integration: Integration, event: Extract<InboundEvent, { kind: 'message' }>, now: Date): Promise<IngestOutcome> {
  const row = {
    id: newId('msg'),
    tenantId: integration.tenantId,
    integrationId: integration.id,
    providerMessageId: event.providerMessageId,
    channel: event.channel,
    from: event.from,
    to: event.to,
    body: event.body,
    attachments: event.attachments.map((a) => {
      const refusal = a.url === null ? null : mediaUrlRefusal(a.url);
      return { ...a, id: newId('att'), url: refusal ? null : a.url, refusedReason: refusal };
    }),
    now: now.toISOString(),
  };
  const [reply] = await db.batch(replyInConversationStatements(db, row));
  if (reply?.meta.changes) return 'stored';
  const [, message, unknown] = await db.batch(inboundStatements(db, newId('conv'), row));
  if (message?.meta.changes) return 'stored';
  return unknown?.meta.changes ? 'unknown_sender' : 'duplicate';
}

