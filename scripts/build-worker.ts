/**
 * `npm run build:worker [-- --outdir <dir>]`: builds the worker exactly as `npm run deploy` would
 * upload it (into `.output/worker` by default), prints its size and startup time against
 * Cloudflare's limits, and exits non-zero on a build error or a limit exceeded. `npm test` runs it.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { root } from './lib/local-stack.ts';
import { buildWorker, overLimits, summarize } from './lib/worker-build.ts';

const { values } = parseArgs({ options: { outdir: { type: 'string', default: join(root, '.output/worker') } } });

const build = await buildWorker(values.outdir);
console.log(summarize(build));
console.log(`bundle and startup profile in ${build.outDir}`);
const problems = overLimits(build);
if (problems.length > 0) {
  console.error(`Over Cloudflare's limits: ${problems.join('; ')}.`);
  process.exit(1);
}
