/**
 * Consent changes, in the order the rules demand: read the current state, ask the one model
 * (shared/domain/consent.ts) what the event makes of it, then write the new state and its
 * evidence record together. Keywords on inbound messages, consent requests by email, the
 * consent page's decisions and the evidence export all go through here.
 * @module
 */
import Papa from 'papaparse';
import type { Channel } from '../../shared/api/channels.ts';
import type { ConsentEvidenceExport, ConsentPane, ConsentRequestBody, ConsentRequestResult } from '../../shared/api/consent.ts';
import {
  canRequestConsent,
  canSendCompliance,
  type ComplianceMessage,
  type ConsentEvent,
  type ConsentState,
  nextConsentState,
  optInFor,
  readInbound,
} from '../../shared/domain/consent.ts';
import { mergeValuesOf, renderTemplate } from '../../shared/domain/template.ts';
import { canSendWhatsapp } from '../../shared/domain/whatsapp-window.ts';
import type { InboundEvent, Integration } from '../channels/port.ts';
import { type CandidateRow, consentsOf } from '../db/queries/candidates.ts';
import {
  candidatesAtPhone,
  type ConsentChange,
  consentLinkContext,
  type ConsentLinkRow,
  consentStateOf,
  changeConsentStatements,
  findConsentLink,
  findInboundMessage,
  insertConsentLinkStatement,
  insertOptOutFlagStatement,
  lastChanges,
  listEvidence,
  openOptOutFlags,
  optInSettingsOf,
  resolveOptOutFlagsStatement,
  tenantName,
  useConsentLinkStatement,
} from '../db/queries/consent.ts';
import { insertOutboxStatement, lastInboundAt } from '../db/queries/delivery.ts';
import { pickSendingNumber } from '../db/queries/integrations.ts';
import { insertMessageStatements } from '../db/queries/messages.ts';
import { findTemplateByPurpose } from '../db/queries/templates.ts';
import { emailSenderFor } from '../email/registry.ts';
import type { Bindings, SessionUser } from '../env.ts';
import { randomToken, sha256Hex } from '../lib/crypto.ts';
import { ApiError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import type { RequestOrigin } from './audit.ts';
import { requireCandidate } from './candidates.ts';
import { CONSENT_WORDING_VERSION, type ConsentLanguage, consentLanguageOf, consentWording, type Purpose } from './consent-wording.ts';
import { enqueueOutbound } from './messaging.ts';
import { pokeHub } from './realtime.ts';

type Evidence = Pick<ConsentChange, 'source' | 'actor' | 'actorUserId' | 'ip' | 'userAgent' | 'wordingVersion' | 'language' | 'detail'>;

const noOrigin = { ip: null, userAgent: null, wordingVersion: null, language: null };

/** The statements for one event on one candidate's channel, none when the model says nothing changes. */
function eventStatements(
  db: D1Database,
  target: { tenantId: string; candidateId: string; channel: Channel; current: ConsentState },
  event: ConsentEvent,
  evidence: Evidence,
  now: string,
): { to: ConsentState | null; statements: D1PreparedStatement[] } {
  const to = nextConsentState(target.current, event);
  if (to === null) return { to, statements: [] };
  return { to, statements: changeConsentStatements(db, { ...target, from: target.current, to, ...evidence, now }) };
}

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
    (person) => eventStatements(db, { tenantId: target.tenantId, candidateId: person.id, channel: target.channel, current: person.state }, { kind: 'stop' }, evidence, now).statements,
  );
}

// ---- keywords on inbound messages -------------------------------------------------------------

/**
 * Runs after an inbound message is stored. STOP (or the provider's opt-out flag) revokes the
 * channel for every candidate of the tenant at that number; START re-subscribes them; HELP is
 * answered with the company's identification; a free-text opt-out is flagged to the recruiter.
 */
