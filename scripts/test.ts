/**
 * `npm test`: the typecheck, Biome, Redocly's lint of /openapi.json, then every test layer —
 * shared (Node), worker (workerd + D1), extension units, and e2e in headless Chromium with the
 * built extension — and one closing count line. Unit layers run first so a broken rule fails
 * fast, before browsers start. Before the e2e layer, the production worker bundle is built and
 * measured (`npm run build:worker`) and the extension's store packages are built and linted
 * (`npm run package`): a build error fails the run.
 *
 * `npm test -- --at <ISO instant | +Nd>` runs the shared, extension and worker layers as if the
 * suite started at that moment (and went on from there): the Node layers under libfaketime
 * (Debian's `faketime`), the worker layer with its injected clock moved (`PARLEY_TEST_NOW`:
 * workerd does not start under libfaketime). The e2e layer needs a real browser and is skipped.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { clock } from './lib/clock.ts';
import { root } from './lib/local-stack.ts';

const bin = (name: string) => join(root, 'node_modules/.bin', name);
const outDir = join(root, 'test-output');
mkdirSync(outDir, { recursive: true });

type Totals = { passed: number; failed: number; skipped: number };
const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

const { values: options } = parseArgs({ options: { at: { type: 'string' } } });

/** `--at`: an ISO instant, or `+N` days from now. */
function shiftedStart(at: string): Date {
  const days = /^\+(\d+)d$/.exec(at);
  const start = days ? new Date(clock.now().getTime() + Number(days[1]) * 86_400_000) : new Date(at);
  if (Number.isNaN(start.getTime())) throw new Error(`--at ${at}: give an ISO instant (2028-03-26T00:59:00Z) or +N days (+400d)`);
  return start;
}

function stage(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n━━ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, WRANGLER_SEND_METRICS: 'false', ...env } });
  if (result.error) console.error(`${command}: ${result.error.message}`);
  return result.status === 0;
}

type Launch = { command: string; prefix: string[]; env: NodeJS.ProcessEnv };
const plainLaunch: Launch = { command: bin('vitest'), prefix: [], env: {} };

function vitest(title: string, projects: string[], report: string, launch: Launch = plainLaunch): void {
  const reportFile = join(outDir, report);
  const passed = stage(
    title,
    launch.command,
    [
      ...launch.prefix,
      'run',
      '--config',
      'test/vitest.config.mts',
      ...projects.flatMap((p) => ['--project', p]),
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reportFile}`,
    ],
    launch.env,
  );
  ok &&= passed;
  try {
    const json = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    };
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
  } catch {
    // The run died before reporting; `ok` already records the failure.
  }
}

ok &&= stage('typecheck (tsc -b)', bin('tsc'), ['-b']);
// Only errors fail the run and are printed; `npm run lint` lists the warnings too.
ok &&= stage('format and lint (biome ci)', bin('biome'), ['ci', '.', '--diagnostic-level=error']);
// The API contract other tools consume: Redocly's recommended rules, 0 errors (scripts/openapi.ts).
ok &&= stage("OpenAPI document: Redocly's recommended lint", process.execPath, ['scripts/openapi.ts']);
if (options.at) {
  const start = shiftedStart(options.at).toISOString();
  const faketime: Launch = { command: 'faketime', prefix: [start.replace('T', ' ').replace(/\.\d+Z$/, ''), bin('vitest')], env: { TZ: 'UTC' } };
  if (ok) vitest(`shared and extension tests, the clock started at ${start} (libfaketime)`, ['shared', 'extension'], 'units-at.json', faketime);
  if (ok)
    vitest(`worker tests, the clock started at ${start} (PARLEY_TEST_NOW)`, ['worker'], 'worker-at.json', { ...plainLaunch, env: { PARLEY_TEST_NOW: start } });
} else {
  if (ok) vitest('unit and worker tests', ['shared', 'extension', 'worker'], 'units.json');
  // What a deployment ships, built as it would be shipped (neither depends on the date, so not under --at).
  // Built under .output/, which the Firefox sources zip leaves out (test-output/ it would take in).
  const buildDir = join(root, '.output/test');
  ok &&= stage('production worker: wrangler deploy --dry-run --env production, size and startup against the limits', process.execPath, [
    'scripts/build-worker.ts',
    '--outdir',
    join(buildDir, 'worker'),
  ]);
  ok &&= stage(
    "extension store packages (wxt zip) and Mozilla's addons-linter",
    process.execPath,
    ['scripts/package.ts', '--outdir', join(buildDir, 'package')],
    { PARLEY_API_ORIGIN: 'https://parley.example.com' },
  );
  if (ok) vitest('e2e in headless Chromium', ['e2e'], 'e2e.json');
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 && totals.passed > 0 ? 0 : 1);
