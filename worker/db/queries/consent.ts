/**
 * Consent state, its append-only evidence, consent-page links, compliance settings and opt-out
 * flags. Every query filters by tenant_id.
 * @module
 */
import type { Channel } from '../../../shared/api/channels.ts';
import type { ConsentSource, ConsentState, OptInMode, OptInSettings } from '../../../shared/domain/consent.ts';
import { DEFAULT_OPT_IN } from '../../../shared/domain/consent.ts';
import { DEFAULT_QUIET_HOURS, type QuietHours, type QuietHoursSettings } from '../../../shared/domain/quiet-hours.ts';
import type { CandidateRow } from './candidates.ts';

export type ConsentChange = {
  tenantId: string;
  candidateId: string;
  channel: Channel;
  from: ConsentState;
  to: ConsentState;
  source: ConsentSource;
  /** Who acted, as people read it: "candidate", "recruiter Rita Recruiter <rita@…>", "provider twilio". */
  actor: string;
  actorUserId: string | null;
  ip: string | null;
  userAgent: string | null;
  wordingVersion: string | null;
  language: string | null;
  detail: string;
  now: string;
};

// The state a candidate has on a channel, 'none' when no row exists yet.
const CURRENT_STATE = `COALESCE((SELECT state FROM consents WHERE tenant_id = ?1 AND candidate_id = ?2 AND channel = ?3), 'none')`;

/**
 * The evidence record and the new state, for one `db.batch`. Both apply only if the state is
 * still `from` when the batch runs, so two racing changes cannot both be recorded against the
 * same starting state; the caller learns from the first statement's `changes` whether it applied.
 */
