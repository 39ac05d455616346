/**
 * Telling the tenant's realtime hub that changes were committed. Best effort by design, and off
 * the request's critical path: the events are already durable in D1, so a failed poke only
 * delays them to the next poke or to the client's reconnect.
 * @module
 */
import { waitUntil } from 'cloudflare:workers';
import type { Bindings } from '../env.ts';
import { ACCESS_CHANGED, sessionTag, TRAILING_PUSH_MS, userTag } from '../realtime/tenant-hub.ts';
import { log } from '../lib/log.ts';

export const hubFor = (env: Bindings, tenantId: string) => env.TENANT_HUB.get(env.TENANT_HUB.idFromName(tenantId));

/**
 * Within this long after this isolate poked a tenant's hub, further pokes are skipped. A webhook
 * storm would otherwise pay one Durable Object call per request (a quarter of the webhook's
 * throughput). The hub pushes again TRAILING_PUSH_MS after each poke, which is later than any
 * change a skipped poke stood for, so nothing waits for the next poke or a reconnect.
 */
const POKE_SPACING_MS = TRAILING_PUSH_MS - 50;

const lastPokeAt = new Map<string, number>();

export function notifyTenant(env: Bindings, tenantId: string): void {
  // Spacing is elapsed time in this isolate, not a rule's "now": the monotonic timer measures it.
  const now = performance.now();
  if (now - (lastPokeAt.get(tenantId) ?? Number.NEGATIVE_INFINITY) < POKE_SPACING_MS) return;
  lastPokeAt.set(tenantId, now);
  waitUntil(
    hubFor(env, tenantId)
      .poke(tenantId)
      .catch((error: unknown) => log.error('realtime.poke_failed', { tenantId }, error)),
  );
}

/**
 * After sessions end (sign-out, deactivation, a password set by link): their open sockets close, so
 * no event or preview reaches them any more. Awaited: the caller answers once they are closed.
 */
export async function disconnectSessions(env: Bindings, tenantId: string, whose: { sessionId: string } | { userId: string }): Promise<void> {
  const tag = 'sessionId' in whose ? sessionTag(whose.sessionId) : userTag(whose.userId);
  await hubFor(env, tenantId)
    .disconnect(tag)
    .catch((error: unknown) => log.error('realtime.disconnect_failed', { tenantId }, error));
}

/** After users' seat or role changed: their sockets close and reconnect, authorized anew. */
export async function reauthorizeUsers(env: Bindings, tenantId: string, userIds: readonly string[]): Promise<void> {
  const hub = hubFor(env, tenantId);
  await Promise.all(
    userIds.map((userId) =>
      hub.disconnect(userTag(userId), ACCESS_CHANGED).catch((error: unknown) => log.error('realtime.disconnect_failed', { tenantId }, error)),
    ),
  );
}
