import type { AuditAction } from '../../../shared/api/users.ts';

export type AuditPerson = { id: string; name: string; email: string };

export type AuditRecord = {
  tenantId: string;
  action: AuditAction;
  actor: AuditPerson | null;
  target: AuditPerson | null;
  detail: string;
  ip: string | null;
  userAgent: string | null;
  at: string;
};

export type AuditRow = {
  seq: number;
  action: AuditAction;
  actor_name: string | null;
  actor_email: string | null;
  target_name: string | null;
  target_email: string | null;
  detail: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
};

export function insertAuditStatement(db: D1Database, e: AuditRecord) {
  return db
    .prepare(
      `INSERT INTO audit_events (tenant_id, action, actor_user_id, actor_name, actor_email, target_user_id, target_name,
                                 target_email, detail, ip, user_agent, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      e.tenantId,
      e.action,
      e.actor?.id ?? null,
      e.actor?.name ?? null,
      e.actor?.email ?? null,
      e.target?.id ?? null,
      e.target?.name ?? null,
      e.target?.email ?? null,
      e.detail,
      e.ip,
      e.userAgent,
      e.at,
    );
}

/**
 * Many events sharing actor, origin and time (a CSV import) in one statement: the per-user
 * action, target and detail travel as one JSON parameter. CROSS JOIN pins json_each as the outer
 * loop (one primary-key lookup per event); left to itself SQLite may scan json_each per user.
 */
export function insertAuditEventsStatement(
  db: D1Database,
  shared: Omit<AuditRecord, 'action' | 'target' | 'detail'>,
  events: { action: AuditAction; targetUserId: string; detail: string }[],
) {
  return db
    .prepare(
      `INSERT INTO audit_events (tenant_id, action, actor_user_id, actor_name, actor_email, target_user_id, target_name,
                                 target_email, detail, ip, user_agent, created_at)
       SELECT ?1, e.value ->> 'action', ?2, ?3, ?4, u.id, u.name, u.email, e.value ->> 'detail', ?5, ?6, ?7
         FROM json_each(?8) e CROSS JOIN users u ON u.id = e.value ->> 'targetUserId' AND u.tenant_id = ?1`,
    )
    .bind(
      shared.tenantId,
      shared.actor?.id ?? null,
      shared.actor?.name ?? null,
      shared.actor?.email ?? null,
      shared.ip,
      shared.userAgent,
      shared.at,
      JSON.stringify(events),
    );
}

export async function listAuditEvents(db: D1Database, tenantId: string, before: number | undefined, limit: number): Promise<AuditRow[]> {
  const { results } = await db
    .prepare(
      `SELECT seq, action, actor_name, actor_email, target_name, target_email, detail, ip, user_agent, created_at
         FROM audit_events WHERE tenant_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
    )
    .bind(tenantId, before ?? Number.MAX_SAFE_INTEGER, limit)
    .all<AuditRow>();
  return results;
}
