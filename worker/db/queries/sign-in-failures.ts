export async function failuresSince(db: D1Database, keys: string[], windowStart: string): Promise<Map<string, number>> {
  const { results } = await db
    .prepare(`SELECT key, failures FROM sign_in_failures WHERE key IN (SELECT value FROM json_each(?)) AND window_started_at > ?`)
    .bind(JSON.stringify(keys), windowStart)
    .all<{ key: string; failures: number }>();
  return new Map(results.map((r) => [r.key, r.failures]));
}

/** Counts one failure; a key whose window has passed starts a new window at 1. */
export function recordFailureStatement(db: D1Database, key: string, now: string, windowStart: string) {
  return db
    .prepare(
      `INSERT INTO sign_in_failures (key, failures, window_started_at) VALUES (?1, 1, ?2)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN window_started_at > ?3 THEN failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN window_started_at > ?3 THEN window_started_at ELSE ?2 END`,
    )
    .bind(key, now, windowStart);
}

export function clearFailuresStatement(db: D1Database, key: string) {
  return db.prepare(`DELETE FROM sign_in_failures WHERE key = ?`).bind(key);
}