export async function applyInboundConsent(env: Bindings, integration: Integration, event: Extract<InboundEvent, { kind: 'message' }>, now: Date): Promise<void> {
  const db = env.DB;
  const tenantId = integration.tenantId;
  const { keyword, looksLikeOptOut: optOutLike } = readInbound(event.body, event.optOutType);
  // Most replies are neither: they cost the webhook no further D1 round trip.
  if (keyword === null && !optOutLike) return;
  const people = await candidatesAtPhone(db, tenantId, event.from, event.channel);
  if (people.length === 0) return;
  const at = now.toISOString();

  if (keyword === 'stop' || keyword === 'start') {
    const evidence: Evidence = {
      ...noOrigin,
      source: event.optOutType ? 'provider_flag' : 'keyword',
      actor: `candidate ${event.from}`,
      actorUserId: null,
      detail: event.optOutType ? `${integration.provider} OptOutType=${event.optOutType}` : `replied "${event.body.trim().slice(0, 40)}" to ${event.to}`,
    };
    const statements = people.flatMap(
      (person) => eventStatements(db, { tenantId, candidateId: person.id, channel: event.channel, current: person.state }, { kind: keyword }, evidence, at).statements,
    );
    if (statements.length) await db.batch(statements);
    return;
  }

  const [latest] = people;
  if (!latest) return;
  if (keyword === 'help') {
    const company = (await tenantName(db, tenantId))?.name ?? 'Parley';
    const body = consentWording(consentLanguageOf(latest.language)).help(company);
    await queueComplianceMessage(env, tenantId, latest.id, event.channel, 'help_answer', body, { integrationId: integration.id, from: event.to, to: event.from }, now);
    return;
  }
  if (optOutLike) {
    const stored = await findInboundMessage(db, tenantId, integration.id, event.providerMessageId);
    if (stored) await insertOptOutFlagStatement(db, { tenantId, messageId: stored.id, candidateId: stored.candidate_id, channel: event.channel, now: at }).run();
  }
}

/**
 * Stores and queues a message Parley sends on its own (HELP answer, START invitation,
 * identification) through the same outbox as a recruiter's message — but only when the consent
 * model allows that message in the candidate's current state. @returns the message id, or null.
 */
async function queueComplianceMessage(
  env: Bindings,
  tenantId: string,
  candidateId: string,
  channel: Channel,
  kind: ComplianceMessage,
  body: string,
  route: { integrationId: string; from: string; to: string },
  now: Date,
): Promise<string | null> {
  const db = env.DB;
  if (!canSendCompliance(await consentStateOf(db, tenantId, candidateId, channel), kind)) return null;
  // Free text on WhatsApp only inside the 24-hour window; outside it the candidate can still reply START.
  if (channel === 'whatsapp' && !canSendWhatsapp((await lastInboundAt(db, tenantId, candidateId, channel))?.at ?? null, false, now).ok) return null;
  const messageId = newId('msg');
  const createdAt = now.toISOString();
  await db.batch([
    ...insertMessageStatements(db, newId('conv'), {
      id: messageId,
      tenantId,
      candidateId,
      channel,
      direction: 'outbound',
      body,
      status: 'queued',
      senderUserId: null,
      integrationId: route.integrationId,
      fromNumber: route.from,
      toNumber: route.to,
      providerMessageId: null,
      createdAt,
    }),
    insertOutboxStatement(db, tenantId, messageId, createdAt),
  ]);
  await enqueueOutbound(env, { messageId, tenantId });
  pokeHub(env, tenantId);
  return messageId;
}

// ---- consent requests by email ------------------------------------------------------------------

const LINK_LIFETIME_DAYS = 14;

export const consentLinkPath = (token: string) => `/c/${token}`;

/**
 * Emails the candidate a one-time link to the consent page and marks the channels asked about as
 * requested. Channels already open or waiting for START are not asked again.
 */
