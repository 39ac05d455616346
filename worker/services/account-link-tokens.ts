/**
 * The tokens behind one-time account links, apart from the flows that email them
 * (account-links.ts): the operator's script (`npm run admin`, services/tenants.ts) builds an
 * invite as SQL under Node, which cannot load the Workers-only modules those flows use.
 * @module
 */
import { type AccountTokenPurpose, insertAccountTokenSql } from '../db/queries/account-tokens.ts';
import { prepareAll, type SqlStatement } from '../db/queries/sql.ts';
import { randomToken, sha256Hex } from '../lib/crypto.ts';
import { newId } from '../lib/ids.ts';

const LIFETIME_MS: Record<AccountTokenPurpose, number> = { invite: 7 * 86_400_000, reset: 60 * 60_000 };

export const accountLinkPath = (token: string) => `/account/password/${token}`;

/** A new link for a user: its token (to email) and the statement that stores its hash, as SQL (a script runs it too). */
export async function newAccountLinkSql(
  user: { tenantId: string; userId: string },
  purpose: AccountTokenPurpose,
  now: Date,
): Promise<{ token: string; statement: SqlStatement }> {
  const token = randomToken();
  const statement = insertAccountTokenSql({
    id: newId('atk'),
    tenantId: user.tenantId,
    userId: user.userId,
    purpose,
    tokenHash: await sha256Hex(token),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + LIFETIME_MS[purpose]).toISOString(),
  });
  return { token, statement };
}

/** A new link for a user: its token (to email) and the statement that stores its hash. */
export async function newAccountLink(db: D1Database, user: { tenantId: string; userId: string }, purpose: AccountTokenPurpose, now: Date) {
  const { token, statement } = await newAccountLinkSql(user, purpose, now);
  const [prepared] = prepareAll(db, [statement]);
  return { token, statement: prepared! };
}
