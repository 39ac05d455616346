/**
 * The usage bench: a million messages (worker/sandbox/usage-bench.ts) loaded into a fresh local D1
 * through the message triggers, then the admin's 90-day report grouped by user × country through
 * the API, and its CSV export. `npm run bench` includes it; `npm run bench:usage` runs it alone.
 * @module
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { addDays, localDay } from '../../shared/domain/usage.ts';
import { DEMO } from '../../worker/sandbox/seed.ts';
import { USAGE_BENCH, usageBenchMessagesSql, usageBenchSetupSql } from '../../worker/sandbox/usage-bench.ts';
import { clock } from './clock.ts';
import { freshStateDir, migrate, root, run, seedIfEmpty, startWorker } from './local-stack.ts';
import { percentile } from './realtime-bench.ts';

const PORT = 8797;
const CHUNK = 100_000;
const REPORTS = 30;
const EXPORTS = 5;

type Figure = { name: string; value: number; unit: string };

async function execute(stateDir: string, sql: string): Promise<void> {
  const file = join(freshStateDir('usage-sql'), 'chunk.sql');
  writeFileSync(file, `${sql};\n`);
  await run(join(root, 'node_modules/.bin/wrangler'), ['d1', 'execute', 'DB', '--local', '--persist-to', stateDir, '--file', file]);
}

export async function benchUsage(log: (line: string) => void): Promise<Figure[]> {
  const now = clock.now();
  const stateDir = freshStateDir('bench-usage');
  await migrate(stateDir);
  await seedIfEmpty(stateDir);
  log(`Loading ${USAGE_BENCH.messages.toLocaleString('en')} messages (${USAGE_BENCH.days} days, ${USAGE_BENCH.users} users, 30 countries) into a local D1…`);
  const loadStarted = performance.now();
  await execute(stateDir, usageBenchSetupSql(DEMO.tenantId, now).join(';\n'));
  for (let from = 0; from < USAGE_BENCH.messages; from += CHUNK) {
    await execute(stateDir, usageBenchMessagesSql(DEMO, now, from, Math.min(from + CHUNK, USAGE_BENCH.messages)));
    log(`  ${Math.min(from + CHUNK, USAGE_BENCH.messages).toLocaleString('en')} messages, ${((performance.now() - loadStarted) / 1000).toFixed(0)} s`);
  }
  const loadSeconds = (performance.now() - loadStarted) / 1000;

  const worker = await startWorker({ port: PORT, stateDir });
  try {
    const signIn = await fetch(`${worker.url}/v1/auth/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: DEMO.admin.email, password: DEMO.password }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const today = localDay(now, 'UTC');
    const query = `from=${addDays(today, -89)}&to=${today}&groupBy=user,country`;
    const timed = async (path: string) => {
      const started = performance.now();
      const response = await fetch(`${worker.url}${path}?${query}`, { headers: { Authorization: `Bearer ${token}` } });
      const body = await response.text();
      if (!response.ok) throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`);
      return { ms: performance.now() - started, body };
    };
    const first = JSON.parse((await timed('/v1/usage')).body) as { rows: unknown[]; totals: { messagesOut: number; messagesIn: number } };
    log(`90-day report: ${first.rows.length} rows (user × country), ${first.totals.messagesOut + first.totals.messagesIn} messages`);
    const reportMs: number[] = [];
    for (let n = 0; n < REPORTS; n++) reportMs.push((await timed('/v1/usage')).ms);
    const csvMs: number[] = [];
    for (let n = 0; n < EXPORTS; n++) csvMs.push((await timed('/v1/usage.csv')).ms);
    return [
      { name: 'usage.load_seconds', value: Math.round(loadSeconds), unit: 's' },
      { name: 'usage.report_p50_ms', value: Math.round(percentile(reportMs, 50)), unit: 'ms' },
      { name: 'usage.report_p95_ms', value: Math.round(percentile(reportMs, 95)), unit: 'ms' },
      { name: 'usage.csv_ms', value: Math.round(percentile(csvMs, 50)), unit: 'ms' },
    ];
  } finally {
    await worker.stop();
  }
}