export async function requestConsent(env: Bindings, user: SessionUser, candidateId: string, input: ConsentRequestBody, linkOrigin: string, now: Date): Promise<ConsentRequestResult> {
  const db = env.DB;
  const candidate = await requireCandidate(db, user.tenantId, candidateId);
  if (!candidate.email) throw new ApiError(409, 'conflict', 'The candidate has no email address in the ATS, so no consent link can be sent.');
  const consent = await consentsOf(db, user.tenantId, candidate.id);
  const wanted: Channel[] = input.channels ?? ['sms', 'whatsapp'];
  const channels = [...new Set(wanted)].filter((channel) => canRequestConsent(consent[channel]));
  if (channels.length === 0) throw new ApiError(409, 'conflict', 'The candidate already consented (or is confirming with START) on the channels asked about.');

  const token = randomToken();
  const language = consentLanguageOf(candidate.language);
  const expiresAt = new Date(now.getTime() + LINK_LIFETIME_DAYS * 86_400_000).toISOString();
  const evidence: Evidence = {
    source: 'recruiter',
    actor: `recruiter ${user.name} <${user.email}>`,
    actorUserId: user.userId,
    ip: null,
    userAgent: null,
    wordingVersion: CONSENT_WORDING_VERSION,
    language,
    detail: `consent link emailed to ${candidate.email}`,
  };
  await db.batch([
    insertConsentLinkStatement(db, {
      id: newId('clk'),
      tenant_id: user.tenantId,
      candidate_id: candidate.id,
      requested_by: user.userId,
      channels,
      language,
      wording_version: CONSENT_WORDING_VERSION,
      tokenHash: await sha256Hex(token),
      createdAt: now.toISOString(),
      expires_at: expiresAt,
    }),
    ...channels.flatMap(
      (channel) => eventStatements(db, { tenantId: user.tenantId, candidateId: candidate.id, channel, current: consent[channel] }, { kind: 'request' }, evidence, now.toISOString()).statements,
    ),
  ]);
  pokeHub(env, user.tenantId);
  const wording = consentWording(language);
  const purpose: Purpose = { company: user.tenantName, recruiter: user.name, jobTitle: candidate.job_title };
  await emailSenderFor(env).send({
    tenantId: user.tenantId,
    to: candidate.email,
    subject: wording.emailSubject(user.tenantName),
    text: wording.emailBody(candidate.name, purpose, `${linkOrigin}${consentLinkPath(token)}`, LINK_LIFETIME_DAYS),
  });
  return { channels, sentTo: candidate.email, expiresAt, consent: await consentsOf(db, user.tenantId, candidate.id) };
}

// ---- the consent page -----------------------------------------------------------------------------

export type OpenConsentLink = {
  ok: true;
  link: ConsentLinkRow;
  channels: Channel[];
  candidate: CandidateRow;
  purpose: Purpose;
  language: ConsentLanguage;
  consent: Record<Channel, ConsentState>;
};
export type ClosedConsentLink = { ok: false; reason: 'unknown' | 'expired' | 'used'; language: ConsentLanguage };

/** The link behind a token, or why it cannot be used. The token is the only key: the page has no session. */
export async function openConsentLink(db: D1Database, token: string, now: Date): Promise<OpenConsentLink | ClosedConsentLink> {
  const link = await findConsentLink(db, await sha256Hex(token));
  if (!link) return { ok: false, reason: 'unknown', language: 'en' };
  const language = consentLanguageOf(link.language);
  if (link.used_at) return { ok: false, reason: 'used', language };
  if (link.expires_at <= now.toISOString()) return { ok: false, reason: 'expired', language };
  const context = await consentLinkContext(db, link);
  if (!context) return { ok: false, reason: 'unknown', language };
  const { company_name, recruiter_name, ...candidate } = context;
  return {
    ok: true,
    link,
    channels: JSON.parse(link.channels) as Channel[],
    candidate,
    purpose: { company: company_name, recruiter: recruiter_name, jobTitle: candidate.job_title },
    language,
    consent: await consentsOf(db, link.tenant_id, link.candidate_id),
  };
}

export type ConsentDecisions = Partial<Record<Channel, 'grant' | 'decline'>>;

/**
 * The candidate's choice on the page: uses the link up first (so a replayed form changes
 * nothing), then records each channel's decision with the page's evidence. A grant opens the
 * channel under single opt-in — the identification message goes out first — or waits for START
 * under double opt-in, with the invitation to reply START.
 */
export async function decideConsent(env: Bindings, opened: OpenConsentLink, decisions: ConsentDecisions, origin: RequestOrigin, now: Date): Promise<{ awaitingStart: boolean } | 'used'> {
  const db = env.DB;
  const { link, candidate } = opened;
  const at = now.toISOString();
  const used = await useConsentLinkStatement(db, link.tenant_id, link.id, at).run();
  if (!used.meta.changes) return 'used';

  const optIn = optInFor(await optInSettingsOf(db, link.tenant_id), candidate.phone_country);
  const evidence: Evidence = {
    source: 'consent_page',
    actor: 'candidate',
    actorUserId: null,
    ip: origin.ip,
    userAgent: origin.userAgent,
    wordingVersion: link.wording_version,
    language: opened.language,
    detail: '',
  };
  const changes = opened.channels.flatMap((channel) => {
    const decision = decisions[channel];
    if (!decision) return [];
    const event: ConsentEvent = decision === 'grant' ? { kind: 'grant', optIn } : { kind: 'decline' };
    const detail = decision === 'grant' ? `granted on the consent page (${optIn} opt-in for ${candidate.phone_country ?? 'an unknown country'})` : 'declined on the consent page';
    const change = eventStatements(db, { tenantId: link.tenant_id, candidateId: candidate.id, channel, current: opened.consent[channel] }, event, { ...evidence, detail }, at);
    return [{ channel, ...change }];
  });
  const statements = changes.flatMap((change) => change.statements);
  if (statements.length) await db.batch(statements);
  pokeHub(env, link.tenant_id);

  for (const { channel, to } of changes) {
    if (to === 'awaiting_start') await sendOptInMessage(env, opened, channel, 'start_invitation', now);
    if (to === 'granted') await sendOptInMessage(env, opened, channel, 'identification', now);
  }
  return { awaitingStart: changes.some((change) => change.to === 'awaiting_start') };
}

