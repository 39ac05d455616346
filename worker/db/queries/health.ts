/** What `/health` asks the database: that it answers, and the last migration wrangler applied. */
export async function latestMigration(db: D1Database): Promise<string | null> {
  const row = await db.prepare(`SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1`).first<{ name: string }>();
  return row?.name ?? null;
}
