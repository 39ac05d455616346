/** One-time links to the consent page (`consent_links`), keyed by the token's hash. */
import type { Channel } from '../../../shared/api/channels.ts';
import type { CandidateRow } from './candidates.ts';

export type ConsentLinkRow = {
  id: string;
  tenant_id: string;
  candidate_id: string;
  requested_by: string;
  channels: string;
  language: string;
  wording_version: string;
  expires_at: string;
  used_at: string | null;
};

export function insertConsentLinkStatement(
  db: D1Database,
  link: Omit<ConsentLinkRow, 'used_at' | 'channels'> & { channels: Channel[]; tokenHash: string; createdAt: string },
) {
  return db
    .prepare(
      `INSERT INTO consent_links (id, tenant_id, candidate_id, requested_by, channels, language, wording_version, token_hash, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      link.id,
      link.tenant_id,
      link.candidate_id,
      link.requested_by,
      JSON.stringify(link.channels),
      link.language,
      link.wording_version,
      link.tokenHash,
      link.createdAt,
      link.expires_at,
    );
}

/** The link, whatever its state: the page tells "expired" and "already used" apart from "unknown". */
export function findConsentLink(db: D1Database, tokenHash: string) {
  return db.prepare(`SELECT * FROM consent_links WHERE token_hash = ?`).bind(tokenHash).first<ConsentLinkRow>();
}

/** Uses the link up; changes nothing when it was already used or has expired (a race lost). */
export function spendConsentLinkStatement(db: D1Database, tenantId: string, linkId: string, now: string) {
  return db
    .prepare(`UPDATE consent_links SET used_at = ?1 WHERE id = ?2 AND tenant_id = ?3 AND used_at IS NULL AND expires_at > ?1`)
    .bind(now, linkId, tenantId);
}

/** What the consent page shows for a link: the candidate, their company's name and who asked. */
export function consentLinkContext(db: D1Database, link: ConsentLinkRow) {
  return db
    .prepare(
      `SELECT c.*, t.name AS company_name, t.privacy_url AS company_privacy_url, u.name AS recruiter_name
         FROM candidates c JOIN tenants t ON t.id = c.tenant_id
         JOIN users u ON u.id = ?3 AND u.tenant_id = c.tenant_id
        WHERE c.id = ?2 AND c.tenant_id = ?1`,
    )
    .bind(link.tenant_id, link.candidate_id, link.requested_by)
    .first<CandidateRow & { company_name: string; company_privacy_url: string | null; recruiter_name: string }>();
}
