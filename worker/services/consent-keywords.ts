/**
 * Keywords on inbound messages: STOP (or the provider's opt-out flag) revokes the channel for every
 * candidate of the tenant at that number, START re-subscribes them, HELP is answered with the
 * company's identification, a free-text opt-out is flagged to the recruiter; and a provider's
 * refusal because the number opted out at the carrier counts as a STOP.
 * @module
 */
import type { Channel } from '../../shared/api/channels.ts';
import { readInbound } from '../../shared/domain/consent.ts';
import type { InboundEvent, Integration } from '../providers/port.ts';
import { candidatesAtPhone } from '../db/queries/consent.ts';
import { insertOptOutFlagStatement } from '../db/queries/opt-out-flags.ts';
import { inboundAwaitingKeywords, markKeywordsAppliedStatement } from '../db/queries/messages.ts';
import { tenantName } from '../db/queries/tenants.ts';
import type { Bindings } from '../env.ts';
import { consentLanguageOf, consentWording } from './consent-wording.ts';
import { type Evidence, eventStatements, noOrigin } from './consent.ts';
import { sendComplianceMessage } from './compliance-messages.ts';

/**
 * A provider refused a send because the candidate opted out at the carrier (Twilio 21610): that
 * is a STOP we did not see, so it revokes the channel for everyone at the number, with evidence
 * naming the provider's answer. The statements go in the caller's batch with the failed message.
 */
export async function providerOptOutStatements(
  db: D1Database,
  target: { tenantId: string; phone: string; channel: Channel; provider: string; messageId: string },
  now: string,
): Promise<D1PreparedStatement[]> {
  const evidence: Evidence = {
    ...noOrigin,
    source: 'provider_flag',
    actor: `candidate ${target.phone}`,
    actorUserId: null,
    detail: `${target.provider} refused message ${target.messageId}: the number opted out at the carrier`,
  };
  const people = await candidatesAtPhone(db, target.tenantId, target.phone, target.channel);
  return people.flatMap(
    (person) =>
      eventStatements(
        db,
        { tenantId: target.tenantId, candidateId: person.id, channel: target.channel, current: person.state },
        { kind: 'stop' },
        evidence,
        now,
      ).statements,
  );
}

/**
 * Runs after an inbound message is stored, and again on a provider's retry of it: its keywords
 * are applied once, marked in the same batch as the consent change, so a worker that died between
 * storing the message and applying them leaves the work to the retry (a STOP is never lost).
 * STOP (or the provider's opt-out flag) revokes the channel for every candidate of the tenant at
 * that number; START re-subscribes them; HELP is answered with the company's identification; a
 * free-text opt-out is flagged to the recruiter.
 */
export async function applyInboundConsent(
  env: Bindings,
  integration: Integration,
  event: Extract<InboundEvent, { kind: 'message' }>,
  now: Date,
): Promise<void> {
  const db = env.DB;
  const tenantId = integration.tenantId;
  const { keyword, looksLikeOptOut: optOutLike } = readInbound(event.body, event.optOutType);
  // Most replies are neither: they cost the webhook no further D1 round trip.
  if (keyword === null && !optOutLike) return;
  // Applied already (a replay), or not a candidate's message (kept as an unknown sender).
  const stored = await inboundAwaitingKeywords(db, tenantId, integration.id, event.providerMessageId);
  if (!stored) return;
  const at = now.toISOString();
  const applied = markKeywordsAppliedStatement(db, tenantId, stored.id, at);
  const people = await candidatesAtPhone(db, tenantId, event.from, event.channel);

  if (keyword === 'stop' || keyword === 'start') {
    const evidence: Evidence = {
      ...noOrigin,
      source: event.optOutType ? 'provider_flag' : 'keyword',
      actor: `candidate ${event.from}`,
      actorUserId: null,
      detail: event.optOutType ? `${integration.provider} OptOutType=${event.optOutType}` : `replied "${event.body.trim().slice(0, 40)}" to ${event.to}`,
    };
    const statements = people.flatMap(
      (person) =>
        eventStatements(db, { tenantId, candidateId: person.id, channel: event.channel, current: person.state }, { kind: keyword }, evidence, at).statements,
    );
    // Each change applies only from the state it was judged on, so concurrent copies change it once.
    await db.batch([applied, ...statements]);
    return;
  }

  const [latest] = people;
  if (keyword === 'help') {
    // Taken first, so 50 copies of one HELP get one answer.
    const [claimed] = await db.batch([applied]);
    if (!latest || !claimed?.meta.changes) return;
    const company = (await tenantName(db, tenantId))?.name ?? 'Parley';
    const body = consentWording(consentLanguageOf(latest.language)).help(company);
    await sendComplianceMessage(
      env,
      { id: latest.id, tenant_id: tenantId, phone: event.from, phone_country: null },
      event.channel,
      'help_answer',
      body,
      { integrationId: integration.id, from: event.to, to: event.from },
      now,
    );
    return;
  }
  await db.batch([
    applied,
    insertOptOutFlagStatement(db, { tenantId, messageId: stored.id, candidateId: stored.candidate_id, channel: event.channel, now: at }),
  ]);
}