/** The tenant's own template for the message (admins may have edited it), in the job ad's language. */
async function sendOptInMessage(
  env: Bindings,
  opened: Pick<OpenConsentLink, 'candidate' | 'purpose' | 'language'>,
  channel: Channel,
  kind: 'start_invitation' | 'identification',
  now: Date,
): Promise<void> {
  const { candidate, purpose } = opened;
  if (!candidate.phone) return;
  const purposeKey = kind === 'start_invitation' ? 'consent_request' : 'opt_in_identification';
  const template =
    (await findTemplateByPurpose(env.DB, candidate.tenant_id, purposeKey, opened.language)) ??
    (await findTemplateByPurpose(env.DB, candidate.tenant_id, purposeKey, 'en'));
  const number = await pickSendingNumber(env.DB, candidate.tenant_id, channel, candidate.phone_country);
  if (!template || !number) {
    console.error(JSON.stringify({ candidateId: candidate.id, channel, kind, error: template ? 'no sending number' : `no ${purposeKey} template` }));
    return;
  }
  const rendered = renderTemplate(
    template.body,
    mergeValuesOf({ candidate: { name: candidate.name, jobTitle: candidate.job_title }, companyName: purpose.company, recruiterName: purpose.recruiter, interview: null }),
  );
  if (!rendered.ok) {
    console.error(JSON.stringify({ candidateId: candidate.id, channel, kind, error: `template ${template.id} cannot be filled` }));
    return;
  }
  await queueComplianceMessage(env, candidate.tenant_id, candidate.id, channel, kind, rendered.text, {
    integrationId: number.integration.id,
    from: number.phoneNumber,
    to: candidate.phone,
  }, now);
}

// ---- consent at application (ATS webhooks) -----------------------------------------------------

/** The candidate's answer on the application form, for one channel, and the evidence detail naming question, answer and event. */
export type ApplicationDecisions = Partial<Record<Channel, { decision: 'grant' | 'decline'; detail: string }>>;

/**
 * The candidate's choice on an ATS application form, by the consent page's rules: a grant opens
 * the channel under single opt-in (the identification message first) or waits for START under
 * double opt-in (the invitation goes out); a no declines. `gate` — the event's idempotency row —
 * is written in the same batch, so when it fails (the event was applied already, perhaps by a
 * concurrent delivery) nothing is written and nothing is sent; its error propagates.
 */
export async function applyApplicationConsent(
  env: Bindings,
  candidate: CandidateRow,
  decisions: ApplicationDecisions,
  gate: D1PreparedStatement,
  now: Date,
): Promise<void> {
  const db = env.DB;
  const tenantId = candidate.tenant_id;
  const language = consentLanguageOf(candidate.language);
  const [consent, settings, tenant] = await Promise.all([consentsOf(db, tenantId, candidate.id), optInSettingsOf(db, tenantId), tenantName(db, tenantId)]);
  const optIn = optInFor(settings, candidate.phone_country);
  const at = now.toISOString();
  const changes = (['sms', 'whatsapp'] as const).map((channel) => {
    const decided = decisions[channel];
    if (!decided) return { channel, to: null, statements: [] };
    const event: ConsentEvent = decided.decision === 'grant' ? { kind: 'grant', optIn } : { kind: 'decline' };
    const detail = decided.decision === 'grant' ? `${decided.detail} (${optIn} opt-in for ${candidate.phone_country ?? 'an unknown country'})` : decided.detail;
    // The ATS's server calls, not the candidate's browser: no IP or user agent of theirs to keep.
    const evidence: Evidence = { ...noOrigin, source: 'application', actor: 'candidate', actorUserId: null, language, detail };
    return { channel, ...eventStatements(db, { tenantId, candidateId: candidate.id, channel, current: consent[channel] }, event, evidence, at) };
  });
  await db.batch([gate, ...changes.flatMap((change) => change.statements)]);
  if (changes.some((change) => change.to !== null)) pokeHub(env, tenantId);

  const purpose: Purpose = { company: tenant?.name ?? 'Parley', recruiter: consentWording(language).hiringTeam, jobTitle: candidate.job_title };
  for (const { channel, to } of changes) {
    if (to === 'awaiting_start') await sendOptInMessage(env, { candidate, purpose, language }, channel, 'start_invitation', now);
    if (to === 'granted') await sendOptInMessage(env, { candidate, purpose, language }, channel, 'identification', now);
  }
}

