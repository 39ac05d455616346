/**
 * One-time links by email: an invite sets a first password, a reset sets a new one. Both land on
 * the worker-hosted page `/account/password/{token}`; the token is stored only hashed.
 * @module
 */
import { findLiveAccountToken, spendAccountTokensStatement } from '../db/queries/account-tokens.ts';
import { reserveAttemptStatement } from '../db/queries/sign-in-failures.ts';
import { insertAuditStatement } from '../db/queries/audit.ts';
import { findUserByEmail, revokeUserSessions } from '../db/queries/sessions.ts';
import { setPasswordStatement } from '../db/queries/users.ts';
import { emailSenderFor } from '../email/registry.ts';
import type { Bindings } from '../env.ts';
import { hashPassword, sha256Hex } from '../lib/crypto.ts';
import { ApiError } from '../lib/errors.ts';
import { accountLinkPath, newAccountLink } from './account-link-tokens.ts';
import type { RequestOrigin } from './audit.ts';
import { disconnectSessions } from './notifier.ts';
import { log } from '../lib/log.ts';

export const MIN_PASSWORD_LENGTH = 10;

export function inviteEmail(to: { email: string; name: string }, inviter: string, tenantName: string, url: string) {
  return {
    to: to.email,
    subject: `${inviter} invited you to Parley`,
    text: `Hello ${to.name},\n\n${inviter} invited you to message candidates by SMS and WhatsApp with Parley at ${tenantName}.\n\nSet your password here (the link works once, for 7 days):\n${url}\n\nThen sign in from the Parley extension with ${to.email}.\n`,
  };
}

/** To the owner of an account with another tenant whom an admin tried to invite: nothing was created. */
export function inviteElsewhereEmail(to: { email: string; name: string }, inviter: string, tenantName: string) {
  return {
    to: to.email,
    subject: `${inviter} invited you to Parley`,
    text: `Hello ${to.name},\n\n${inviter} invited you to Parley at ${tenantName}, but ${to.email} already has a Parley account with another organization, and an email can belong to one only.\n\nNothing was changed. To join ${tenantName}, ask ${inviter} to invite another address of yours.\n`,
  };
}

/**
 * Reset requests allowed per window, counted whether or not the email has an account: per email
 * (each one mails a link) and per client address. Past either, the request is answered as any
 * other and nothing is sent.
 */
export const PASSWORD_RESET_THROTTLE = { windowMinutes: 60, perEmail: 3, perClient: 20 } as const;

/**
 * Mails a reset link if the email has an active account and neither throttle is spent; a new link
 * retires the user's older ones. It runs after the route's 202 (`waitUntil`), so the answer is the
 * same, and as quick, whether the email has an account or not; it never throws, and a failure
 * (the email provider's included) is logged without the link.
 */
export async function requestPasswordReset(env: Bindings, email: string, linkOrigin: string, origin: RequestOrigin, now: Date): Promise<void> {
  try {
    await mailPasswordReset(env, email, linkOrigin, origin, now);
  } catch (error) {
    log.error('password_reset.failed', {}, error);
  }
}

async function mailPasswordReset(env: Bindings, email: string, linkOrigin: string, origin: RequestOrigin, now: Date): Promise<void> {
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - PASSWORD_RESET_THROTTLE.windowMinutes * 60_000).toISOString();
  // Counted before anything else, in one batch, so parallel requests each see their own number.
  const [reserved, user] = await Promise.all([
    env.DB.batch<{ failures: number }>([
      reserveAttemptStatement(env.DB, `reset:account:${email.trim().toLowerCase()}`, at, windowStart),
      reserveAttemptStatement(env.DB, `reset:client:${origin.ip ?? 'unknown'}`, at, windowStart),
    ]),
    findUserByEmail(env.DB, email),
  ]);
  const [emailCount, clientCount] = reserved.map((r) => r.results[0]?.failures ?? 0) as [number, number];
  if (emailCount > PASSWORD_RESET_THROTTLE.perEmail || clientCount > PASSWORD_RESET_THROTTLE.perClient) return;
  if (!user || user.deactivated_at) return;
  const link = await newAccountLink(env.DB, { tenantId: user.tenant_id, userId: user.id }, 'reset', now);
  await env.DB.batch([
    // A newer link retires the older ones: only the latest email's link works.
    spendAccountTokensStatement(env.DB, user.tenant_id, user.id, at),
    link.statement,
    insertAuditStatement(env.DB, {
      tenantId: user.tenant_id,
      action: 'password.reset_requested',
      actor: null,
      target: { id: user.id, name: user.name, email: user.email },
      detail: '',
      ip: origin.ip,
      userAgent: origin.userAgent,
      at,
    }),
  ]);
  await emailSenderFor(env).send({
    tenantId: user.tenant_id,
    to: user.email,
    subject: 'Reset your Parley password',
    text: `Hello ${user.name},\n\nSomeone (hopefully you) asked to reset your Parley password. Set a new one here (the link works once, for one hour):\n${linkOrigin}${accountLinkPath(link.token)}\n\nIf it was not you, ignore this email; your password stays as it is.\n`,
  });
}

export async function findAccountLink(db: D1Database, rawToken: string, now: Date) {
  return findLiveAccountToken(db, await sha256Hex(rawToken), now.toISOString());
}

/**
 * Sets the password a link was sent for, uses the link up and signs the user out everywhere
 * (a reset after a suspected compromise must end the intruder's sessions).
 */
export async function setPasswordWithLink(env: Bindings, rawToken: string, password: string, origin: RequestOrigin, now: Date): Promise<{ email: string }> {
  const db = env.DB;
  const link = await findAccountLink(db, rawToken, now);
  if (!link) throw new ApiError(404, 'not_found', 'This link has expired or was already used. Ask for a new one.');
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 200) {
    throw new ApiError(422, 'validation_failed', `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const at = now.toISOString();
  await db.batch([
    setPasswordStatement(db, link.tenant_id, link.user_id, await hashPassword(password)),
    spendAccountTokensStatement(db, link.tenant_id, link.user_id, at),
    revokeUserSessions(db, link.tenant_id, link.user_id, at),
    insertAuditStatement(db, {
      tenantId: link.tenant_id,
      action: 'password.set',
      actor: { id: link.user_id, name: link.name, email: link.email },
      target: null,
      detail: link.purpose === 'invite' ? 'accepted the invite' : 'reset by email link',
      ip: origin.ip,
      userAgent: origin.userAgent,
      at,
    }),
  ]);
  await disconnectSessions(env, link.tenant_id, { userId: link.user_id });
  return { email: link.email };
}
