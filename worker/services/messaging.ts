/**
 * Sending and receiving, in the order the rules demand: check, store, then hand to the provider.
 * @module
 */
import type { Message, SendMessageBody } from '../../shared/api/messages.ts';
import { canSend } from '../../shared/domain/consent.ts';
import { adapterFor } from '../channels/registry.ts';
import type { InboundEvent, Integration } from '../channels/port.ts';
import { consentsOf, findCandidateByPhone } from '../db/queries/candidates.ts';
import { pickSendingNumber } from '../db/queries/integrations.ts';
import {
  findMessage,
  insertMessageStatements,
  markFailed,
  markSent,
  type MessageRow,
} from '../db/queries/messages.ts';
import type { Bindings, SessionUser } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { newId, nowIso } from '../lib/ids.ts';
import { requireCandidate } from './candidates.ts';

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
});

/**
 * Sends a recruiter's message. A refusal (consent, no number) stores nothing; once stored, the
 * message ends `sent` or `failed` with the provider's reason — never silently lost.
 */
export async function sendMessage(
  env: Bindings,
  user: SessionUser,
  candidateId: string,
  input: SendMessageBody,
): Promise<Message> {
  const db = env.DB;
  const candidate = await requireCandidate(db, user.tenantId, candidateId);
  const decision = canSend(await consentsOf(db, user.tenantId, candidate.id), input.channel);
  if (!decision.ok) throw new ApiError(409, decision.refusal.code, decision.refusal.message);
  if (!candidate.phone) {
    throw new ApiError(409, 'conflict', 'The candidate has no valid phone number in the ATS.');
  }
  const number = await pickSendingNumber(db, user.tenantId, input.channel, candidate.phone_country);
  if (!number) {
    throw new ApiError(409, 'conflict', `Your company has no ${input.channel.toUpperCase()} sending number yet. Ask an admin to add one.`);
  }

  const messageId = newId('msg');
  await db.batch(
    insertMessageStatements(db, newId('conv'), {
      id: messageId,
      tenantId: user.tenantId,
      candidateId: candidate.id,
      channel: input.channel,
      direction: 'outbound',
      body: input.body,
      status: 'queued',
      senderUserId: user.userId,
      integrationId: number.integration.id,
      fromNumber: number.phoneNumber,
      toNumber: candidate.phone,
      providerMessageId: null,
      createdAt: nowIso(),
    }),
  );

  const result = await adapterFor(number.integration.provider)
    .send({ channel: input.channel, from: number.phoneNumber, to: candidate.phone, body: input.body, reference: messageId }, number.integration, env)
    .catch((error: unknown) => ({ ok: false as const, reason: `The provider could not be reached: ${String(error)}`, retryable: true }));
  if (result.ok) await markSent(db, user.tenantId, messageId, result.providerMessageId, nowIso());
  else await markFailed(db, user.tenantId, messageId, result.reason, nowIso());

  const stored = await findMessage(db, user.tenantId, messageId);
  if (!stored) throw new Error(`message ${messageId} vanished after insert`);
  return toMessage(stored);
}

export type IngestOutcome = 'stored' | 'duplicate' | 'unknown_sender';

/** Stores one inbound message of a verified webhook; a replayed provider id stores nothing new. */
export async function ingestInbound(db: D1Database, integration: Integration, event: InboundEvent): Promise<IngestOutcome> {
  const candidate = await findCandidateByPhone(db, integration.tenantId, event.from);
  if (!candidate) return 'unknown_sender';
  const [, insert] = await db.batch(
    insertMessageStatements(db, newId('conv'), {
      id: newId('msg'),
      tenantId: integration.tenantId,
      candidateId: candidate.id,
      channel: event.channel,
      direction: 'inbound',
      body: event.body,
      status: 'received',
      senderUserId: null,
      integrationId: integration.id,
      fromNumber: event.from,
      toNumber: event.to,
      providerMessageId: event.providerMessageId,
      createdAt: nowIso(),
    }),
  );
  return insert?.meta.changes ? 'stored' : 'duplicate';
}