export function changeConsentStatements(db: D1Database, change: ConsentChange): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO consent_evidence (tenant_id, candidate_id, channel, state, previous_state, source, actor, actor_user_id,
                                       ip, user_agent, wording_version, language, detail, created_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14
          WHERE ${CURRENT_STATE} = ?5 AND EXISTS (SELECT 1 FROM candidates WHERE id = ?2 AND tenant_id = ?1)`,
      )
      .bind(
        change.tenantId,
        change.candidateId,
        change.channel,
        change.to,
        change.from,
        change.source,
        change.actor,
        change.actorUserId,
        change.ip,
        change.userAgent,
        change.wordingVersion,
        change.language,
        change.detail,
        change.now,
      ),
    db
      .prepare(
        `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at)
         SELECT ?1, ?2, ?3, ?4, ?6, ?7 WHERE EXISTS (SELECT 1 FROM candidates WHERE id = ?2 AND tenant_id = ?1)
         ON CONFLICT (candidate_id, channel) DO UPDATE SET state = excluded.state, source = excluded.source, updated_at = excluded.updated_at
          WHERE consents.state = ?5 AND consents.tenant_id = ?1`,
      )
      .bind(change.tenantId, change.candidateId, change.channel, change.to, change.from, change.source, change.now),
  ];
}

export async function consentStateOf(db: D1Database, tenantId: string, candidateId: string, channel: Channel): Promise<ConsentState> {
  const row = await db.prepare(`SELECT ${CURRENT_STATE} AS state`).bind(tenantId, candidateId, channel).first<{ state: ConsentState }>();
  return row?.state ?? 'none';
}

/** Every candidate of the tenant reachable at this number, with their state on the channel. */
export async function candidatesAtPhone(db: D1Database, tenantId: string, phone: string, channel: Channel) {
  const { results } = await db
    .prepare(
      `SELECT c.id, c.name, c.language, COALESCE(k.state, 'none') AS state
         FROM candidates c LEFT JOIN consents k ON k.candidate_id = c.id AND k.channel = ?3 AND k.tenant_id = c.tenant_id
        WHERE c.tenant_id = ?1 AND c.phone = ?2
        ORDER BY c.updated_at DESC`,
    )
    .bind(tenantId, phone, channel)
    .all<{ id: string; name: string; language: string; state: ConsentState }>();
  return results;
}

export type EvidenceRow = {
  seq: number;
  channel: Channel;
  state: ConsentState;
  previous_state: ConsentState;
  source: ConsentSource;
  actor: string;
  actor_user_id: string | null;
  ip: string | null;
  user_agent: string | null;
  wording_version: string | null;
  language: string | null;
  detail: string;
  created_at: string;
};

export async function listEvidence(db: D1Database, tenantId: string, candidateId: string): Promise<EvidenceRow[]> {
  const { results } = await db
    .prepare(
      `SELECT seq, channel, state, previous_state, source, actor, actor_user_id, ip, user_agent, wording_version, language, detail, created_at
         FROM consent_evidence WHERE tenant_id = ? AND candidate_id = ? ORDER BY seq`,
    )
    .bind(tenantId, candidateId)
    .all<EvidenceRow>();
  return results;
}

// ---- compliance settings ----------------------------------------------------------------------

/** The tenant's opt-in rules; country '*' holds the default for countries not listed. */
export async function optInSettingsOf(db: D1Database, tenantId: string): Promise<OptInSettings> {
  const { results } = await db
    .prepare(`SELECT country, opt_in FROM compliance_settings WHERE tenant_id = ?`)
    .bind(tenantId)
    .all<{ country: string; opt_in: OptInMode }>();
  const countries: Record<string, OptInMode> = {};
  let defaultOptIn = DEFAULT_OPT_IN;
  for (const row of results) {
    if (row.country === '*') defaultOptIn = row.opt_in;
    else countries[row.country] = row.opt_in;
  }
  return { defaultOptIn, countries };
}

// ---- consent-page links -----------------------------------------------------------------------

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
export function useConsentLinkStatement(db: D1Database, tenantId: string, linkId: string, now: string) {
  return db
    .prepare(`UPDATE consent_links SET used_at = ?1 WHERE id = ?2 AND tenant_id = ?3 AND used_at IS NULL AND expires_at > ?1`)
    .bind(now, linkId, tenantId);
}

// ---- free-text opt-out flags ------------------------------------------------------------------

export function insertOptOutFlagStatement(db: D1Database, flag: { tenantId: string; messageId: string; candidateId: string; channel: Channel; now: string }) {
  return db
    .prepare(
      `INSERT INTO opt_out_flags (message_id, tenant_id, candidate_id, channel, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (message_id) DO NOTHING`,
    )
    .bind(flag.messageId, flag.tenantId, flag.candidateId, flag.channel, flag.now);
}

/** The stored inbound message a provider id names, with its candidate: what the keyword pass looks at. */
export function findInboundMessage(db: D1Database, tenantId: string, integrationId: string, providerMessageId: string) {
  return db
    .prepare(
      `SELECT m.id, c.candidate_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.tenant_id = ? AND m.integration_id = ? AND m.provider_message_id = ? AND m.direction = 'inbound'`,
    )
    .bind(tenantId, integrationId, providerMessageId)
    .first<{ id: string; candidate_id: string }>();
}

/** What the consent page shows for a link: the candidate, their company's name and who asked. */
export function consentLinkContext(db: D1Database, link: ConsentLinkRow) {
  return db
    .prepare(
      `SELECT c.*, t.name AS company_name, u.name AS recruiter_name
         FROM candidates c JOIN tenants t ON t.id = c.tenant_id
         JOIN users u ON u.id = ?3 AND u.tenant_id = c.tenant_id
        WHERE c.id = ?2 AND c.tenant_id = ?1`,
    )
    .bind(link.tenant_id, link.candidate_id, link.requested_by)
    .first<CandidateRow & { company_name: string; recruiter_name: string }>();
}

export function tenantName(db: D1Database, tenantId: string) {
  return db.prepare(`SELECT name FROM tenants WHERE id = ?`).bind(tenantId).first<{ name: string }>();
}

/** One row of Global Compliance; country '*' is the tenant default. */
export type ComplianceRow = { country: string; optIn: OptInMode; quietHours: QuietHours };

export type StoredComplianceRow = { country: string; opt_in: OptInMode; quiet_start: string; quiet_end: string };

/** Every row as stored, the default ('*') included when an admin saved one; a statement, to batch with others. */
export function complianceRowsStatement(db: D1Database, tenantId: string): D1PreparedStatement {
  return db.prepare(`SELECT country, opt_in, quiet_start, quiet_end FROM compliance_settings WHERE tenant_id = ? ORDER BY country`).bind(tenantId);
}

export const toComplianceRow = (row: StoredComplianceRow): ComplianceRow => ({ country: row.country, optIn: row.opt_in, quietHours: { start: row.quiet_start, end: row.quiet_end } });

/** Every row as stored, the default ('*') included when an admin saved one. */
export async function complianceRowsOf(db: D1Database, tenantId: string): Promise<ComplianceRow[]> {
  const { results } = await complianceRowsStatement(db, tenantId).all<StoredComplianceRow>();
  return results.map(toComplianceRow);
}

/** The quiet hours these rows set, per country and by default (21:00–08:00 when no default row). */
export function quietHoursSettingsOfRows(rows: readonly ComplianceRow[]): QuietHoursSettings {
  const countries: Record<string, QuietHours> = {};
  let defaultQuietHours = DEFAULT_QUIET_HOURS;
  for (const row of rows) {
    if (row.country === '*') defaultQuietHours = row.quietHours;
    else countries[row.country] = row.quietHours;
  }
  return { defaultQuietHours, countries };
}

/** The tenant's quiet hours per country and its default (21:00–08:00 until an admin saves one). */
export async function quietHoursSettingsOf(db: D1Database, tenantId: string): Promise<QuietHoursSettings> {
  return quietHoursSettingsOfRows(await complianceRowsOf(db, tenantId));
}

/** Replaces the tenant's compliance rows in one batch (the default as country '*'). */
export function replaceComplianceSettingsStatements(db: D1Database, tenantId: string, rows: readonly ComplianceRow[], now: string): D1PreparedStatement[] {
  return [
    db.prepare(`DELETE FROM compliance_settings WHERE tenant_id = ?`).bind(tenantId),
    ...rows.map((row) =>
      db
        .prepare(`INSERT INTO compliance_settings (tenant_id, country, opt_in, quiet_start, quiet_end, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .bind(tenantId, row.country, row.optIn, row.quietHours.start, row.quietHours.end, now),
    ),
  ];
}

