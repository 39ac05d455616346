/**
 * Counts one attempt before it is judged, and answers the count it makes (`{ failures }`): run in
 * one batch for every key, so concurrent attempts each see their own number and no more than the
 * limit ever get past the check. A key whose window has passed starts a new window at 1. Also
 * counts password-reset requests (keys `reset:…`).
 */
export function reserveAttemptStatement(db: D1Database, key: string, now: string, windowStart: string) {
  return db
    .prepare(
      `INSERT INTO sign_in_failures (key, failures, window_started_at) VALUES (?1, 1, ?2)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN window_started_at > ?3 THEN failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN window_started_at > ?3 THEN window_started_at ELSE ?2 END
       RETURNING failures`,
    )
    .bind(key, now, windowStart);
}

/** Gives back an attempt reserved by reserveAttemptStatement that turned out not to be a failure. */
export function releaseAttemptStatement(db: D1Database, key: string) {
  return db.prepare(`UPDATE sign_in_failures SET failures = failures - 1 WHERE key = ? AND failures > 0`).bind(key);
}

export function clearFailuresStatement(db: D1Database, key: string) {
  return db.prepare(`DELETE FROM sign_in_failures WHERE key = ?`).bind(key);
}
