import type { Role } from '../../../shared/api/auth.ts';
import type { SessionUser } from '../../env.ts';

export type UserWithPassword = {
  id: string;
  tenant_id: string;
  tenant_name: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  deactivated_at: string | null;
};

export function findUserByEmail(db: D1Database, email: string) {
  return db
    .prepare(
      `SELECT u.id, u.tenant_id, t.name AS tenant_name, u.email, u.name, u.role, u.password_hash, u.deactivated_at
         FROM users u JOIN tenants t ON t.id = u.tenant_id
        WHERE u.email = ?`,
    )
    .bind(email)
    .first<UserWithPassword>();
}

export function insertSessionStatement(
  db: D1Database,
  row: { id: string; tenantId: string; userId: string; tokenHash: string; createdAt: string; expiresAt: string },
) {
  return db
    .prepare(`INSERT INTO sessions (id, tenant_id, user_id, token_hash, created_at, expires_at, last_used_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5)`)
    .bind(row.id, row.tenantId, row.userId, row.tokenHash, row.createdAt, row.expiresAt);
}

/**
 * The live session a token hash belongs to, with its user and when it was last used; null when
 * unknown, expired, idle since before `idleSince`, revoked, or the user was deactivated.
 */
export async function findLiveSession(
  db: D1Database,
  tokenHash: string,
  now: string,
  idleSince: string,
): Promise<{ user: SessionUser; lastUsedAt: string } | null> {
  const row = await db
    .prepare(
      `SELECT s.id AS sessionId, u.id AS userId, u.tenant_id AS tenantId, t.name AS tenantName,
              u.email, u.name, u.role, u.has_seat, COALESCE(s.last_used_at, s.created_at) AS last_used_at
         FROM sessions s
         JOIN users u ON u.id = s.user_id AND u.tenant_id = s.tenant_id
         JOIN tenants t ON t.id = s.tenant_id
        WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND COALESCE(s.last_used_at, s.created_at) > ? AND u.deactivated_at IS NULL`,
    )
    .bind(tokenHash, now, idleSince)
    .first<Omit<SessionUser, 'hasSeat'> & { has_seat: number; last_used_at: string }>();
  if (!row) return null;
  const { has_seat, last_used_at, ...user } = row;
  return { user: { ...user, hasSeat: has_seat === 1 }, lastUsedAt: last_used_at };
}

/** Records a session's use (the idle timeout counts from it). */
export function touchSessionStatement(db: D1Database, sessionId: string, now: string) {
  return db.prepare(`UPDATE sessions SET last_used_at = ?1 WHERE id = ?2 AND (last_used_at IS NULL OR last_used_at < ?1)`).bind(now, sessionId);
}

export function revokeSession(db: D1Database, tenantId: string, sessionId: string, now: string) {
  return db.prepare(`UPDATE sessions SET revoked_at = ? WHERE id = ? AND tenant_id = ? AND revoked_at IS NULL`).bind(now, sessionId, tenantId).run();
}

/** Ends every live session of one user: "sign out everywhere", deactivation and password changes. */
export function revokeUserSessions(db: D1Database, tenantId: string, userId: string, now: string) {
  return db.prepare(`UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND tenant_id = ? AND revoked_at IS NULL`).bind(now, userId, tenantId);
}
