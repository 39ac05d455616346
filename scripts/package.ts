/**
 * `PARLEY_API_ORIGIN=https://parley.acme.example npm run package [-- --outdir <dir>]`: the store
 * packages of the extension, built against that worker — a Chrome (MV3) zip, a Firefox zip and the
 * Firefox sources zip that addons.mozilla.org asks for with bundled code (into `.output/package` by
 * default). The Firefox package must pass Mozilla's addons-linter with no errors; its warnings are
 * printed. `npm test` runs it against a placeholder origin.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { root, run } from './lib/local-stack.ts';
import { isDeployableUrl } from '../worker/services/deployable-url.ts';

const { values } = parseArgs({ options: { outdir: { type: 'string', default: join(root, '.output/package') } } });
const outDir = resolve(values.outdir);

const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};

// No fallback: wxt.config.ts would otherwise bake in the local worker's address.
const origin =
  process.env.PARLEY_API_ORIGIN ??
  fail("Set PARLEY_API_ORIGIN to the deployed worker's origin, e.g. PARLEY_API_ORIGIN=https://parley.acme.workers.dev npm run package");
if (!isDeployableUrl(origin, { originOnly: true }))
  fail(`PARLEY_API_ORIGIN=${origin} must be the deployed worker's https origin, without a path or trailing slash.`);

type Manifest = {
  host_permissions?: string[];
  permissions: string[];
  browser_specific_settings?: { gecko?: { id?: string; data_collection_permissions?: { required?: string[] } } };
};

const env = { ...process.env, CI: 'true', NO_COLOR: '1', PARLEY_API_ORIGIN: origin, PARLEY_EXT_OUT: outDir };
rmSync(outDir, { recursive: true, force: true });
for (const [browser, unpacked] of [
  ['chrome', 'chrome-mv3'],
  ['firefox', 'firefox-mv2'],
] as const) {
  await run(join(root, 'node_modules/.bin/wxt'), ['zip', '-b', browser], env);
  const text = readFileSync(join(outDir, unpacked, 'manifest.json'), 'utf8');
  const manifest = JSON.parse(text) as Manifest;
  // MV2 lists hosts among the permissions.
  const hosts = manifest.host_permissions ?? manifest.permissions;
  if (!hosts.includes(`${origin}/*`)) fail(`${unpacked}/manifest.json does not grant ${origin}/*: the build did not take PARLEY_API_ORIGIN.`);
  // A store package neither runs on nor frames its panel into pages of this machine (the demo ATS).
  if (/localhost|127\.0\.0\.1|\[::1\]/.test(text)) fail(`${unpacked}/manifest.json names a loopback host: the demo ATS must stay out of store packages.`);
  if (browser === 'firefox' && !manifest.browser_specific_settings?.gecko?.data_collection_permissions?.required?.length)
    fail(`${unpacked}/manifest.json lacks browser_specific_settings.gecko.data_collection_permissions, which addons.mozilla.org requires.`);
}

const firefoxZip = readdirSync(outDir).find((name) => name.endsWith('-firefox.zip')) ?? fail(`no Firefox zip in ${outDir}`);
type LintMessage = { code: string; message: string; file?: string };
type LintReport = { summary: { errors: number; warnings: number; notices: number }; errors: LintMessage[]; warnings: LintMessage[] };
// addons-linter exits non-zero on errors; its report says which, so it is read either way.
const lint = spawnSync(join(root, 'node_modules/.bin/addons-linter'), ['--output', 'json', join(outDir, firefoxZip)], { cwd: root, encoding: 'utf8' });
const report = JSON.parse(lint.stdout) as LintReport;
const describe = (m: LintMessage) => `  ${m.code}${m.file ? ` (${m.file})` : ''}: ${m.message}`;

for (const name of readdirSync(outDir).filter((entry) => entry.endsWith('.zip'))) {
  console.log(`${join(outDir, name)}  ${(statSync(join(outDir, name)).size / 1024).toFixed(1)} KiB`);
}
console.log(`addons-linter ${firefoxZip}: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`);
for (const warning of report.warnings) console.log(describe(warning));
if (report.summary.errors > 0) fail(`addons.mozilla.org would refuse ${firefoxZip}:\n${report.errors.map(describe).join('\n')}`);
