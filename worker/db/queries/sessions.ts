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
    .prepare(`INSERT INTO sessions (id, tenant_id, user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`)
    .bind(row.id, row.tenantId, row.userId, row.tokenHash, row.createdAt, row.expiresAt);
}

/**
 * The live session a token hash belongs to, with its user; null when unknown, expired, revoked or
 * the user was deactivated.
 */
export async function findLiveSession(db: D1Database, tokenHash: string, now: string): Promise<SessionUser | null> {
  const row = await db
    .prepare(
      `SELECT s.id AS sessionId, u.id AS userId, u.tenant_id AS tenantId, t.name AS tenantName,
              u.email, u.name, u.role, u.has_seat
         FROM sessions s
         JOIN users u ON u.id = s.user_id AND u.tenant_id = s.tenant_id
         JOIN tenants t ON t.id = s.tenant_id
        WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.deactivated_at IS NULL`,
    )
    .bind(tokenHash, now)
    .first<Omit<SessionUser, 'hasSeat'> & { has_seat: number }>();
  if (!row) return null;
  const { has_seat, ...user } = row;
  return { ...user, hasSeat: has_seat === 1 };
}

/** Which of these sessions of the tenant are still live (the conditions of {@link findLiveSession}). */
export async function liveSessionIds(db: D1Database, tenantId: string, sessionIds: string[], now: string): Promise<Set<string>> {
  if (sessionIds.length === 0) return new Set();
  const { results } = await db
    .prepare(
      `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id AND u.tenant_id = s.tenant_id
        WHERE s.tenant_id = ? AND s.id IN (SELECT value FROM json_each(?))
          AND s.revoked_at IS NULL AND s.expires_at > ? AND u.deactivated_at IS NULL`,
    )
    .bind(tenantId, JSON.stringify(sessionIds), now)
    .all<{ id: string }>();
  return new Set(results.map((row) => row.id));
}

export function revokeSession(db: D1Database, tenantId: string, sessionId: string, now: string) {
  return db.prepare(`UPDATE sessions SET revoked_at = ? WHERE id = ? AND tenant_id = ? AND revoked_at IS NULL`).bind(now, sessionId, tenantId).run();
}

/** Ends every live session of one user: "sign out everywhere", deactivation and password changes. */
export function revokeUserSessions(db: D1Database, tenantId: string, userId: string, now: string) {
  return db.prepare(`UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND tenant_id = ? AND revoked_at IS NULL`).bind(now, userId, tenantId);
}
