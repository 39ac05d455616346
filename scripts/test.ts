/**
 * `npm test`: the typecheck, then every test layer — shared (Node), worker (workerd + D1),
 * extension units, and e2e in headless Chromium with the built extension — and one closing
 * count line. Unit layers run first so a broken rule fails fast, before browsers start.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib/local-stack.ts';

const bin = (name: string) => join(root, 'node_modules/.bin', name);
const outDir = join(root, 'test-output');
mkdirSync(outDir, { recursive: true });

type Totals = { passed: number; failed: number; skipped: number };
const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

function stage(title: string, command: string, args: string[]): boolean {
  console.log(`\n━━ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
  return result.status === 0;
}

function vitest(title: string, projects: string[], report: string): void {
  const reportFile = join(outDir, report);
  const passed = stage(title, bin('vitest'), [
    'run', '--config', 'test/vitest.config.mts', ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`,
  ]);
  ok &&= passed;
  try {
    const json = JSON.parse(readFileSync(reportFile, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
  } catch {
    // The run died before reporting; `ok` already records the failure.
  }
}

ok &&= stage('typecheck (tsc -b)', bin('tsc'), ['-b']);
if (ok) vitest('unit and worker tests', ['shared', 'extension', 'worker'], 'units.json');
if (ok) vitest('e2e in headless Chromium', ['e2e'], 'e2e.json');

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 && totals.passed > 0 ? 0 : 1);
