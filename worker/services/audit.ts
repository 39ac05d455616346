import type { AuditEvent } from '../../shared/api/users.ts';
import type { AuditPerson, AuditRow } from '../db/queries/audit.ts';
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
