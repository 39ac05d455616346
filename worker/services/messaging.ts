/**
 * A recruiter's send (through the outbound gate, services/outbound.ts) and the inbound messages of
 * verified webhooks.
 * @module
 */
import type { Message, SendMessageBody } from '../../shared/api/messages.ts';
import type { InboundEvent, Integration } from '../providers/port.ts';
import { inboundStatements, replyInConversationStatements } from '../db/queries/inbound.ts';
import { toMessage } from '../db/queries/messages.ts';
import type { Bindings, SessionUser } from '../env.ts';
import { mediaUrlRefusal } from '../lib/public-url.ts';
import { ApiError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { type NewOutbound, sendOutbound } from './outbound.ts';
import { requireCandidate } from './candidates.ts';
import { requireSeat } from './seats.ts';
import { renderTemplatedSend } from './templates.ts';

/**
 * Sends a recruiter's message. A send from a template becomes its rendered text (and approved
 * WhatsApp template) before any rule runs; then the outbound gate decides, stores and enqueues.
 * A refusal (seat, consent, no number, the WhatsApp window) stores nothing.
 */
export async function sendMessage(
  env: Bindings,
  user: SessionUser,
  candidateId: string,
  input: SendMessageBody,
  now: Date,
  deliverNow?: NewOutbound['deliverNow'],
): Promise<Message> {
  const db = env.DB;
  const candidate = await requireCandidate(db, user.tenantId, candidateId);
  // Refused before the template work, which names the seat holders to ask.
  await requireSeat(db, user);
  const send = await renderTemplatedSend(db, user, candidate, input);
  const sent = await sendOutbound(
    env,
    {
      tenantId: user.tenantId,
      candidate,
      channel: send.channel,
      body: send.body,
      whatsappTemplate: send.whatsappTemplate ?? null,
      sender: { kind: 'recruiter', tenantId: user.tenantId, userId: user.userId, hasSeat: user.hasSeat },
      ...(deliverNow ? { deliverNow } : {}),
    },
    now,
  );
  if (!sent.ok) throw new ApiError(sent.refusal.status, sent.refusal.code, sent.refusal.message);
  return toMessage(sent.message);
}

export type IngestOutcome = 'stored' | 'duplicate' | 'unknown_sender';

/**
 * Stores one inbound message of a verified webhook: a candidate's reply in their thread, anything
 * else kept as "unknown sender"; a replayed provider id stores nothing new. Most messages are
 * replies in an existing conversation, stored by one statement; the rest (a first message, an
 * unknown number, a replay) take a second round trip that settles which. Media is recorded, not
 * fetched, and a URL on a private network is not even kept.
 */
export async function ingestInbound(
  db: D1Database,
  integration: Integration,
  event: Extract<InboundEvent, { kind: 'message' }>,
  now: Date,
): Promise<IngestOutcome> {
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
