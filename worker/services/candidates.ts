import type { Candidate, CandidateContext } from '../../shared/api/candidates.ts';
import { normalisePhone } from '../../shared/domain/phone.ts';
import { timeZonesOfPhone } from '../../shared/domain/phone-time-zones.ts';
import { type QuietHoursSettings, type QuietNight, quietNightOf } from '../../shared/domain/quiet-hours.ts';
import { type CandidateRow, findCandidate, upsertCandidate } from '../db/queries/candidates.ts';
import { consentsAndQuietHoursOf } from '../db/queries/consent.ts';
import type { SessionUser } from '../env.ts';
import { notFound } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';

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
  return toCandidate(db, await upsertFromAts(db, user.tenantId, context, now));
}

/**
 * Creates or refreshes the tenant's candidate from what an ATS says about them — a page the panel
 * read, or an application webhook — keyed by (ats, atsCandidateId), the phone normalised.
 */
export async function upsertFromAts(db: D1Database, tenantId: string, context: CandidateContext, now: Date): Promise<CandidateRow> {
  const phone = context.phone ? normalisePhone(context.phone) : null;
  const row = await upsertCandidate(
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
      language: context.language,
      profile_url: context.profileUrl ?? null,
    },
    now.toISOString(),
  );
  if (!row) throw new Error('candidate upsert returned no row');
  return row;
}

export async function requireCandidate(db: D1Database, tenantId: string, candidateId: string): Promise<CandidateRow> {
  const row = await findCandidate(db, tenantId, candidateId);
  if (!row) throw notFound('The candidate');
  return row;
}
