/**
 * The bench's big team (scripts/lib/seat-import-bench.ts): a tenant made the way an operator makes
 * one (services/tenants.ts), plus thousands of invited recruiters without seats, for the admin's CSV
 * import to seat in one go.
 * @module
 */
import { toSqlScript } from '../db/queries/sql.ts';
import { insertInvitedUserSql } from '../db/queries/users.ts';
import { newTenantStatements } from '../services/tenants.ts';

export const BENCH_ADMIN = { email: 'bench-admin@bench.test', name: 'Bench Admin', password: 'bench-password' };

/** @returns the SQL script, and the admin's one-time link to set the password the bench signs in with. */
export async function benchTeamScript(recruiters: number, now: Date): Promise<{ script: string; setPasswordPath: string }> {
  const tenant = await newTenantStatements({ name: 'Bench Co', seats: recruiters + 1, admin: BENCH_ADMIN }, now);
  const createdAt = now.toISOString();
  const team = Array.from({ length: recruiters }, (_, n) =>
    insertInvitedUserSql({
      id: `usr_bench_${n}`,
      tenantId: tenant.tenantId,
      email: `user${n}@bench.test`,
      name: `Bench User ${n}`,
      role: 'recruiter',
      createdAt,
    }),
  );
  return { script: toSqlScript([...tenant.statements, ...team]), setPasswordPath: tenant.setPasswordPath };
}