/** The most recent evidence record per channel. */
export async function lastChanges(db: D1Database, tenantId: string, candidateId: string) {
  const { results } = await db
    .prepare(
      `SELECT channel, state, source, created_at FROM consent_evidence
        WHERE seq IN (SELECT MAX(seq) FROM consent_evidence WHERE tenant_id = ?1 AND candidate_id = ?2 GROUP BY channel)`,
    )
    .bind(tenantId, candidateId)
    .all<{ channel: Channel; state: ConsentState; source: ConsentSource; created_at: string }>();
  return results;
}

export async function openOptOutFlags(db: D1Database, tenantId: string, candidateId: string) {
  const { results } = await db
    .prepare(
      `SELECT f.message_id, f.channel, m.body, f.created_at FROM opt_out_flags f JOIN messages m ON m.id = f.message_id
        WHERE f.tenant_id = ? AND f.candidate_id = ? AND f.resolved_at IS NULL ORDER BY f.created_at`,
    )
    .bind(tenantId, candidateId)
    .all<{ message_id: string; channel: Channel; body: string; created_at: string }>();
  return results;
}

export function resolveOptOutFlagsStatement(db: D1Database, tenantId: string, candidateId: string, channel: Channel, now: string) {
  return db
    .prepare(`UPDATE opt_out_flags SET resolved_at = ? WHERE tenant_id = ? AND candidate_id = ? AND channel = ? AND resolved_at IS NULL`)
    .bind(now, tenantId, candidateId, channel);
}
