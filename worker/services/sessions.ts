import type { Session } from '../../shared/api/auth.ts';
import { findUserByEmail, insertSession } from '../db/queries/sessions.ts';
import { randomToken, sha256Hex, verifyPassword } from '../lib/crypto.ts';
import { ApiError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';

const SESSION_DAYS = 30;
// Spent on unknown emails too, so response time does not reveal which emails have accounts.
const DUMMY_HASH = 'pbkdf2-sha256$100000$00000000000000000000000000000000$00';

export async function signIn(db: D1Database, email: string, password: string, now = new Date()): Promise<Session> {
  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !user.password_hash || !valid) {
    throw new ApiError(401, 'unauthorized', 'That email and password do not match an account.');
  }
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
  await insertSession(db, {
    id: newId('ses'),
    tenantId: user.tenant_id,
    userId: user.id,
    tokenHash: await sha256Hex(token),
    createdAt: now.toISOString(),
    expiresAt,
  });
  return {
    token,
    expiresAt,
    user: {
      id: user.id,
      tenantId: user.tenant_id,
      tenantName: user.tenant_name,
      email: user.email,
      name: user.name,
      role: user.role,
    },
  };
}
