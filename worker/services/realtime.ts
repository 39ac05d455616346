/**
 * Publishing the tenant's events after their batch committed. A failed push is logged, not
 * raised: the event is already durable in D1 and every client catches up from its cursor.
 * @module
 */
import type { RealtimeEvent } from '../../shared/api/realtime.ts';
import type { Bindings } from '../env.ts';

export const hubFor = (env: Bindings, tenantId: string) => env.TENANT_HUB.get(env.TENANT_HUB.idFromName(tenantId));

export async function publish(env: Bindings, tenantId: string, events: RealtimeEvent[]): Promise<void> {
  if (events.length === 0) return;
  try {
    await hubFor(env, tenantId).broadcast(events);
  } catch (error) {
    console.error(JSON.stringify({ at: 'realtime.publish', tenantId, error: String(error) }));
  }
}
