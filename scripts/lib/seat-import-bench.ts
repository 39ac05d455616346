/**
 * The bench's CSV import: a tenant of 10,000 invited recruiters made as an operator makes one
 * (worker/sandbox/bench-team.ts), then the admin's flow over HTTP — set the password, download the CSV,
 * give every user a seat, dry run, apply — timed from upload to applied.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_ADMIN, benchTeamScript } from '../../worker/sandbox/bench-team.ts';
import { freshStateDir, root, run } from './local-stack.ts';
import { clock } from './clock.ts';

/** @returns the admin's link to set a password, followed once the worker runs (`timeSeatImport`). */
export async function seedBenchTeam(stateDir: string, recruiters: number): Promise<string> {
  const { script, setPasswordPath } = await benchTeamScript(recruiters, clock.now());
  const file = join(freshStateDir('bench-team'), 'team.sql');
  writeFileSync(file, script);
  await run(join(root, 'node_modules/.bin/wrangler'), ['d1', 'execute', 'DB', '--local', '--persist-to', stateDir, '--file', file]);
  return setPasswordPath;
}

/** @returns seconds from upload to applied, dry run included (what the admin waits for). */
export async function timeSeatImport(baseUrl: string, recruiters: number, setPasswordPath: string): Promise<number> {
  const passwordSet = await fetch(`${baseUrl}${setPasswordPath}`, {
    method: 'POST',
    body: new URLSearchParams({ password: BENCH_ADMIN.password, confirm: BENCH_ADMIN.password }),
  });
  if (!passwordSet.ok) throw new Error(`the bench admin's password could not be set: ${passwordSet.status}`);
  const signIn = await fetch(`${baseUrl}/v1/auth/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: BENCH_ADMIN.email, password: BENCH_ADMIN.password }),
  });
  const { token } = (await signIn.json()) as { token: string };
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const csv = await (await fetch(`${baseUrl}/v1/users/export`, { headers })).text();
  const edited = csv.replace(/,no$/gm, ',yes');
  const seatless = (csv.match(/,no$/gm) ?? []).length;
  // The admin, made as an operator makes one, starts without a seat like the recruiters.
  const rows = recruiters + 1;
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
