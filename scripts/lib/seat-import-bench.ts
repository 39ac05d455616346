/**
 * The bench's CSV import: a tenant of 10,000 users seeded straight into D1, then the admin's flow
 * over HTTP — download the CSV, give every user a seat, dry run, apply — timed end to end.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword } from '../../worker/lib/crypto.ts';
import { freshStateDir, root, run } from './local-stack.ts';
import { clock } from './clock.ts';

export const BENCH_ADMIN = { email: 'bench-admin@bench.test', password: 'bench-password' };

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;

export async function seedBenchTeam(stateDir: string, rows: number): Promise<void> {
  const now = clock.now().toISOString();
  const statements = [
    `INSERT INTO tenants (id, name, seat_count, created_at) VALUES ('ten_bench', 'Bench Co', ${rows + 1}, '${now}');`,
    `INSERT INTO users (id, tenant_id, email, name, role, password_hash, has_seat, created_at)
     VALUES ('usr_bench_admin', 'ten_bench', ${quote(BENCH_ADMIN.email)}, 'Bench Admin', 'admin', ${quote(await hashPassword(BENCH_ADMIN.password))}, 1, '${now}');`,
  ];
  // 500 rows a statement keeps each well under D1's statement size limit.
  for (let start = 0; start < rows; start += 500) {
    const values = Array.from({ length: Math.min(500, rows - start) }, (_, i) => {
      const n = start + i;
      return `('usr_bench_${n}', 'ten_bench', 'user${n}@bench.test', 'Bench User ${n}', 'recruiter', '${now}')`;
    });
    statements.push(`INSERT INTO users (id, tenant_id, email, name, role, created_at) VALUES ${values.join(',\n')};`);
  }
  const file = join(freshStateDir('bench-team'), 'team.sql');
  writeFileSync(file, statements.join('\n'));
  await run(join(root, 'node_modules/.bin/wrangler'), ['d1', 'execute', 'DB', '--local', '--persist-to', stateDir, '--file', file]);
}

/** @returns seconds from upload to applied, dry run included (what the admin waits for). */
export async function timeSeatImport(baseUrl: string, rows: number): Promise<number> {
  const signIn = await fetch(`${baseUrl}/v1/auth/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  const { token } = (await signIn.json()) as { token: string };
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const csv = await (await fetch(`${baseUrl}/v1/users/export`, { headers })).text();
  const edited = csv.replace(/,no$/gm, ',yes');
  const seatless = (csv.match(/,no$/gm) ?? []).length;
  if (seatless !== rows)
    throw new Error(`the downloaded CSV has ${seatless} users without a seat, not the ${rows} the bench seeded: ${JSON.stringify(csv.slice(0, 300))}`);

  const started = performance.now();
  for (const dryRun of [true, false]) {
    const response = await fetch(`${baseUrl}/v1/users/import`, { method: 'POST', headers, body: JSON.stringify({ csv: edited, dryRun }) });
    const report = (await response.json()) as { rows: number; changes: unknown[]; errors: unknown[]; applied: boolean };
    if (!response.ok || report.errors.length || report.changes.length !== rows || report.applied === dryRun) {
      throw new Error(`seat import (dryRun ${dryRun}) went wrong: ${response.status} ${JSON.stringify(report).slice(0, 300)}`);
    }
  }
  return (performance.now() - started) / 1000;
}
