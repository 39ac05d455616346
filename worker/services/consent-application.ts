/** Consent given or refused on an ATS application form (ATS webhooks), by the consent page's rules. */
import type { Channel } from '../../shared/api/channels.ts';
import { type ConsentEvent, optInFor } from '../../shared/domain/consent.ts';
import type { CandidateRow } from '../db/queries/candidates.ts';
import { consentsOf } from '../db/queries/consent.ts';
import { tenantName } from '../db/queries/tenants.ts';
import { optInSettingsOf } from '../db/queries/compliance-settings.ts';
import type { Bindings } from '../env.ts';
import { consentLanguageOf, consentWording, type Purpose } from './consent-wording.ts';
import { notifyTenant } from './notifier.ts';
import { type Evidence, eventStatements, noOrigin } from './consent.ts';
import { sendOptInMessage } from './compliance-messages.ts';

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
  if (changes.some((change) => change.to !== null)) notifyTenant(env, tenantId);

  const purpose: Purpose = { company: tenant?.name ?? 'Parley', recruiter: consentWording(language).hiringTeam, jobTitle: candidate.job_title };
  for (const { channel, to } of changes) {
    if (to === 'awaiting_start') await sendOptInMessage(env, { candidate, purpose, language }, channel, 'start_invitation', now);
    if (to === 'granted') await sendOptInMessage(env, { candidate, purpose, language }, channel, 'identification', now);
  }
}
