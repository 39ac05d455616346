import type { Session } from '../../shared/api/auth.ts';
import { insertAuditStatement } from '../db/queries/audit.ts';
import { findUserByEmail, insertSessionStatement, revokeSession, revokeUserSessions, type UserWithPassword } from '../db/queries/sessions.ts';
import { clearFailuresStatement, releaseAttemptStatement, reserveAttemptStatement } from '../db/queries/sign-in-failures.ts';
import { recordSignInStatement } from '../db/queries/users.ts';
import { randomToken, sha256Hex, verifyPassword } from '../lib/crypto.ts';
import { ApiError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import type { Bindings, SessionUser } from '../env.ts';
import { personOf, type RequestOrigin } from './audit.ts';
import { disconnectSessions } from './notifier.ts';

const SESSION_DAYS = 30;
// Spent on unknown emails too, so response time does not reveal which emails have accounts.
const DUMMY_HASH = 'pbkdf2-sha256$100000$00000000000000000000000000000000$00';

/**
 * Failed sign-ins allowed per window before further attempts are refused without checking the
 * password. Per account: well under ASVS's 100 an hour. Per client (address): higher, since an
 * office shares one address, but it stops one client guessing across many accounts.
 */
export const SIGN_IN_THROTTLE = { windowMinutes: 15, perAccount: 10, perClient: 50 } as const;

const accountKey = (email: string) => `account:${email.toLowerCase()}`;
const clientKey = (origin: RequestOrigin) => `client:${origin.ip ?? 'unknown'}`;

const audited = (
  db: D1Database,
  user: UserWithPassword,
  action: 'sign_in.succeeded' | 'sign_in.failed' | 'sign_in.throttled',
  origin: RequestOrigin,
  at: string,
) =>
  insertAuditStatement(db, {
    tenantId: user.tenant_id,
    action,
    actor: { id: user.id, name: user.name, email: user.email },
    target: null,
    detail: '',
    ip: origin.ip,
    userAgent: origin.userAgent,
    at,
  });

export async function signIn(db: D1Database, email: string, password: string, origin: RequestOrigin, now: Date): Promise<Session> {
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - SIGN_IN_THROTTLE.windowMinutes * 60_000).toISOString();
  // Every attempt is counted as a failure before its password is checked, in one batch, so
  // parallel guesses each see their own count: at most the limit ever reach verifyPassword. A
  // success gives its reservation back (the account's by clearing it).
  const [reserved, user] = await Promise.all([
    db.batch<{ failures: number }>([
      reserveAttemptStatement(db, accountKey(email), at, windowStart),
      reserveAttemptStatement(db, clientKey(origin), at, windowStart),
    ]),
    findUserByEmail(db, email),
  ]);
  const [accountCount, clientCount] = reserved.map((r) => r.results[0]?.failures ?? 0) as [number, number];
  const accountLocked = accountCount > SIGN_IN_THROTTLE.perAccount;
  const clientLocked = clientCount > SIGN_IN_THROTTLE.perClient;
  if (accountLocked || clientLocked) {
    if (user) await audited(db, user, 'sign_in.throttled', origin, at).run();
    throw new ApiError(
      429,
      'too_many_attempts',
      `Too many failed sign-ins ${accountLocked ? 'for this account' : 'from your network'}. Wait ${SIGN_IN_THROTTLE.windowMinutes} minutes and try again, or reset your password.`,
    );
  }

  const valid = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user?.password_hash || !valid) {
    // Already counted above.
    if (user) await audited(db, user, 'sign_in.failed', origin, at).run();
    throw new ApiError(401, 'unauthorized', 'That email and password do not match an account.');
  }
  // Only someone who knows the password learns that the account was deactivated.
  if (user.deactivated_at) {
    await db.batch([releaseAttemptStatement(db, accountKey(email)), releaseAttemptStatement(db, clientKey(origin))]);
    throw new ApiError(403, 'forbidden', 'This Parley account was deactivated. Ask an admin of your company.');
  }

  const token = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
  await db.batch([
    insertSessionStatement(db, {
      id: newId('ses'),
      tenantId: user.tenant_id,
      userId: user.id,
      tokenHash: await sha256Hex(token),
      createdAt: at,
      expiresAt,
    }),
    clearFailuresStatement(db, accountKey(email)),
    releaseAttemptStatement(db, clientKey(origin)),
    recordSignInStatement(db, user.tenant_id, user.id, at),
    audited(db, user, 'sign_in.succeeded', origin, at),
  ]);
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

/** Signs out this session; its open sockets close. */
export async function signOut(env: Bindings, user: SessionUser, now: Date): Promise<void> {
  await revokeSession(env.DB, user.tenantId, user.sessionId, now.toISOString());
  await disconnectSessions(env, user.tenantId, { sessionId: user.sessionId });
}

/** Signs out every session of the user, this one included, and closes all their sockets. */
export async function signOutEverywhere(env: Bindings, user: SessionUser, origin: RequestOrigin, now: Date): Promise<void> {
  const at = now.toISOString();
  await env.DB.batch([
    revokeUserSessions(env.DB, user.tenantId, user.userId, at),
    insertAuditStatement(env.DB, { tenantId: user.tenantId, action: 'sign_out.everywhere', actor: personOf(user), target: null, detail: '', ...origin, at }),
  ]);
  await disconnectSessions(env, user.tenantId, { userId: user.userId });
}
