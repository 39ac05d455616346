/**
 * `npm run bench`: Parley's figures, measured side by side in one run on one worker, so the
 * ratios hold on a noisy machine where absolute rates drift. `-- --json` prints only a JSON array
 * of `{name, value, unit}` for scripts and later issues.
 *
 * Figures
 *  - webhook.sandbox.vs_empty: signed sandbox inbound webhooks/s ÷ an empty route's requests/s
 *  - webhook.floor.vs_empty:  a route doing exactly one D1 insert ÷ the empty route
 *  - the raw rates of all three, extension.content_script.gzip_bytes and extension.panel_page.gzip_bytes
 *    (panel.html with every script and stylesheet it loads, as the iframe fetches them)
 *  - extension.mount_ms: candidate element appearing → panel iframe in the DOM (median, demo ATS);
 *    extension.mount_ms.site_profile: the same on the second demo ATS (Workable-like), read
 *    through its saved site profile (scripts/lib/mount-bench.ts)
 *  - webhook.twilio.vs_floor: signed Twilio inbound webhooks/s ÷ the floor route (goal ≥ 0.7);
 *    webhook.twilio.cpu_vs_floor: the same by the worker's CPU per request (floor's ÷ Twilio's);
 *    webhook.twilio.errors: its failed requests (goal 0); outbound.msgs_per_s: sends through the
 *    API, the queue and the Twilio adapter until a fake Twilio accepted them all;
 *    outbound.send_to_sent_p95_ms: a recruiter's Send until the message reads `sent` (alone, with
 *    the paced burst: npm run bench:outbound, scripts/lib/outbound-bench.ts)
 *  - usage.report_p95_ms and usage.csv_ms: the admin's 90-day usage report grouped by user ×
 *    country, and its CSV, over a million messages (scripts/lib/usage-bench.ts; alone: npm run bench:usage)
 *  - worker.bundle.bytes, .gzip_bytes and worker.startup_ms: the production bundle and its startup
 *    CPU (scripts/lib/worker-build.ts), against limits of 64 MiB, 10 MB gzipped and 1 s
 *  - reminders.dispatch_per_s and reminders.scan_ms: 10,000 due interview reminders among 100,000
 *    through the scheduler, the outbox and the sandbox provider, on a worker of their own
 *    (scripts/lib/reminders-bench.ts; it fails if one is lost or sent twice)
 */
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { DEMO } from '../worker/sandbox/seed.ts';
import { buildExtension, freshStateDir, migrate, root, seedIfEmpty, startWorker } from './lib/local-stack.ts';
import { seedBenchTeam, timeSeatImport } from './lib/seat-import-bench.ts';
import { type MountTimes, measureMount, measureSiteProfileMount } from './lib/mount-bench.ts';
import { type LatencySamples, measureWebhookToPanel, percentile } from './lib/realtime-bench.ts';
import { treeCpuMs } from './lib/process-cpu.ts';
import { startTwilioBench } from './lib/provider-bench.ts';
import { benchReminders } from './lib/reminders-bench.ts';
import { buildWorker } from './lib/worker-build.ts';
import { benchUsage } from './lib/usage-bench.ts';

type Figure = { name: string; value: number; unit: string };

const json = process.argv.includes('--json');
const log = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);

const PORT = 8798;
const CONNECTIONS = 32;
// More rounds narrow the medians on a noisy machine: `npm run bench -- --rounds 8`.
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg === -1 ? 5 : Number(process.argv[roundsArg + 1]);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error('--rounds takes a whole number of rounds, 1 or more');
const SECONDS = 3;

type Target = {
  name: string;
  path: string;
  body: () => { body: string; headers: Record<string, string> };
  /** Count failed requests as a figure instead of aborting the run. */
  countErrors?: boolean;
};
const errors: Record<string, number> = {};

const targets: Target[] = [
  { name: 'empty', path: '/bench/empty', body: () => ({ body: '{}', headers: { 'content-type': 'application/json' } }) },
  { name: 'floor', path: '/bench/floor', body: () => ({ body: JSON.stringify({ id: randomUUID() }), headers: { 'content-type': 'application/json' } }) },
  {
    name: 'sandbox',
    path: `/webhooks/sandbox/${DEMO.integrationId}`,
    body: () => {
      // A real candidate's reply, unique per request, signed as the sandbox phone signs it.
      const raw = JSON.stringify({ messageId: `bench_${randomUUID()}`, channel: 'sms', from: '+14155550101', to: '+14155550100', body: 'Bench reply' });
      const signature = `sha256=${createHmac('sha256', DEMO.sandboxWebhookSecret).update(raw).digest('hex')}`;
      return { body: raw, headers: { 'content-type': 'application/json', 'x-sandbox-signature': signature } };
    },
  },
];

