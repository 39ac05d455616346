/** Tenants (`tenants`): created and given seats by an operator (`npm run admin`), never through the API. */
import type { SqlStatement } from './sql.ts';
export function tenantName(db: D1Database, tenantId: string) {
  return db.prepare(`SELECT name FROM tenants WHERE id = ?`).bind(tenantId).first<{ name: string }>();
}

export function insertTenantSql(tenant: { id: string; name: string; seatCount: number; createdAt: string }): SqlStatement {
  return {
    sql: `INSERT INTO tenants (id, name, seat_count, created_at) VALUES (?, ?, ?, ?)`,
    params: [tenant.id, tenant.name, tenant.seatCount, tenant.createdAt],
  };
}

/** Returns the tenant's id when it exists: `wrangler d1 execute --file` reports rows, not changes. */
export function setSeatCountSql(tenantId: string, seatCount: number): SqlStatement {
  return { sql: `UPDATE tenants SET seat_count = ? WHERE id = ? RETURNING id`, params: [seatCount, tenantId] };
}

/** The company's privacy policy address, linked from the consent page; null when the admin set none. */
export async function privacyUrlOf(db: D1Database, tenantId: string): Promise<string | null> {
  const row = await db.prepare(`SELECT privacy_url FROM tenants WHERE id = ?`).bind(tenantId).first<{ privacy_url: string | null }>();
  return row?.privacy_url ?? null;
}

export function setPrivacyUrlStatement(db: D1Database, tenantId: string, privacyUrl: string | null): D1PreparedStatement {
  return db.prepare(`UPDATE tenants SET privacy_url = ? WHERE id = ?`).bind(privacyUrl, tenantId);
}
