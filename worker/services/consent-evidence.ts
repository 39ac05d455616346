/** The consent evidence export, as JSON or CSV. */
import Papa from 'papaparse';
import type { ConsentEvidenceExport } from '../../shared/api/consent.ts';
import { consentsOf } from '../db/queries/consent.ts';
import { listEvidence } from '../db/queries/consent.ts';
import type { SessionUser } from '../env.ts';
import { requireCandidate } from './candidates.ts';

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
      columns: [
        'candidate_id',
        'candidate_name',
        'at',
        'channel',
        'previous_state',
        'state',
        'source',
        'actor',
        'actor_user_id',
        'ip',
        'user_agent',
        'wording_version',
        'language',
        'detail',
      ],
    },
  );
}
