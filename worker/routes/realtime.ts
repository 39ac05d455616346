import { Hono } from 'hono';
import { REALTIME_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../shared/api/realtime.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { userForToken } from '../middleware/auth.ts';
import { hubFor } from '../services/notifier.ts';

/**
 * `GET /v1/realtime?cursor=<seq>` upgrades to the tenant's event socket. The session token comes
 * as the `token.<token>` subprotocol beside `parley.v1`: browsers cannot set headers on a
 * WebSocket, and a token in the query string would land in access logs.
 */
export const realtimeRoutes = new Hono<AppEnv>().get('/', async (c) => {
  if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
    throw new ApiError(426, 'bad_request', 'Connect with a WebSocket.');
  }
  const protocols = (c.req.header('Sec-WebSocket-Protocol') ?? '').split(',').map((p) => p.trim());
  const token = protocols.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length);
  if (!protocols.includes(REALTIME_PROTOCOL) || !token) {
    throw new ApiError(401, 'unauthorized', `Offer the "${REALTIME_PROTOCOL}" protocol and your session token.`);
  }
  const user = await userForToken(c.env.DB, token, c.var.clock.now());
  const cursor = c.req.query('cursor') ?? '0';
  if (!/^\d{1,15}$/.test(cursor)) throw new ApiError(422, 'validation_failed', 'cursor: a non-negative integer');

  const url = new URL(c.req.url);
  url.search = `?cursor=${cursor}`;
  const headers = new Headers(c.req.raw.headers);
  headers.set('X-Parley-Tenant', user.tenantId);
  headers.set('X-Parley-User', user.userId);
  headers.set('X-Parley-Session', user.sessionId);
  return hubFor(c.env, user.tenantId).fetch(new Request(url, { headers }));
});
