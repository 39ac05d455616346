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

export function setSeatCountSql(tenantId: string, seatCount: number): SqlStatement {
  return { sql: `UPDATE tenants SET seat_count = ? WHERE id = ?`, params: [seatCount, tenantId] };
}
