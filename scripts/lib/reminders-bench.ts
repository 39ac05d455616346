/**
 * The reminders bench: 100,000 scheduled interview reminders in a fresh local D1 (10,000
 * candidates with SMS consent, one confirmed interview each, ten reminders each), of which 10,000
 * are due. It times the scheduler's due scan inside the worker — one claim batch (200) of due
 * reminders found among the 100,000 through the (state, due_at) index: `reminders.scan_ms`, the
 * median of 20 — then runs the scheduler as the cron does until none is due and waits for the
 * sandbox provider to have received every reminder: `reminders.dispatch_per_s` over the whole way (claim, gate, outbox,
 * queue, provider). It fails unless every due reminder reached its phone once and none twice.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO } from '../../worker/sandbox/seed.ts';
import { REMINDER_BENCH_PREFIX } from '../../worker/sandbox/reminders-bench-data.ts';
import { clock } from './clock.ts';
import { freshStateDir, migrate, root, run, seedIfEmpty, startWorker } from './local-stack.ts';

const PORT = 8796;
/** services/interview-reminders.ts CLAIM_BATCH: what one claim looks up (that module cannot load in Node). */
const CLAIM_BATCH = 200;
export const REMINDERS_BENCH = { candidates: 10_000, remindersEach: 10 } as const;

type Figure = { name: string; value: number; unit: string };

/**
 * Candidates, consents, interviews and reminders, generated inside SQLite. Each interview starts in
 * two days; its first reminder was due a minute ago, the nine others fall due in the next hours.
 */
function setupSql(now: Date): string {
  const at = now.toISOString();
  const start = new Date(now.getTime() + 2 * 86_400_000).toISOString();
  const end = new Date(now.getTime() + 2 * 86_400_000 + 30 * 60_000).toISOString();
  const n = `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${REMINDERS_BENCH.candidates - 1})`;
  const phone = `printf('+1415700%04d', i)`;
  return [
    `${n} INSERT INTO candidates (id, tenant_id, ats, ats_candidate_id, name, phone, phone_country, language, created_at, updated_at)
       SELECT printf('cand_rb_%05d', i), '${DEMO.tenantId}', 'reminders-bench', printf('rb-%05d', i), printf('Candidate %05d', i), ${phone}, 'US', 'en', '${at}', '${at}' FROM n`,
    `${n} INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at, phone)
       SELECT '${DEMO.tenantId}', printf('cand_rb_%05d', i), 'sms', 'granted', 'admin_import', '${at}', ${phone} FROM n`,
    `${n} INSERT INTO interviews (id, tenant_id, candidate_id, title, kind, state, starts_at, ends_at, duration_minutes, interviewer_user_id, channel,
                                 candidate_time_zone, language, created_by, created_at, updated_at)
       SELECT printf('ivw_%032d', i), '${DEMO.tenantId}', printf('cand_rb_%05d', i), printf('Interview %05d', i), 'fixed', 'confirmed', '${start}', '${end}', 30,
              '${DEMO.recruiter.id}', 'sms', 'America/Los_Angeles', 'en', '${DEMO.recruiter.id}', '${at}', '${at}' FROM n`,
    `${n}, k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < ${REMINDERS_BENCH.remindersEach - 1})
     INSERT INTO interview_reminders (id, tenant_id, interview_id, offset_minutes, channel, body, state, due_at, created_at, updated_at)
       SELECT printf('rem_rb_%05d_%d', i, j), '${DEMO.tenantId}', printf('ivw_%032d', i),
              CASE WHEN j = 0 THEN 2 * 1440 + 1 ELSE 60 * j END, 'sms', '${REMINDER_BENCH_PREFIX}: {{interview.title}} at {{interview.time}}', 'pending',
              strftime('%Y-%m-%dT%H:%M:%fZ', '${start}', printf('-%d minutes', CASE WHEN j = 0 THEN 2 * 1440 + 1 ELSE 60 * j END)), '${at}', '${at}'
         FROM n, k`,
  ].join(';\n');
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchReminders(log: (line: string) => void): Promise<Figure[]> {
  const stateDir = freshStateDir('bench-reminders');
  await migrate(stateDir);
  await seedIfEmpty(stateDir);
  const due = REMINDERS_BENCH.candidates;
  log(`Scheduling ${(due * REMINDERS_BENCH.remindersEach).toLocaleString('en')} interview reminders (${due.toLocaleString('en')} due) in a local D1…`);
  const file = join(freshStateDir('reminders-sql'), 'setup.sql');
  writeFileSync(file, `${setupSql(clock.now())};\n`);
  await run(join(root, 'node_modules/.bin/wrangler'), ['d1', 'execute', 'DB', '--local', '--persist-to', stateDir, '--file', file]);

  const worker = await startWorker({ port: PORT, stateDir, echo: process.env.REMINDERS_BENCH_ECHO === '1' });
  try {
    const post = async <T>(path: string): Promise<T> => {
      for (let attempt = 1; ; attempt++) {
        const response = await fetch(`${worker.url}${path}`, { method: 'POST' });
        // wrangler dev restarts the worker when a source file changes under it; a run is safe to repeat (claims).
        if (response.status === 503 && attempt < 3) continue;
        if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
        return (await response.json()) as T;
      }
    };
    const status = async () =>
      (await (await fetch(`${worker.url}/bench/reminders/status`)).json()) as { sent: number; due: number; delivered: number; phones: number };

    const scans: number[] = [];
    for (let i = 0; i < 21; i++) {
      const scan = await post<{ due: number; ms: number }>('/bench/reminders/scan');
      if (scan.due !== CLAIM_BATCH) throw new Error(`reminders: the scan found ${scan.due} due reminders, not a claim batch of ${CLAIM_BATCH}`);
      if (i > 0) scans.push(scan.ms); // the first warms the page cache
    }

    log(`Sending the ${due.toLocaleString('en')} due reminders through the scheduler, the outbox and the sandbox provider…`);
    const started = performance.now();
    // As the cron does it: one run after another (each sends its share) until none is left unclaimed.
    // (A run cut off by a restart of wrangler dev — a source file edited meanwhile — leaves claims
    // that expire only after 10 minutes: the wait below then reports the reminders it lacks.)
    for (;;) {
      const runOnce = await post<{ sent: number; skipped: number }>('/bench/reminders/run');
      if (runOnce.sent + runOnce.skipped === 0 && (await status()).due === 0) break;
    }
    const deadline = performance.now() + 300_000;
    let counts = await status();
    while (counts.delivered < due) {
      if (performance.now() > deadline) throw new Error(`reminders: the provider received ${counts.delivered} of ${due} within 300 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      counts = await status();
    }
    const seconds = (performance.now() - started) / 1000;
    // Let any duplicate surface before counting: the queue is quiet once every reminder arrived.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    counts = await status();
    if (counts.sent !== due || counts.delivered !== due || counts.phones !== due) {
      throw new Error(`reminders: ${counts.sent} sent, ${counts.delivered} received by ${counts.phones} phones — expected ${due} each (none lost, none twice)`);
    }
    return [
      { name: 'reminders.dispatch_per_s', value: Math.round((due / seconds) * 100) / 100, unit: 'reminders/s' },
      { name: 'reminders.scan_ms', value: Math.round(median(scans) * 100) / 100, unit: 'ms' },
    ];
  } finally {
    await worker.stop();
  }
}
