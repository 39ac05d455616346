/**
 * Tenants as an operator creates them (`npm run admin`): the company with its purchased seats, its
 * first admin with a one-time link to set a password, and the default templates every tenant
 * starts with (the opt-in START invitation and identification among them). Returned as SQL so the
 * admin script runs the same statements against local or remote D1.
 * @module
 */
import { insertTenantSql, setSeatCountSql } from '../db/queries/tenants.ts';
import { type SqlStatement, toSqlScript } from '../db/queries/sql.ts';
import { insertInvitedUserSql } from '../db/queries/users.ts';
import { newId } from '../lib/ids.ts';
import { accountLinkPath, newAccountLinkSql } from './account-link-tokens.ts';
import { defaultTemplateStatements } from './default-templates.ts';

export type NewTenant = { name: string; seats: number; admin: { email: string; name: string } };

export async function newTenantStatements(
  tenant: NewTenant,
  now: Date,
): Promise<{ tenantId: string; adminId: string; setPasswordPath: string; statements: SqlStatement[] }> {
  const tenantId = newId('ten');
  const adminId = newId('usr');
  const at = now.toISOString();
  const link = await newAccountLinkSql({ tenantId, userId: adminId }, 'invite', now);
  return {
    tenantId,
    adminId,
    setPasswordPath: accountLinkPath(link.token),
    statements: [
      insertTenantSql({ id: tenantId, name: tenant.name, seatCount: tenant.seats, createdAt: at }),
      insertInvitedUserSql({ id: adminId, tenantId, email: tenant.admin.email, name: tenant.admin.name, role: 'admin', createdAt: at }),
      link.statement,
      ...defaultTemplateStatements(tenantId, at),
    ],
  };
}

/** `newTenantStatements` as one script for `wrangler d1 execute --file`. */
export async function newTenantScript(tenant: NewTenant, now: Date): Promise<{ tenantId: string; setPasswordPath: string; script: string }> {
  const { tenantId, setPasswordPath, statements } = await newTenantStatements(tenant, now);
  return { tenantId, setPasswordPath, script: toSqlScript(statements) };
}

/** Billing decides seats: seats already assigned stay assigned; admins revoke any beyond the count. */
export const seatCountScript = (tenantId: string, seats: number): string => toSqlScript([setSeatCountSql(tenantId, seats)]);
