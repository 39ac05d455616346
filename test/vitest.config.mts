import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { DEV_ONLY_CREDENTIALS_KEY } from '../scripts/lib/dev-vars.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const migrations = await readD1Migrations(`${root}/worker/db/migrations`);
// wrangler.toml requires this secret; locally wrangler reads required secrets from process.env.
process.env.CREDENTIALS_KEY ??= DEV_ONLY_CREDENTIALS_KEY;

// `PARLEY_TEST_NOW=<ISO instant>` runs the worker layer as if the suite started then: workerd
// cannot run under libfaketime, so its one clock (worker/lib/clock.ts) is moved instead, and the
// tests read theirs from the same place (test/worker/support.ts; test/clock.ts for the fakes in Node).
const testNow = process.env.PARLEY_TEST_NOW;
if (testNow && Number.isNaN(Date.parse(testNow))) throw new Error(`PARLEY_TEST_NOW=${testNow} is not an ISO instant`);
const clockOffsetMs = testNow ? String(Date.parse(testNow) - Date.now()) : null;
if (clockOffsetMs) process.env.PARLEY_TEST_CLOCK_OFFSET_MS = clockOffsetMs;
const clockOffset: Record<string, string> = clockOffsetMs ? { CLOCK_OFFSET_MS: clockOffsetMs } : {};

export default defineConfig({
  root,
  test: {
    projects: [
      {
        // scripts/ holds the code generators: their tests check the generated files are current;
        // test/meta/ checks rules about the code itself (where the wall clock may be read).
        test: { name: 'shared', environment: 'node', include: ['shared/**/*.test.ts', 'scripts/**/*.test.ts', 'test/meta/**/*.test.ts'] },
      },
      {
        plugins: [
          cloudflareTest({
            // The dev entry: the production worker plus the sandbox room the tests drive it through.
            main: `${root}/worker/sandbox/index.ts`,
            wrangler: { configPath: `${root}/wrangler.toml` },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: migrations,
                SANDBOX_ENABLED: 'true',
                PROVIDER_API_OVERRIDE: 'true',
                CREDENTIALS_KEY: DEV_ONLY_CREDENTIALS_KEY,
                PUBLIC_URL: 'http://parley.test',
                // Short, so the fault tests' hanging provider times out quickly (their hangs are 6 s); not
                // shorter, or an answer that is merely slow on a loaded 2-core machine counts as none.
                PROVIDER_TIMEOUT_MS: '4000',
                ...clockOffset,
              },
            },
          }),
        ],
        test: {
          name: 'worker',
          // test/worker/attack-*: the standing attack-and-fault suite (issue 16), run in the same workerd.
          include: ['worker/**/*.test.ts', 'test/worker/attack-*.test.ts'],
          setupFiles: [`${root}/test/worker/apply-migrations.ts`],
          globalSetup: [`${root}/test/fakes/worker-global-setup.ts`],
        },
      },
      {
        plugins: [WxtVitest({ root })],
        test: { name: 'extension', environment: 'happy-dom', include: ['extension/**/*.test.{ts,tsx}'] },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: [`${root}/test/e2e/global-setup.ts`],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
