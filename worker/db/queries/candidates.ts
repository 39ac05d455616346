/** Candidates, as the ATS shows them (`candidates`). Every query filters by tenant_id. */
import type { LanguageSource } from '../../../shared/domain/candidate-language.ts';

export type CandidateRow = {
  id: string;
  tenant_id: string;
  ats: string;
  ats_candidate_id: string;
  name: string;
  phone: string | null;
  phone_country: string | null;
  email: string | null;
  job_title: string | null;
  language: string;
  language_source: LanguageSource;
  profile_url: string | null;
};

export type CandidateFields = Omit<CandidateRow, 'id' | 'tenant_id'>;

/** Inserts or refreshes the candidate an ATS page shows; the statement returns the stored row. */
export function upsertCandidate(db: D1Database, tenantId: string, id: string, fields: CandidateFields, now: string) {
  return db
    .prepare(
      `INSERT INTO candidates (id, tenant_id, ats, ats_candidate_id, name, phone, phone_country, email, job_title,
                               language, language_source, profile_url, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?13, ?12, ?11, ?11)
       ON CONFLICT (tenant_id, ats, ats_candidate_id) DO UPDATE SET
         name = excluded.name,
         -- A page that shows no (usable) number keeps the one the recruiter confirmed in the panel.
         phone = COALESCE(excluded.phone, candidates.phone),
         phone_country = CASE WHEN excluded.phone IS NULL THEN candidates.phone_country ELSE excluded.phone_country END,
         email = excluded.email, job_title = excluded.job_title, language = excluded.language,
         language_source = excluded.language_source, profile_url = COALESCE(excluded.profile_url, candidates.profile_url), updated_at = excluded.updated_at
       RETURNING *`,
    )
    .bind(
      id,
      tenantId,
      fields.ats,
      fields.ats_candidate_id,
      fields.name,
      fields.phone,
      fields.phone_country,
      fields.email,
      fields.job_title,
      fields.language,
      now,
      fields.profile_url,
      fields.language_source,
    );
}

/** The tenant's candidate an ATS knows by this id, if Parley has seen them. */
export function findCandidateByAtsId(db: D1Database, tenantId: string, ats: string, atsCandidateId: string) {
  return db
    .prepare(`SELECT * FROM candidates WHERE tenant_id = ? AND ats = ? AND ats_candidate_id = ?`)
    .bind(tenantId, ats, atsCandidateId)
    .first<CandidateRow>();
}

export function findCandidate(db: D1Database, tenantId: string, candidateId: string) {
  return db.prepare(`SELECT * FROM candidates WHERE id = ? AND tenant_id = ?`).bind(candidateId, tenantId).first<CandidateRow>();
}

export function findCandidateByPhone(db: D1Database, tenantId: string, phone: string) {
  return db.prepare(`SELECT * FROM candidates WHERE tenant_id = ? AND phone = ? ORDER BY updated_at DESC LIMIT 1`).bind(tenantId, phone).first<CandidateRow>();
}
