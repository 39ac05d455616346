/**
 * Consent per candidate and channel (`consents`) and its append-only evidence
 * (`consent_evidence`). Every query filters by tenant_id.
 * @module
 */
import type { Channel } from '../../../shared/api/channels.ts';
import type { ConsentSource, ConsentState } from '../../../shared/domain/consent.ts';
import type { QuietHoursSettings } from '../../../shared/domain/quiet-hours.ts';
import { type Query, query, runTogether } from './together.ts';
import { quietHoursSettingsQuery } from './compliance-settings.ts';

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
        // The consent is bound to the number the candidate has when it is given (read in the same statement).
        `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at, phone)
         SELECT ?1, ?2, ?3, ?4, ?6, ?7, phone FROM candidates WHERE id = ?2 AND tenant_id = ?1
         ON CONFLICT (candidate_id, channel) DO UPDATE SET state = excluded.state, source = excluded.source, updated_at = excluded.updated_at,
                                                           phone = excluded.phone
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

// ---- consent-page links -----------------------------------------------------------------------

// ---- free-text opt-out flags ------------------------------------------------------------------

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

type StoredConsent = { channel: Channel; state: ConsentState };

const consentsStatement = (db: D1Database, tenantId: string, candidateId: string) =>
  db.prepare(`SELECT channel, state FROM consents WHERE tenant_id = ? AND candidate_id = ?`).bind(tenantId, candidateId);

function consentOfRows(rows: readonly StoredConsent[]): Record<Channel, ConsentState> {
  const consent: Record<Channel, ConsentState> = { sms: 'none', whatsapp: 'none' };
  for (const row of rows) consent[row.channel] = row.state;
  return consent;
}

export async function consentsOf(db: D1Database, tenantId: string, candidateId: string): Promise<Record<Channel, ConsentState>> {
  const { results } = await consentsStatement(db, tenantId, candidateId).all<StoredConsent>();
  return consentOfRows(results);
}

/** Consent per channel and the number each was given for (null when recorded without one). */
export function consentsWithNumbersQuery(
  db: D1Database,
  tenantId: string,
  candidateId: string,
): Query<{ consent: Record<Channel, ConsentState>; numbers: Record<Channel, string | null> }> {
  return query(db.prepare(`SELECT channel, state, phone FROM consents WHERE tenant_id = ? AND candidate_id = ?`).bind(tenantId, candidateId), (rows) => {
    const results = rows as (StoredConsent & { phone: string | null })[];
    const numbers: Record<Channel, string | null> = { sms: null, whatsapp: null };
    for (const row of results) numbers[row.channel] = row.phone;
    return { consent: consentOfRows(results), numbers };
  });
}

/** What a candidate response adds to the row — consent per channel and the tenant's quiet hours — in one round trip. */
export async function consentsAndQuietHoursOf(
  db: D1Database,
  tenantId: string,
  candidateId: string,
): Promise<{ consent: Record<Channel, ConsentState>; quietHours: QuietHoursSettings }> {
  const [consent, quietHours] = await runTogether(db, [
    query(consentsStatement(db, tenantId, candidateId), (rows) => consentOfRows(rows as StoredConsent[])),
    quietHoursSettingsQuery(db, tenantId),
  ]);
  return { consent, quietHours };
}
