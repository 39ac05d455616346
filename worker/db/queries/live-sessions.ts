/**
 * The realtime hub's check of its sockets' sessions. Apart from sessions.ts, whose types reach the
 * worker's bindings (env.ts), which name the hub: the hub importing those would be a cycle.
 * @module
 */

/** Which of these sessions of the tenant are still live (the conditions of `findLiveSession` in sessions.ts). */
export async function liveSessionIds(db: D1Database, tenantId: string, sessionIds: string[], now: string, idleSince: string): Promise<Set<string>> {
  if (sessionIds.length === 0) return new Set();
  const { results } = await db
    .prepare(
      `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id AND u.tenant_id = s.tenant_id
        WHERE s.tenant_id = ? AND s.id IN (SELECT value FROM json_each(?))
          AND s.revoked_at IS NULL AND s.expires_at > ? AND COALESCE(s.last_used_at, s.created_at) > ? AND u.deactivated_at IS NULL`,
    )
    .bind(tenantId, JSON.stringify(sessionIds), now, idleSince)
    .all<{ id: string }>();
  return new Set(results.map((row) => row.id));
}
