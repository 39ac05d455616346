import { createMiddleware } from 'hono/factory';
import { idleCutoff, SESSION_TOUCH_SPACING_MS } from '../../shared/domain/sessions.ts';
import { findLiveSession, touchSessionStatement } from '../db/queries/sessions.ts';
import type { AppEnv, SessionUser } from '../env.ts';
import { sha256Hex } from '../lib/crypto.ts';
import { ApiError } from '../lib/errors.ts';

/** The live session's user for an opaque token, however it arrived (a header, a WebSocket subprotocol). */
export async function userForToken(db: D1Database, token: string, now: Date): Promise<SessionUser> {
  const at = now.toISOString();
  const session = await findLiveSession(db, await sha256Hex(token), at, idleCutoff(now));
  if (!session) throw new ApiError(401, 'unauthorized', 'Your session has expired or was signed out. Sign in again.');
  if (Date.parse(session.lastUsedAt) < now.getTime() - SESSION_TOUCH_SPACING_MS) await touchSessionStatement(db, session.user.sessionId, at).run();
  return session.user;
}

/** Resolves the bearer token to its user and tenant; every /v1 route but sign-in sits behind it. */
export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('Authorization') ?? '';
  const token = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header)?.[1];
  if (!token) throw new ApiError(401, 'unauthorized', 'Sign in to Parley first.');
  c.set('user', await userForToken(c.env.DB, token, c.var.clock.now()));
  await next();
});

/** After `requireSession`: admins only. Recruiters get 403, not 404 — the route exists for their tenant. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get('user').role !== 'admin') throw new ApiError(403, 'forbidden', 'Only an admin of your company can do this.');
  await next();
});

/** Spread into a route's definition: the bearer scheme in the OpenAPI document and the session check. */
export const signedIn = { security: [{ bearer: [] as string[] }], middleware: [requireSession] };

/** As `signedIn`, for admins only. */
export const adminOnly = { security: [{ bearer: [] as string[] }], middleware: [requireSession, requireAdmin] };
