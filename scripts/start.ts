/**
 * `npm start`: Parley on this machine. Applies migrations, seeds the demo tenant when the database
 * is empty, builds the extension, starts the demo ATS and the worker (with the sandbox phone), and
 * launches Chromium with the extension where a display exists. Ctrl+C stops everything.
 */
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startDemoAts } from '../test/demo-ats/server.ts';
import { DEMO } from '../worker/sandbox/seed.ts';
import { buildExtension, migrate, root, seedIfEmpty, startWorker } from './lib/local-stack.ts';

const WORKER_PORT = Number(process.env.PARLEY_WORKER_PORT ?? 8787);
const ATS_PORT = Number(process.env.PARLEY_ATS_PORT ?? 4173);
const apiOrigin = `http://127.0.0.1:${WORKER_PORT}`;

const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
  process.stdout.write(`• ${label}… `);
  const started = performance.now();
  const result = await work();
  console.log(`done (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return result;
};

await step('Applying D1 migrations (local)', () => migrate());
const seeded = await step('Seeding the demo tenant if the database is empty', () => seedIfEmpty(undefined, { conversation: true }));
const extensionDir = await step('Building the extension (Chrome MV3)', () => buildExtension({ apiOrigin }));
const ats = await step(`Starting the demo ATS on port ${ATS_PORT}`, () => startDemoAts({ port: ATS_PORT }));
const worker = await step(`Starting the worker on ${apiOrigin}`, () => startWorker({ port: WORKER_PORT }));

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);
const canLaunch = Boolean(process.env.DISPLAY && chromium);
const browser = canLaunch
  ? spawn(
      chromium!,
      [
        `--user-data-dir=${join(root, '.wrangler/chromium-profile')}`,
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--no-first-run',
        `${ats.url}/candidates/c-1001`,
      ],
      { stdio: 'ignore', detached: true },
    )
  : null;

console.log(`
Parley is running.${seeded ? ' (demo tenant seeded)' : ''}

  Demo ATS        ${ats.url}/candidates
  Worker API      ${worker.url}   (OpenAPI: ${worker.url}/openapi.json)
  Sandbox phone   ${worker.url}/sandbox/phone
  Extension       ${extensionDir}
                  ${canLaunch ? 'Chromium was launched with it.' : 'Load it in chrome://extensions → Developer mode → "Load unpacked".'}

  Sign in to the Parley panel as
    recruiter     ${DEMO.recruiter.email} / ${DEMO.password}
    teammate      ${DEMO.teammate.email} / ${DEMO.password}   (no seat: reads, cannot send)
    admin         ${DEMO.admin.email} / ${DEMO.password}

  Ada Lovelace (c-1001) consented to SMS and WhatsApp and wrote on WhatsApp two hours ago
  (its 24-hour window is open); Bruno Schmidt (c-1002) did not consent.
  Ctrl+C stops everything.`);

const shutdown = async () => {
  browser?.kill();
  await Promise.all([worker.stop(), ats.close()]);
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
