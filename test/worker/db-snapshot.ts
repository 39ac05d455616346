/**
 * A fingerprint of the data in D1 — every table's row count and a checksum of its rows — so a test
 * can prove a refused request changed nothing (the authorization matrix's cross-tenant calls, the
 * bad-input suite).
 * @module
 */
import { sha256Hex } from '../../worker/lib/crypto.ts';

export type Snapshot = Record<string, { rows: number; checksum: string }>;

/** SQLite's, D1's and the migration runner's own tables: not Parley's data. */
const INTERNAL = /^(sqlite_|_cf_|d1_)/;

export async function snapshot(db: D1Database, exclude: readonly string[] = []): Promise<Snapshot> {
  const tables = (await db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all<{ name: string }>()).results
    .map((t) => t.name)
    .filter((name) => !INTERNAL.test(name) && !exclude.includes(name));
  // One round trip. Some tables have no rowid (WITHOUT ROWID): rows are sorted here instead, so
  // equal contents give an equal checksum whatever order the scan returns them in.
  const results = await db.batch(tables.map((name) => db.prepare(`SELECT * FROM "${name}"`)));
  const entries = await Promise.all(
    tables.map(async (name, i) => {
      const rows = results[i]?.results ?? [];
      const text = rows
        .map((row) => JSON.stringify(row))
        .sort()
        .join('\n');
      return [name, { rows: rows.length, checksum: await sha256Hex(text) }] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** The tables whose rows differ between two snapshots, e.g. `messages (3 → 4 rows)`, `consents (changed)`. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names.flatMap((name) => {
    const a = before[name];
    const b = after[name];
    if (a?.checksum === b?.checksum) return [];
    return a?.rows === b?.rows ? [`${name} (changed)`] : [`${name} (${a?.rows ?? 0} → ${b?.rows ?? 0} rows)`];
  });
}
