/**
 * Telling the tenant's realtime hub that changes were committed. Best effort by design, and off
 * the request's critical path: the events are already durable in D1, so a failed poke only
 * delays them to the next poke or to the client's reconnect.
 * @module
 */
import { waitUntil } from 'cloudflare:workers';
import type { Bindings } from '../env.ts';

export const hubFor = (env: Bindings, tenantId: string) => env.TENANT_HUB.get(env.TENANT_HUB.idFromName(tenantId));

export function pokeHub(env: Bindings, tenantId: string): void {
  waitUntil(
    hubFor(env, tenantId)
      .poke(tenantId)
      .catch((error: unknown) => console.error(JSON.stringify({ at: 'realtime.poke', tenantId, error: String(error) }))),
  );
}
