import type { AuditEvent } from '../../shared/api/users.ts';
import type { AuditAction } from '../../shared/api/users.ts';
import { type AuditPerson, type AuditRow, insertAuditStatement } from '../db/queries/audit.ts';
import type { SessionUser } from '../env.ts';

/** "From where" of an audit event: the client's address as Cloudflare reports it, and its browser. */
export type RequestOrigin = { ip: string | null; userAgent: string | null };

export function requestOrigin(request: Request): RequestOrigin {
  return {
    ip: request.headers.get('CF-Connecting-IP'),
    userAgent: request.headers.get('User-Agent')?.slice(0, 300) ?? null,
  };
}

export const personOf = (user: SessionUser): AuditPerson => ({ id: user.userId, name: user.name, email: user.email });

export const toAuditEvent = (row: AuditRow): AuditEvent => ({
  seq: row.seq,
  at: row.created_at,
  action: row.action,
  actor: row.actor_email ? { name: row.actor_name ?? '', email: row.actor_email } : null,
  target: row.target_email ? { name: row.target_name ?? '', email: row.target_email } : null,
  detail: row.detail,
  ip: row.ip,
  userAgent: row.user_agent,
});

/** Who made a change, and from where: what a settings change records in the audit log. */
export type Actor = { person: AuditPerson; origin: RequestOrigin };

export const actorOf = (user: SessionUser, request: Request): Actor => ({ person: personOf(user), origin: requestOrigin(request) });

/** The audit event of an admin's settings change, to run in the change's batch. `detail` must never carry a credential or secret. */
export const settingsAuditStatement = (db: D1Database, tenantId: string, action: AuditAction, actor: Actor, detail: string, now: Date) =>
  insertAuditStatement(db, {
    tenantId,
    action,
    actor: actor.person,
    target: null,
    detail,
    ip: actor.origin.ip,
    userAgent: actor.origin.userAgent,
    at: now.toISOString(),
  });