// ---- the consent pane -----------------------------------------------------------------------------

export async function consentPaneOf(db: D1Database, user: SessionUser, candidateId: string): Promise<ConsentPane> {
  const candidate = await requireCandidate(db, user.tenantId, candidateId);
  const [consent, settings, changes, flags] = await Promise.all([
    consentsOf(db, user.tenantId, candidate.id),
    optInSettingsOf(db, user.tenantId),
    lastChanges(db, user.tenantId, candidate.id),
    openOptOutFlags(db, user.tenantId, candidate.id),
  ]);
  const lastChange: ConsentPane['lastChange'] = { sms: null, whatsapp: null };
  for (const change of changes) lastChange[change.channel] = { state: change.state, source: change.source, at: change.created_at };
  return {
    consent,
    optIn: optInFor(settings, candidate.phone_country),
    country: candidate.phone_country,
    lastChange,
    openOptOutFlags: flags.map((flag) => ({ messageId: flag.message_id, channel: flag.channel, body: flag.body, at: flag.created_at })),
  };
}

/** The recruiter's one-click revoke (after a free-text opt-out, or on the candidate's word by phone); resolves the channel's flags. */
export async function revokeByRecruiter(db: D1Database, user: SessionUser, candidateId: string, channel: Channel, now: Date): Promise<ConsentPane> {
  const candidate = await requireCandidate(db, user.tenantId, candidateId);
  const at = now.toISOString();
  const current = await consentStateOf(db, user.tenantId, candidate.id, channel);
  const { statements } = eventStatements(
    db,
    { tenantId: user.tenantId, candidateId: candidate.id, channel, current },
    { kind: 'stop' },
    { ...noOrigin, source: 'recruiter', actor: `recruiter ${user.name} <${user.email}>`, actorUserId: user.userId, detail: 'revoked by the recruiter' },
    at,
  );
  await db.batch([...statements, resolveOptOutFlagsStatement(db, user.tenantId, candidate.id, channel, at)]);
  return consentPaneOf(db, user, candidate.id);
}

// ---- evidence export ------------------------------------------------------------------------------

export async function consentEvidenceOf(db: D1Database, user: SessionUser, candidateId: string): Promise<ConsentEvidenceExport> {
  const candidate = await requireCandidate(db, user.tenantId, candidateId);
  const rows = await listEvidence(db, user.tenantId, candidate.id);
  return {
    candidateId: candidate.id,
    candidateName: candidate.name,
    consent: await consentsOf(db, user.tenantId, candidate.id),
    records: rows.map((row) => ({
      seq: row.seq,
      channel: row.channel,
      state: row.state,
      previousState: row.previous_state,
      source: row.source,
      actor: row.actor,
      actorUserId: row.actor_user_id,
      ip: row.ip,
      userAgent: row.user_agent,
      wordingVersion: row.wording_version,
      language: row.language,
      detail: row.detail,
      at: row.created_at,
    })),
  };
}

/** One row per record; formula-looking cells are escaped so a spreadsheet does not run them. */
export function evidenceCsv(evidence: ConsentEvidenceExport): string {
  return Papa.unparse(
    evidence.records.map((r) => ({
      candidate_id: evidence.candidateId,
      candidate_name: evidence.candidateName,
      at: r.at,
      channel: r.channel,
      previous_state: r.previousState,
      state: r.state,
      source: r.source,
      actor: r.actor,
      actor_user_id: r.actorUserId ?? '',
      ip: r.ip ?? '',
      user_agent: r.userAgent ?? '',
      wording_version: r.wordingVersion ?? '',
      language: r.language ?? '',
      detail: r.detail,
    })),
    {
      escapeFormulae: true,
      columns: ['candidate_id', 'candidate_name', 'at', 'channel', 'previous_state', 'state', 'source', 'actor', 'actor_user_id', 'ip', 'user_agent', 'wording_version', 'language', 'detail'],
    },
  );
}
