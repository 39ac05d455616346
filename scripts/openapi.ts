/**
 * `npm run lint:openapi`: writes the production worker's `/openapi.json` to
 * `.output/openapi/openapi.json` (from the app itself, no server) and lints it with Redocly CLI's
 * recommended rules (`redocly.yaml`; https://redocly.com/docs/cli/rules/recommended). Exits non-zero
 * on any error; `npm test` runs it. Redocly's telemetry is off (REDOCLY_TELEMETRY=off,
 * https://redocly.com/docs/cli/usage-data/), so the lint needs no network.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib/local-stack.ts';
import { workerApp } from './lib/worker-in-node.ts';

const request = await workerApp();
const response = await request('/openapi.json');
if (!response.ok) throw new Error(`/openapi.json answered ${response.status}: ${await response.text()}`);

// The path .redocly.lint-ignore.yaml names: keep the two together.
const file = join(root, '.output/openapi/openapi.json');
mkdirSync(join(root, '.output/openapi'), { recursive: true });
writeFileSync(file, `${JSON.stringify(await response.json(), null, 2)}\n`);

const lint = spawnSync(join(root, 'node_modules/.bin/redocly'), ['lint', file, '--format', 'summary'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
});
process.exit(lint.status ?? 1);