/** Requests per second, and the CPU milliseconds the worker spent per request. */
async function rate(baseUrl: string, target: Target, seconds: number): Promise<{ perSecond: number; cpuMsPerRequest: number }> {
  const cpuBefore = treeCpuMs(worker.pid);
  const result = await autocannon({
    url: `${baseUrl}${target.path}`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, ...target.body() }) }],
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  errors[target.name] = (errors[target.name] ?? 0) + failed;
  if (failed > 0 && !target.countErrors) throw new Error(`${target.name}: ${failed} of ${result.requests.total} requests failed (non-2xx/errors/timeouts)`);
  return { perSecond: result.requests.total / seconds, cpuMsPerRequest: (treeCpuMs(worker.pid) - cpuBefore) / result.requests.total };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

log('Starting a worker with a fresh local D1 and the demo seed…');
const stateDir = freshStateDir('bench');
await migrate(stateDir);
await seedIfEmpty(stateDir);
const SEAT_IMPORT_ROWS = 10_000;
const benchAdminPasswordPath = await seedBenchTeam(stateDir, SEAT_IMPORT_ROWS);
const worker = await startWorker({ port: PORT, stateDir });
log('Building the extension against this worker…');
const extensionDir = await buildExtension({ apiOrigin: worker.url, outDir: '.output/bench' });
const REALTIME_MESSAGES = 50;
let realtime: LatencySamples = { samplesMs: [] };
let siteMount: MountTimes = { samplesMs: [], consoleErrors: [] };
const twilioBench = await startTwilioBench(worker.url, CONNECTIONS);
targets.push({ ...twilioBench.target, countErrors: true });
const OUTBOUND_MESSAGES = 300;
let outboundRate = Number.NaN;
let sendToSent: number[] = [];
let seatImportSeconds = Number.NaN;
const rates: Record<string, number[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
const cpuPerRequest: Record<string, number[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
try {
  // First, while the tenant is as the seed left it: the throughput rounds below add thousands of rows.
  log(`Importing a ${SEAT_IMPORT_ROWS}-row users CSV (dry run + apply)…`);
  seatImportSeconds = await timeSeatImport(worker.url, SEAT_IMPORT_ROWS, benchAdminPasswordPath);
  for (const target of targets) await rate(worker.url, target, 1); // warm-up
  for (let round = 1; round <= ROUNDS; round++) {
    // Interleaved rounds: drift on the machine hits every route alike. Each round starts one target
    // later, so no route always runs right after the write-heavy ones (and their SQLite checkpoints).
    const order = targets.map((_, i) => targets[(i + round - 1) % targets.length]!);
    for (const target of order) {
      const measured = await rate(worker.url, target, SECONDS);
      rates[target.name]!.push(measured.perSecond);
      cpuPerRequest[target.name]!.push(measured.cpuMsPerRequest);
    }
    log(
      `round ${round}/${ROUNDS}: ${targets.map((t) => `${t.name} ${rates[t.name]!.at(-1)!.toFixed(0)}/s ${cpuPerRequest[t.name]!.at(-1)!.toFixed(1)} ms CPU`).join(', ')}`,
    );
  }
  log(`Sending ${OUTBOUND_MESSAGES} messages through the queue to the fake Twilio…`);
  outboundRate = await twilioBench.outboundRate(OUTBOUND_MESSAGES);
  log('Timing 40 sends one at a time, Send → sent…');
  sendToSent = await twilioBench.sendToSent(40);
  log(`Timing ${REALTIME_MESSAGES} replies from the webhook to an open panel in headless Chromium…`);
  realtime = await measureWebhookToPanel(extensionDir, worker.url, REALTIME_MESSAGES);
  // While the worker runs: a taught site reaches the extension only through a signed-in session.
  log('Timing the panel mount in headless Chromium on the Workable-like demo ATS (its site profile)…');
  siteMount = await measureSiteProfileMount(extensionDir, worker.url, 15);
} finally {
  await Promise.all([worker.stop(), twilioBench.stop()]);
}

const contentScript = readFileSync(join(extensionDir, 'content-scripts/ats.js'));
// The panel page as the iframe loads it: the HTML and every script and stylesheet it names.
const panelHtml = readFileSync(join(extensionDir, 'panel.html'), 'utf8');
const panelPageFiles = ['panel.html', ...[...panelHtml.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((match) => match[1]!)];
const panelPageGzipBytes = panelPageFiles.reduce((sum, file) => sum + gzipSync(readFileSync(join(extensionDir, file)), { level: 9 }).length, 0);
log('Timing the panel mount in headless Chromium on the demo ATS…');
const mount = await measureMount(extensionDir, 15);
if (mount.consoleErrors.length > 0) log(`console errors on the ATS page: ${mount.consoleErrors.join(' | ')}`);
if (siteMount.consoleErrors.length > 0) log(`console errors on the Workable-like page: ${siteMount.consoleErrors.join(' | ')}`);
log('Building the production worker bundle and profiling its startup…');
const workerBuild = await buildWorker(join(root, '.output/bench-worker'));
const reminders = await benchReminders(log);

const usageFigures = await benchUsage(log);

const [empty, floor, sandbox] = (['empty', 'floor', 'sandbox'] as const).map((n) => median(rates[n]!)) as [number, number, number];
// A ratio is taken within each round (its two rates measured seconds apart), then the median of those.
const ratio = (name: string, base: string) => median(rates[name]!.map((value, round) => value / rates[base]![round]!));
const round2 = (n: number) => Math.round(n * 100) / 100;
const figures: Figure[] = [
  { name: 'webhook.sandbox.vs_empty', value: round2(ratio('sandbox', 'empty')), unit: 'ratio' },
  { name: 'webhook.floor.vs_empty', value: round2(ratio('floor', 'empty')), unit: 'ratio' },
  { name: 'webhook.twilio.vs_floor', value: round2(ratio('twilio', 'floor')), unit: 'ratio' },
  // The same comparison by the CPU each request costs the worker: steady where rates swing with load.
  {
    name: 'webhook.twilio.cpu_vs_floor',
    value: round2(median(cpuPerRequest.floor!.map((floorMs, round) => floorMs / cpuPerRequest.twilio![round]!))),
    unit: 'ratio',
  },
  { name: 'webhook.twilio.errors', value: errors.twilio ?? 0, unit: 'requests' },
  { name: 'webhook.twilio.rps', value: Math.round(median(rates.twilio!)), unit: 'req/s' },
  { name: 'outbound.msgs_per_s', value: round2(outboundRate), unit: 'msgs/s' },
  { name: 'outbound.send_to_sent_p95_ms', value: Math.round(percentile(sendToSent, 95)), unit: 'ms' },
  { name: 'webhook.sandbox.rps', value: Math.round(sandbox), unit: 'req/s' },
  { name: 'webhook.floor.rps', value: Math.round(floor), unit: 'req/s' },
  { name: 'route.empty.rps', value: Math.round(empty), unit: 'req/s' },
  { name: 'realtime.webhook_to_panel.p50_ms', value: percentile(realtime.samplesMs, 50), unit: 'ms' },
  { name: 'realtime.webhook_to_panel.p95_ms', value: percentile(realtime.samplesMs, 95), unit: 'ms' },
  { name: 'extension.content_script.gzip_bytes', value: gzipSync(contentScript, { level: 9 }).length, unit: 'bytes' },
  { name: 'extension.panel_page.gzip_bytes', value: panelPageGzipBytes, unit: 'bytes' },
  { name: 'extension.mount_ms', value: round2(median(mount.samplesMs)), unit: 'ms' },
  { name: 'extension.mount_ms.site_profile', value: round2(median(siteMount.samplesMs)), unit: 'ms' },
  { name: 'seats.csv_import.seconds', value: round2(seatImportSeconds), unit: 's' },
  { name: 'seats.csv_import.rows_per_s', value: Math.round(SEAT_IMPORT_ROWS / seatImportSeconds), unit: 'rows/s' },
  { name: 'worker.bundle.bytes', value: workerBuild.bytes, unit: 'bytes' },
  { name: 'worker.bundle.gzip_bytes', value: workerBuild.gzipBytes, unit: 'bytes' },
  { name: 'worker.startup_ms', value: round2(workerBuild.startupMs), unit: 'ms' },
  ...reminders,
  ...usageFigures,
];

if (json) {
  console.log(JSON.stringify(figures));
} else {
  console.log(`\nMedians of ${ROUNDS} interleaved ${SECONDS}s rounds at ${CONNECTIONS} connections, wrangler dev on loopback.\n`);
  console.log('| figure | value | unit |\n| --- | ---: | --- |');
  for (const f of figures) console.log(`| ${f.name} | ${f.value} | ${f.unit} |`);
}
