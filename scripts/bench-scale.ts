/**
 * `npm run bench:scale`: the figures docs/deploy.md's "How far one D1 database carries Parley"
 * rests on, measured on the local stack (wrangler dev, the same SQLite D1 runs): 300 candidate
 * replies through the sandbox phone, then 300 sends through the API, the queue and the sandbox
 * provider. Between the phases the worker is stopped and the database measured: its bytes
 * (SQLite's page count × page size) and its rows (every table counted), so each phase's growth per
 * message is what one message costs in storage, with its indexes, events and outbox row. The
 * phases' wall-clock rates are messages through one local worker one at a time: a floor, not
 * Cloudflare's rate. `-- --json` prints only the JSON array of `{name, value, unit}`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { DEMO } from '../worker/sandbox/seed.ts';
import { freshStateDir, migrate, root, run, seedIfEmpty, startWorker } from './lib/local-stack.ts';

const MESSAGES = 300;
const PORT = 8796;
const SANDBOX_NUMBER = '+14155550100';
const ADA = { id: `cand_demo_${DEMO.consentedCandidate.replace('-', '')}`, phone: '+14155550101' };
const json = process.argv.includes('--json');

const stateDir = freshStateDir('bench-scale');
await migrate(stateDir);
await seedIfEmpty(stateDir);

async function sql(command: string): Promise<Record<string, unknown>[]> {
  const out = await run(join(root, 'node_modules/.bin/wrangler'), ['d1', 'execute', 'DB', '--local', '--persist-to', stateDir, '--json', '--command', command]);
  return (JSON.parse(out.slice(out.indexOf('['))) as { results: Record<string, unknown>[] }[])[0]!.results;
}

/** The local D1's SQLite file (one database: the persist folder holds nothing else). */
function databaseFile(): string {
  const dir = join(stateDir, 'v3/d1/miniflare-D1DatabaseObject');
  const [file] = readdirSync(dir).filter((name) => name.endsWith('.sqlite'));
  if (!file) throw new Error(`no D1 database in ${dir}`);
  return join(dir, file);
}

/**
 * The database's bytes (page count × page size, what D1 bills and limits) and its rows over every
 * table, read straight from the SQLite file while no worker runs: D1 refuses these pragmas.
 */
function measure(): { bytes: number; rows: number } {
  const db = new DatabaseSync(databaseFile(), { readOnly: true });
  try {
    const { bytes } = db.prepare('SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()').get() as { bytes: number };
    const tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'`).all() as { name: string }[]
    ).map((row) => row.name);
    const { rows } = db.prepare(`SELECT ${tables.map((name) => `(SELECT COUNT(*) FROM "${name}")`).join(' + ')} AS rows`).get() as { rows: number };
    return { bytes, rows };
  } finally {
    db.close();
  }
}

/** Runs `work` against a fresh worker, then stops it so the database can be measured at rest. */
async function phase(work: (url: string) => Promise<void>): Promise<number> {
  const worker = await startWorker({ port: PORT, stateDir });
  try {
    const started = performance.now();
    await work(worker.url);
    return (performance.now() - started) / 1000;
  } finally {
    await worker.stop();
  }
}

const replies = async (url: string) => {
  for (let i = 0; i < MESSAGES; i++) {
    const body = new URLSearchParams({
      body: `Scale bench reply ${i}: Tuesday at ten works for me.`,
      to: SANDBOX_NUMBER,
      channel: 'sms',
      integrationId: DEMO.integrationId,
    });
    const response = await fetch(`${url}/sandbox/phone/${encodeURIComponent(ADA.phone)}/reply`, { method: 'POST', body, redirect: 'manual' });
    if (response.status >= 400) throw new Error(`reply ${i}: ${response.status} ${await response.text()}`);
  }
};

const sends = async (url: string) => {
  const signIn = await fetch(`${url}/v1/auth/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: DEMO.recruiter.email, password: DEMO.password }),
  });
  const { token } = (await signIn.json()) as { token: string };
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  for (let i = 0; i < MESSAGES; i++) {
    const body = JSON.stringify({ channel: 'sms', body: `Scale bench send ${i}: could you do Tuesday at ten?` });
    const response = await fetch(`${url}/v1/candidates/${ADA.id}/messages`, { method: 'POST', headers, body });
    if (response.status !== 201) throw new Error(`send ${i}: ${response.status} ${await response.text()}`);
  }
  // Sent means through the queue and the provider: the outbox has settled.
  const deadline = performance.now() + 120_000;
  while (Number((await sql(`SELECT COUNT(*) AS n FROM outbox WHERE state NOT IN ('done', 'failed')`))[0]!.n) > 0) {
    if (performance.now() > deadline) throw new Error('the outbox did not settle within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

const empty = measure();
const replySeconds = await phase(replies);
const afterReplies = measure();
const sendSeconds = await phase(sends);
const afterSends = measure();

const figures = [
  { name: 'scale.reply.bytes', value: Math.round((afterReplies.bytes - empty.bytes) / MESSAGES), unit: 'B/message' },
  { name: 'scale.reply.rows', value: Math.round(((afterReplies.rows - empty.rows) / MESSAGES) * 10) / 10, unit: 'rows/message' },
  { name: 'scale.reply.per_s', value: Math.round(MESSAGES / replySeconds), unit: 'messages/s' },
  { name: 'scale.send.bytes', value: Math.round((afterSends.bytes - afterReplies.bytes) / MESSAGES), unit: 'B/message' },
  { name: 'scale.send.rows', value: Math.round(((afterSends.rows - afterReplies.rows) / MESSAGES) * 10) / 10, unit: 'rows/message' },
  { name: 'scale.send.per_s', value: Math.round(MESSAGES / sendSeconds), unit: 'messages/s' },
];
if (json) console.log(JSON.stringify(figures));
else for (const figure of figures) console.log(`${figure.name.padEnd(22)} ${String(figure.value).padStart(8)} ${figure.unit}`);
