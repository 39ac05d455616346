/**
 * The local stack as processes on loopback: D1 migrations and the demo seed through wrangler,
 * the worker under `wrangler dev`, the demo ATS, and the extension build. `npm start`, the e2e
 * run and the bench all start Parley this one way.
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { demoSeedScript } from '../../worker/sandbox/seed.ts';
import { clock } from './clock.ts';
import { localWorkerSecrets, localWorkerVars } from './dev-vars.ts';

export const root = resolve(import.meta.dirname, '../..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);

/**
 * Without libfaketime's variables: `npm test -- --at` runs the Node layers under it, and workerd
 * (started by every wrangler command here) hangs under it. The local stack keeps the real clock.
 */
const { LD_PRELOAD, FAKETIME, FAKETIME_SHARED, ...realClockEnv } = process.env;
export const quietEnv = { ...realClockEnv, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' };

/** Runs a command to completion; its output is returned, and printed only when it fails. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = quietEnv): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done(output) : fail(new Error(`${command} ${args.join(' ')} exited ${code}\n${output}`))));
  });
}

/** A wrangler state folder of its own, so tests and the bench never touch `npm start`'s data. */
export const freshStateDir = (label: string) => mkdtempSync(join(tmpdir(), `parley-${label}-`));

const stateArgs = (stateDir?: string) => (stateDir ? ['--persist-to', stateDir] : []);

export async function migrate(stateDir?: string): Promise<void> {
  await run(bin('wrangler'), ['d1', 'migrations', 'apply', 'DB', '--local', ...stateArgs(stateDir)]);
}

/**
 * Loads the demo tenant unless the database already has tenants; with `conversation`, also the
 * demo thread with Ada (`npm start`; tests and the bench start from empty threads).
 * @returns whether it seeded.
 */
export async function seedIfEmpty(stateDir?: string, { conversation = false } = {}): Promise<boolean> {
  const out = await run(bin('wrangler'), [
    'd1',
    'execute',
    'DB',
    '--local',
    ...stateArgs(stateDir),
    '--json',
    '--command',
    'SELECT COUNT(*) AS n FROM tenants',
  ]);
  const [{ results }] = JSON.parse(out.slice(out.indexOf('['))) as [{ results: [{ n: number }] }];
  if (results[0].n > 0) return false;
  const file = join(freshStateDir('seed'), 'seed.sql');
  writeFileSync(file, await demoSeedScript(clock.now(), { conversation }));
  await run(bin('wrangler'), ['d1', 'execute', 'DB', '--local', ...stateArgs(stateDir), '--file', file]);
  return true;
}

export type Running = { url: string; stop(): Promise<void> };

async function waitForHttp(url: string, child: ChildProcess, log: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited ${child.exitCode} before ${url} answered\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms\n${log()}`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((done) => {
      if (child.exitCode !== null || child.pid === undefined) return done();
      child.once('close', () => done());
      // wrangler runs workerd as its own child: signal the whole process group.
      process.kill(-child.pid, 'SIGTERM');
      setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), 5_000).unref();
    });
}

/** `wrangler dev` on loopback with the sandbox phone on. */
export async function startWorker(options: { port: number; stateDir?: string; echo?: boolean }): Promise<Running & { pid: number }> {
  // A worker left running on the port would answer /health for us, with another database.
  const taken = await fetch(`http://127.0.0.1:${options.port}/health`).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${options.port} is already in use: stop what runs there (a leftover wrangler dev?) and try again`);
  const child = spawn(
    bin('wrangler'),
    [
      // The dev entry: the production worker plus the sandbox room (phone, email outbox, bench).
      'dev',
      'worker/sandbox/index.ts',
      '--ip',
      '127.0.0.1',
      '--port',
      String(options.port),
      ...Object.entries(localWorkerVars(`http://127.0.0.1:${options.port}`)).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
      '--show-interactive-dev-session=false',
      ...stateArgs(options.stateDir),
    ],
    { cwd: root, env: { ...quietEnv, ...localWorkerSecrets }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const collect = (chunk: Buffer) => {
    log = (log + chunk).slice(-20_000);
    if (options.echo) process.stdout.write(chunk);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const url = `http://127.0.0.1:${options.port}`;
  await waitForHttp(`${url}/health`, child, () => log);
  return { url, pid: child.pid!, stop: stopper(child) };
}

/** Builds the extension with the worker's origin baked in. @returns the unpacked Chrome MV3 folder. */
export async function buildExtension(options: { apiOrigin: string; outDir?: string; browser?: 'chrome' | 'firefox' }): Promise<string> {
  const outDir = options.outDir ?? '.output';
  await run(bin('wxt'), ['build', ...(options.browser === 'firefox' ? ['-b', 'firefox'] : [])], {
    ...quietEnv,
    PARLEY_API_ORIGIN: options.apiOrigin,
    PARLEY_EXT_OUT: outDir,
  });
  return join(root, outDir, options.browser === 'firefox' ? 'firefox-mv2' : 'chrome-mv3');
}
