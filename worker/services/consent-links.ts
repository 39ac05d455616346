/**
 * Consent by email: the recruiter's request emails the candidate a one-time link to the consent
 * page; the page's decisions are recorded with its evidence, and a grant sends the START
 * invitation or the identification.
 * @module
 */
import type { Channel } from '../../shared/api/channels.ts';
import type { ConsentRequestBody, ConsentRequestResult } from '../../shared/api/consent.ts';
import { canAskConsent, canRequestConsent, type ConsentEvent, type ConsentState, optInFor } from '../../shared/domain/consent.ts';
import type { CandidateRow } from '../db/queries/candidates.ts';
import { consentsOf } from '../db/queries/consent.ts';
import {
  consentLinkContext,
  type ConsentLinkRow,
  findConsentLink,
  insertConsentLinkStatement,
  spendConsentLinkStatement,
} from '../db/queries/consent-links.ts';
import { optInSettingsOf } from '../db/queries/compliance-settings.ts';
import { emailSenderFor } from '../email/registry.ts';
import type { Bindings, SessionUser } from '../env.ts';
import { randomToken, sha256Hex } from '../lib/crypto.ts';
import { ApiError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import type { RequestOrigin } from './audit.ts';
import { requireCandidate } from './candidates.ts';
import { CONSENT_WORDING_VERSION, type ConsentLanguage, consentLanguageOf, consentWording, type Purpose } from './consent-wording.ts';
import { notifyTenant } from './notifier.ts';
import { type Evidence, eventStatements } from './consent.ts';
import { sendOptInMessage } from './compliance-messages.ts';

const LINK_LIFETIME_DAYS = 14;

export const consentLinkPath = (token: string) => `/c/${token}`;

/**
 * Emails the candidate a one-time link to the consent page and marks the channels asked about as
 * requested. Channels already open or waiting for START are not asked again.
 */
export async function requestConsent(
  env: Bindings,
  user: SessionUser,
  candidateId: string,
  input: ConsentRequestBody,
  linkOrigin: string,
  now: Date,
): Promise<ConsentRequestResult> {
  const db = env.DB;
  const candidate = await requireCandidate(db, user.tenantId, candidateId);
  const askable = canAskConsent(candidate);
  if (!askable.ok) throw new ApiError(409, 'conflict', askable.refusal);
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
    detail: `consent link emailed to ${askable.email}`,
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
      (channel) =>
        eventStatements(
          db,
          { tenantId: user.tenantId, candidateId: candidate.id, channel, current: consent[channel] },
          { kind: 'request' },
          evidence,
          now.toISOString(),
        ).statements,
    ),
  ]);
  notifyTenant(env, user.tenantId);
  const wording = consentWording(language);
  const purpose: Purpose = { company: user.tenantName, recruiter: user.name, jobTitle: candidate.job_title };
  await emailSenderFor(env).send({
    tenantId: user.tenantId,
    to: askable.email,
    subject: wording.emailSubject(user.tenantName),
    text: wording.emailBody(candidate.name, purpose, `${linkOrigin}${consentLinkPath(token)}`, LINK_LIFETIME_DAYS),
  });
  return { channels, sentTo: askable.email, expiresAt, consent: await consentsOf(db, user.tenantId, candidate.id) };
}

export type OpenConsentLink = {
  ok: true;
  link: ConsentLinkRow;
  channels: Channel[];
  candidate: CandidateRow;
  purpose: Purpose;
  /** The company's privacy policy, linked from the page; null when the admin set none. */
  privacyUrl: string | null;
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
  const { company_name, company_privacy_url, recruiter_name, ...candidate } = context;
  return {
    ok: true,
    link,
    channels: JSON.parse(link.channels) as Channel[],
    candidate,
    purpose: { company: company_name, recruiter: recruiter_name, jobTitle: candidate.job_title },
    privacyUrl: company_privacy_url,
    language,
    consent: await consentsOf(db, link.tenant_id, link.candidate_id),
  };
}

export type ConsentDecisions = Partial<Record<Channel, 'grant' | 'decline'>>;

/**
 * The candidate's choice on the page: uses the link up in the same batch that records each
 * channel's decision with the page's evidence, so a replayed form changes nothing and a crash
 * cannot spend the link without a decision. A grant opens the
 * channel under single opt-in — the identification message goes out first — or waits for START
 * under double opt-in, with the invitation to reply START.
 */
export async function decideConsent(
  env: Bindings,
  opened: OpenConsentLink,
  decisions: ConsentDecisions,
  origin: RequestOrigin,
  now: Date,
): Promise<{ awaitingStart: boolean } | 'used'> {
  const db = env.DB;
  const { link, candidate } = opened;
  const at = now.toISOString();
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
    const detail =
      decision === 'grant'
        ? `granted on the consent page (${optIn} opt-in for ${candidate.phone_country ?? 'an unknown country'})`
        : 'declined on the consent page';
    const change = eventStatements(
      db,
      { tenantId: link.tenant_id, candidateId: candidate.id, channel, current: opened.consent[channel] },
      event,
      { ...evidence, detail },
      at,
    );
    return [{ channel, ...change }];
  });
  // A racing second submission finds the link spent (answered 'used'); its decisions, like every
  // consent change, only apply where the channel is still in the state the page was opened with.
  const [spent] = await db.batch([spendConsentLinkStatement(db, link.tenant_id, link.id, at), ...changes.flatMap((change) => change.statements)]);
  if (!spent?.meta.changes) return 'used';
  notifyTenant(env, link.tenant_id);

  for (const { channel, to } of changes) {
    if (to === 'awaiting_start') await sendOptInMessage(env, opened, channel, 'start_invitation', now);
    if (to === 'granted') await sendOptInMessage(env, opened, channel, 'identification', now);
  }
  return { awaitingStart: changes.some((change) => change.to === 'awaiting_start') };
}
