/**
 * The production worker as `wrangler deploy` would upload it (`--dry-run`, `--env production`),
 * measured against the platform's limits: its size raw and gzipped, and the CPU its startup takes
 * (`wrangler check startup`, which evaluates the bundle in a local workerd and profiles it).
 * `npm run build:worker`, `npm test` and `npm run bench` read the figures from here.
 * @module
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root, run } from './local-stack.ts';

const wrangler = join(root, 'node_modules/.bin/wrangler');

/**
 * Cloudflare's published limits (https://developers.cloudflare.com/workers/platform/limits/).
 * Worker size is 64 MiB uncompressed on every plan; before that it was 3 MB (Free) and 10 MB
 * (Paid) after compression, and some pages still say so — the bundle is held to both the current
 * limit and the Paid plan's compressed one. Startup: the global scope must be evaluated within 1 s.
 */
export const LIMITS = { bytes: 64 * 1024 * 1024, gzipBytes: 10 * 1000 * 1000, startupMs: 1000 } as const;

export type WorkerBuild = {
  /** The uploaded modules added up (the source maps and wrangler's README in the folder excluded). */
  bytes: number;
  gzipBytes: number;
  /** CPU the startup profile spent outside idle: what counts against the 1 s limit. */
  startupMs: number;
  outDir: string;
};

/** CPU milliseconds in a V8 `.cpuprofile`, leaving out the samples where the isolate was idle. */
export function activeMs(profile: { nodes: { id: number; callFrame: { functionName: string } }[]; samples: number[]; timeDeltas: number[] }): number {
  const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id));
  const micros = profile.samples.reduce((sum, id, i) => (idle.has(id) ? sum : sum + profile.timeDeltas[i]!), 0);
  return micros / 1000;
}

/** Builds the production bundle into `outDir` (replacing what was there) and measures it. Throws on a build error. */
export async function buildWorker(outDir: string): Promise<WorkerBuild> {
  rmSync(outDir, { recursive: true, force: true });
  const bundleDir = join(outDir, 'bundle');
  // --outfile: the upload as wrangler would send it, which `check startup` evaluates as is.
  const upload = join(outDir, 'worker.upload');
  await run(wrangler, ['deploy', '--dry-run', '--env', 'production', '--outdir', bundleDir, '--outfile', upload]);
  const modules = readdirSync(bundleDir)
    .filter((name) => !name.endsWith('.map') && name !== 'README.md')
    .map((name) => readFileSync(join(bundleDir, name)));
  const all = Buffer.concat(modules);
  const profile = join(outDir, 'startup.cpuprofile');
  await run(wrangler, ['check', 'startup', '--env', 'production', '--worker', upload, '--outfile', profile]);
  return { bytes: all.length, gzipBytes: gzipSync(all).length, startupMs: activeMs(JSON.parse(readFileSync(profile, 'utf8'))), outDir };
}

const percent = (value: number, limit: number) => `${((value / limit) * 100).toFixed(1)}%`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** One line with the three figures, each against its limit. */
export function summarize(build: WorkerBuild): string {
  return (
    `worker bundle ${kib(build.bytes)} raw (${percent(build.bytes, LIMITS.bytes)} of 64 MiB), ` +
    `${kib(build.gzipBytes)} gzip (${percent(build.gzipBytes, LIMITS.gzipBytes)} of 10 MB); ` +
    `startup ${build.startupMs.toFixed(0)} ms CPU, measured locally (${percent(build.startupMs, LIMITS.startupMs)} of 1 s)`
  );
}

/** @returns the limits the build exceeds, named; empty when it fits. */
export function overLimits(build: WorkerBuild): string[] {
  return [
    build.bytes > LIMITS.bytes && 'the bundle is over 64 MiB',
    build.gzipBytes > LIMITS.gzipBytes && 'the gzipped bundle is over 10 MB',
    build.startupMs > LIMITS.startupMs && 'startup takes over 1 s of CPU',
  ].filter((problem) => problem !== false);
}
