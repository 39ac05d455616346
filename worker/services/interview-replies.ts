/**
 * A candidate's reply to an invitation: "1"/YES/JA/OUI/SÍ confirm, "2"/NO/NEIN/NON/NEE decline —
 * only while an invitation waits on the channel the reply came by; otherwise, and for anything
 * else, the reply is an ordinary message. It is stored and shown in the thread either way (the
 * webhook stored it before this runs). STOP, START and HELP are consent keywords and win: they
 * never reach here as an answer.
 * @module
 */
import { readInbound } from '../../shared/domain/consent.ts';
import { mayAnswerInterview, parseInterviewReply, replyEvent } from '../../shared/domain/interviews.ts';
import { awaitingAnswerFromInbound } from '../db/queries/interviews.ts';
import type { Bindings } from '../env.ts';
import type { InboundEvent, Integration } from '../providers/port.ts';
import { answerInterview } from './interviews.ts';

const channelName = { sms: 'SMS', whatsapp: 'WhatsApp' } as const;

/** Applied after the consent keywords; a provider's retry of the same reply changes nothing (the answer moved the state). */
export async function applyInterviewReply(
  env: Bindings,
  integration: Integration,
  event: Extract<InboundEvent, { kind: 'message' }>,
  now: Date,
): Promise<void> {
  // Most messages are no answer word in any language: they cost the webhook no D1 round trip.
  if (!mayAnswerInterview(event.body) || readInbound(event.body, event.optOutType).keyword !== null) return;
  const interview = await awaitingAnswerFromInbound(env.DB, integration.tenantId, integration.id, event.providerMessageId);
  if (!interview) return;
  const reply = parseInterviewReply(event.body, interview.language);
  const answer = reply ? replyEvent(interview.state, reply) : null;
  if (!answer || (answer.kind !== 'confirm' && answer.kind !== 'decline')) return;
  await answerInterview(
    env,
    interview,
    answer,
    { candidate: `candidate ${event.from}`, origin: { ip: null, userAgent: null } },
    now,
    `replied "${event.body.trim().slice(0, 20)}" by ${channelName[event.channel]}`,
  );
}
