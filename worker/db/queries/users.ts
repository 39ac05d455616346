import type { Role } from '../../../shared/api/auth.ts';
import type { SqlStatement } from './sql.ts';

export type TeamMemberRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  has_seat: number;
  has_password: number;
  deactivated_at: string | null;
  last_sign_in_at: string | null;
};

const MEMBER_COLUMNS = `id, email, name, role, has_seat, password_hash IS NOT NULL AS has_password, deactivated_at, last_sign_in_at`;

export async function listTeamMembers(db: D1Database, tenantId: string): Promise<TeamMemberRow[]> {
  const { results } = await db
    .prepare(`SELECT ${MEMBER_COLUMNS} FROM users WHERE tenant_id = ? ORDER BY name COLLATE NOCASE, email`)
    .bind(tenantId)
    .all<TeamMemberRow>();
  return results;
}

export function findTeamMember(db: D1Database, tenantId: string, userId: string) {
  return db.prepare(`SELECT ${MEMBER_COLUMNS} FROM users WHERE tenant_id = ? AND id = ?`).bind(tenantId, userId).first<TeamMemberRow>();
}

export async function seatUsage(db: D1Database, tenantId: string): Promise<{ purchased: number; used: number }> {
  const row = await db
    .prepare(
      `SELECT t.seat_count AS purchased,
              (SELECT COUNT(*) FROM users u WHERE u.tenant_id = t.id AND u.has_seat = 1) AS used
         FROM tenants t WHERE t.id = ?`,
    )
    .bind(tenantId)
    .first<{ purchased: number; used: number }>();
  return row ?? { purchased: 0, used: 0 };
}

/** The active admins of a tenant: whom a user without a seat should ask. */
export async function listActiveAdmins(db: D1Database, tenantId: string): Promise<{ name: string; email: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT name, email FROM users
        WHERE tenant_id = ? AND role = 'admin' AND deactivated_at IS NULL AND password_hash IS NOT NULL
        ORDER BY name COLLATE NOCASE LIMIT 3`,
    )
    .bind(tenantId)
    .all<{ name: string; email: string }>();
  return results;
}

/**
 * Takes a seat only while one is free, checked in the same statement so two admins assigning at
 * once cannot exceed the purchased count. `meta.changes` is 0 when refused (or already seated).
 */
export function assignSeatStatement(db: D1Database, tenantId: string, userId: string) {
  return db
    .prepare(
      `UPDATE users SET has_seat = 1
        WHERE tenant_id = ?1 AND id = ?2 AND has_seat = 0 AND deactivated_at IS NULL
          AND (SELECT COUNT(*) FROM users WHERE tenant_id = ?1 AND has_seat = 1)
            < (SELECT seat_count FROM tenants WHERE id = ?1)`,
    )
    .bind(tenantId, userId);
}

export function revokeSeatStatement(db: D1Database, tenantId: string, userId: string) {
  return db.prepare(`UPDATE users SET has_seat = 0 WHERE tenant_id = ? AND id = ? AND has_seat = 1`).bind(tenantId, userId);
}

export function setRoleStatement(db: D1Database, tenantId: string, userId: string, role: Role) {
  return db.prepare(`UPDATE users SET role = ? WHERE tenant_id = ? AND id = ? AND role <> ?`).bind(role, tenantId, userId, role);
}

/** Deactivation also frees the user's seat. */
export function setActiveStatement(db: D1Database, tenantId: string, userId: string, active: boolean, now: string) {
  return active
    ? db.prepare(`UPDATE users SET deactivated_at = NULL WHERE tenant_id = ? AND id = ? AND deactivated_at IS NOT NULL`).bind(tenantId, userId)
    : db.prepare(`UPDATE users SET deactivated_at = ?, has_seat = 0 WHERE tenant_id = ? AND id = ? AND deactivated_at IS NULL`).bind(now, tenantId, userId);
}

export function insertInvitedUserSql(row: { id: string; tenantId: string; email: string; name: string; role: Role; createdAt: string }): SqlStatement {
  return {
    sql: `INSERT INTO users (id, tenant_id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?)`,
    params: [row.id, row.tenantId, row.email, row.name, row.role, row.createdAt],
  };
}

/** Any tenant: emails are unique across Parley, since sign-in starts from the email alone. */
/** The tenant whose user has this email (emails are unique across tenants: sign-in names no tenant), or null. */
export async function tenantOfEmail(db: D1Database, email: string): Promise<string | null> {
  return (await db.prepare(`SELECT tenant_id FROM users WHERE email = ?`).bind(email).first<{ tenant_id: string }>())?.tenant_id ?? null;
}

export function setPasswordStatement(db: D1Database, tenantId: string, userId: string, passwordHash: string) {
  return db.prepare(`UPDATE users SET password_hash = ? WHERE tenant_id = ? AND id = ?`).bind(passwordHash, tenantId, userId);
}

export function recordSignInStatement(db: D1Database, tenantId: string, userId: string, now: string) {
  return db.prepare(`UPDATE users SET last_sign_in_at = ? WHERE tenant_id = ? AND id = ?`).bind(now, tenantId, userId);
}

/**
 * Bulk seat and role changes in four statements whatever the count: the ids travel as one JSON
 * parameter (D1 caps a statement at 100 bound parameters). Revocations run first so assignments
 * find the seats they free.
 */
export function bulkSeatAndRoleStatements(
  db: D1Database,
  tenantId: string,
  ids: { revokeSeat: string[]; assignSeat: string[]; makeAdmin: string[]; makeRecruiter: string[] },
) {
  const update = (set: string, list: string[]) =>
    db
      .prepare(`UPDATE users SET ${set} WHERE tenant_id = ? AND deactivated_at IS NULL AND id IN (SELECT value FROM json_each(?))`)
      .bind(tenantId, JSON.stringify(list));
  return [
    update('has_seat = 0', ids.revokeSeat),
    update('has_seat = 1', ids.assignSeat),
    update(`role = 'admin'`, ids.makeAdmin),
    update(`role = 'recruiter'`, ids.makeRecruiter),
  ];
}

/** The message of the error {@link assertAdminLeftStatement} raises, to tell it from others. */
export const NO_ADMIN_LEFT = 'no_admin_left';

/**
 * Fails the batch, and so rolls all of it back, when the tenant has no active admin left (two
 * admins demoting or deactivating each other at once). A JSON path not starting with `$` is an
 * error whose message names the path.
 */
export function assertAdminLeftStatement(db: D1Database, tenantId: string) {
  return db
    .prepare(
      `SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM users WHERE tenant_id = ? AND role = 'admin' AND deactivated_at IS NULL)
                   THEN json_extract('{}', '${NO_ADMIN_LEFT}') END`,
    )
    .bind(tenantId);
}

/**
 * Fails the batch, and so rolls all of it back, when the tenant now holds more seats than it
 * bought (someone assigned seats between the plan and the apply). SQLite has no RAISE outside
 * triggers; json_extract of a non-JSON string is the error it raises ("malformed JSON").
 */
export function assertSeatCountStatement(db: D1Database, tenantId: string) {
  return db
    .prepare(
      `SELECT CASE WHEN (SELECT COUNT(*) FROM users WHERE tenant_id = ?1 AND has_seat = 1)
                      > (SELECT seat_count FROM tenants WHERE id = ?1)
                   THEN json_extract('seats_exhausted', '$') END`,
    )
    .bind(tenantId);
}
