/** Free-text opt-outs flagged for the recruiter (`opt_out_flags`). Every query filters by tenant_id. */
import type { Channel } from '../../../shared/api/channels.ts';

export function insertOptOutFlagStatement(db: D1Database, flag: { tenantId: string; messageId: string; candidateId: string; channel: Channel; now: string }) {
  return db
    .prepare(
      `INSERT INTO opt_out_flags (message_id, tenant_id, candidate_id, channel, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (message_id) DO NOTHING`,
    )
    .bind(flag.messageId, flag.tenantId, flag.candidateId, flag.channel, flag.now);
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
