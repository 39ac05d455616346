import type { Candidate, CandidateContext } from '../../shared/api/candidates.ts';
import type { Channel } from '../../shared/api/channels.ts';
import { type ConsentSource, isNumberChange, nextConsentState } from '../../shared/domain/consent.ts';
import { normalisePhone } from '../../shared/domain/phone.ts';
import { timeZonesOfPhone } from '../../shared/domain/phone-time-zones.ts';
import { type QuietHoursSettings, type QuietNight, quietNightOf } from '../../shared/domain/quiet-hours.ts';
import { type CandidateRow, findCandidate, findCandidateByAtsId, upsertCandidate } from '../db/queries/candidates.ts';
import { nextCandidateLanguage } from '../../shared/domain/candidate-language.ts';
import { changeConsentStatements, consentsAndQuietHoursOf, consentsOf } from '../db/queries/consent.ts';
import type { SessionUser } from '../env.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { isProfileUrlOf } from './site-profiles.ts';

/** The candidate's night for the quiet-hours rule: null without a phone number or with quiet hours off for their country. */
export function candidateNight(candidate: Pick<CandidateRow, 'phone' | 'phone_country'>, settings: QuietHoursSettings): QuietNight | null {
  return candidate.phone ? quietNightOf(timeZonesOfPhone(candidate.phone), candidate.phone_country, settings) : null;
}

export async function toCandidate(db: D1Database, row: CandidateRow): Promise<Candidate> {
  const { consent, quietHours } = await consentsAndQuietHoursOf(db, row.tenant_id, row.id);
  return {
    id: row.id,
    ats: row.ats,
    atsCandidateId: row.ats_candidate_id,
    name: row.name,
    phone: row.phone,
    phoneCountry: row.phone_country,
    email: row.email,
    jobTitle: row.job_title,
    language: row.language,
    consent,
    quietHours: candidateNight(row, quietHours),
  };
}

/** The candidate an ATS page shows, created in the user's tenant on first sight. */
export async function resolveCandidate(db: D1Database, user: SessionUser, context: CandidateContext, now: Date): Promise<Candidate> {
  if (context.profileUrl !== undefined && !(await isProfileUrlOf(db, user.tenantId, context.ats, context.profileUrl))) {
    // The inbox and notifications open this link: it must lead to the ATS the candidate is from.
    throw new ApiError(422, 'validation_failed', `profileUrl: not a page of the "${context.ats}" ATS.`);
  }
  const origin: CandidateOrigin = { source: 'recruiter', actor: `recruiter ${user.name} <${user.email}>`, actorUserId: user.userId };
  return toCandidate(db, await upsertFromAts(db, user.tenantId, context, now, origin));
}

/** Who told Parley what the ATS says: the evidence of a consent reset by a number change names them. */
export type CandidateOrigin = { source: ConsentSource; actor: string; actorUserId: string | null };

/** An ATS webhook's application (services/ats-webhooks.ts). */
const ATS_WEBHOOK: CandidateOrigin = { source: 'application', actor: 'ATS webhook', actorUserId: null };

const CHANNELS: readonly Channel[] = ['sms', 'whatsapp'];

/**
 * Creates or refreshes the tenant's candidate from what an ATS says about them — a page the panel
 * read, or an application webhook — keyed by (ats, atsCandidateId), the phone normalised. Consent
 * is given for a number: when the number changes, both channels go back to `none` in the same
 * batch, each with an evidence record naming the old and the new number.
 */
export async function upsertFromAts(
  db: D1Database,
  tenantId: string,
  context: CandidateContext,
  now: Date,
  origin: CandidateOrigin = ATS_WEBHOOK,
): Promise<CandidateRow> {
  const phone = context.phone ? normalisePhone(context.phone) : null;
  const at = now.toISOString();
  const known = await findCandidateByAtsId(db, tenantId, context.ats, context.atsCandidateId);
  const language = nextCandidateLanguage(known && { language: known.language, source: known.language_source }, {
    language: context.language,
    from: origin.source === 'application' ? 'ats' : 'page',
  });
  const upsert = upsertCandidate(
    db,
    tenantId,
    newId('cand'),
    {
      ats: context.ats,
      ats_candidate_id: context.atsCandidateId,
      name: context.name,
      phone: phone?.e164 ?? null,
      phone_country: phone?.country ?? null,
      email: context.email,
      job_title: context.jobTitle,
      language: language.language,
      language_source: language.source,
      profile_url: context.profileUrl ?? null,
    },
    at,
  );
  const resets: D1PreparedStatement[] = [];
  if (known && isNumberChange(known.phone, phone?.e164 ?? null)) {
    const consent = await consentsOf(db, tenantId, known.id);
    for (const channel of CHANNELS) {
      const to = nextConsentState(consent[channel], { kind: 'number_changed' });
      if (to === null) continue;
      resets.push(
        ...changeConsentStatements(db, {
          tenantId,
          candidateId: known.id,
          channel,
          from: consent[channel],
          to,
          ...origin,
          ip: null,
          userAgent: null,
          wordingVersion: null,
          language: null,
          detail: `phone number changed from ${known.phone} to ${phone?.e164}: consent given for the old number does not carry over`,
          now: at,
        }),
      );
    }
  }
  // The candidate first: the reset's consent rows then carry the new number.
  const [stored] = await db.batch<CandidateRow>([upsert, ...resets]);
  const row = stored?.results[0];
  if (!row) throw new Error('candidate upsert returned no row');
  return row;
}

export async function requireCandidate(db: D1Database, tenantId: string, candidateId: string): Promise<CandidateRow> {
  const row = await findCandidate(db, tenantId, candidateId);
  if (!row) throw notFound('The candidate');
  return row;
}
