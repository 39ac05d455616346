/**
 * Starts what the e2e tests drive: a worker under `wrangler dev` on its own port and state, the
 * demo tenant seeded, the demo ATS, and the extension built against that worker.
 */
import type { TestProject } from 'vitest/node';
import { startDemoAts } from '../demo-ats/server.ts';
import { buildExtension, freshStateDir, migrate, seedIfEmpty, startWorker } from '../../scripts/lib/local-stack.ts';

// Away from `npm start`'s 8787/4173, so the tests run beside a developer's session.
const WORKER_PORT = 8799;
const ATS_PORT = 4179;

declare module 'vitest' {
  export interface ProvidedContext {
    workerUrl: string;
    atsUrl: string;
    extensionDir: string;
  }
}

export default async function setup(project: TestProject) {
  const apiOrigin = `http://127.0.0.1:${WORKER_PORT}`;
  const stateDir = freshStateDir('e2e');
  const [extensionDir] = await Promise.all([buildExtension({ apiOrigin, outDir: '.output/e2e' }), migrate(stateDir).then(() => seedIfEmpty(stateDir))]);
  const [worker, ats] = await Promise.all([startWorker({ port: WORKER_PORT, stateDir }), startDemoAts({ port: ATS_PORT })]);
  project.provide('workerUrl', worker.url);
  project.provide('atsUrl', ats.url);
  project.provide('extensionDir', extensionDir);
  return async () => {
    await Promise.all([worker.stop(), ats.close()]);
  };
}
