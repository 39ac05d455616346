import type { SqlStatement } from './sql.ts';

export type AccountTokenPurpose = 'invite' | 'reset';

export function insertAccountTokenSql(row: {
  id: string;
  tenantId: string;
  userId: string;
  purpose: AccountTokenPurpose;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
}): SqlStatement {
  return {
    sql: `INSERT INTO account_tokens (id, tenant_id, user_id, purpose, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    params: [row.id, row.tenantId, row.userId, row.purpose, row.tokenHash, row.createdAt, row.expiresAt],
  };
}

export type LiveAccountToken = {
  id: string;
  tenant_id: string;
  user_id: string;
  purpose: AccountTokenPurpose;
  email: string;
  name: string;
};

/** The token's user, while the token is unused, unexpired and the user active. */
export function findLiveAccountToken(db: D1Database, tokenHash: string, now: string) {
  return db
    .prepare(
      `SELECT a.id, a.tenant_id, a.user_id, a.purpose, u.email, u.name
         FROM account_tokens a JOIN users u ON u.id = a.user_id AND u.tenant_id = a.tenant_id
        WHERE a.token_hash = ? AND a.used_at IS NULL AND a.expires_at > ? AND u.deactivated_at IS NULL`,
    )
    .bind(tokenHash, now)
    .first<LiveAccountToken>();
}

/** Uses up every open link of the user at once: a link works once, and a newer one retires older ones. */
export function spendAccountTokensStatement(db: D1Database, tenantId: string, userId: string, now: string) {
  return db.prepare(`UPDATE account_tokens SET used_at = ? WHERE tenant_id = ? AND user_id = ? AND used_at IS NULL`).bind(now, tenantId, userId);
}
