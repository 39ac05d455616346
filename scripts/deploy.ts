/**
 * `npm run deploy [-- <wrangler deploy options>]`: Parley to the Cloudflare account wrangler is
 * logged in to (docs/deploy.md). Checks the production environment in wrangler.toml first and
 * refuses, naming each setting, while one is missing or still a placeholder; then applies the D1
 * migrations to the remote database and deploys `--env production`. Options after `--` go to
 * `wrangler deploy`, e.g. the first deploy's `-- --secrets-file <file>`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PRODUCTION_ENV, productionProblems, readDeployConfigs } from './lib/deploy-config.ts';
import { root } from './lib/local-stack.ts';

const problems = productionProblems(readDeployConfigs());
if (problems.length > 0) {
  console.error(`wrangler.toml is not ready to deploy:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\nSee docs/deploy.md.`);
  process.exit(2);
}

/** Runs wrangler in this terminal, so it can ask (log in, confirm the migrations). */
function wrangler(args: string[]): void {
  const result = spawnSync(join(root, 'node_modules/.bin/wrangler'), args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Migrations first, so the new version never runs against the old schema.
wrangler(['d1', 'migrations', 'apply', 'DB', '--remote', '--env', PRODUCTION_ENV]);
wrangler(['deploy', '--env', PRODUCTION_ENV, ...process.argv.slice(2)]);
