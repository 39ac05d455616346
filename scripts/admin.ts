/**
 * `npm run admin -- <command>`: what a Parley operator does for a tenant outside the API — create
 * it with its first admin, and set its purchased seat count (billing decides seats, not admins).
 *
 *   npm run admin -- create-tenant --name "Acme Talent" --admin-email ana@acme.example --admin-name "Ana Admin" --seats 10
 *   npm run admin -- set-seats --tenant ten_… --seats 25
 *   CREDENTIALS_KEY=<new> CREDENTIALS_KEY_PREVIOUS=<old> npm run admin -- reseal-credentials --remote
 *
 * `reseal-credentials` is the middle step of rotating CREDENTIALS_KEY (docs/runbook.md): every
 * provider credential and ATS webhook signing secret in D1 is opened (under either key) and sealed
 * again under the new one, each row written only if it still holds what was read (an admin's save
 * in between, already under the new key, is kept). Nothing is written unless every value opens.
 *
 * Add `--remote` to act on the deployed D1 (wrangler.toml's `[env.production]`) instead of the
 * local one (or `--persist-to <dir>` for another local state folder). The printed set-password
 * link points at the production PUBLIC_URL with `--remote`, else at http://127.0.0.1:8787;
 * `--origin https://…` overrides either.
 * The first admin has no password: the command prints a one-time link (7 days) to set one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resealScript, type SealedValueRow, sealedValuesScript } from '../worker/services/credentials-rotation.ts';
import { newTenantScript, seatCountScript } from '../worker/services/tenants.ts';
import { freshStateDir, root, run } from './lib/local-stack.ts';
import { clock } from './lib/clock.ts';
import { PRODUCTION_ENV, readDeployConfigs } from './lib/deploy-config.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    'admin-email': { type: 'string' },
    'admin-name': { type: 'string' },
    seats: { type: 'string' },
    tenant: { type: 'string' },
    remote: { type: 'boolean', default: false },
    origin: { type: 'string' },
    'persist-to': { type: 'string' },
  },
});

/** Where the set-password link points: the worker whose database this command writes to. */
const origin = values.origin ?? (values.remote ? String(readDeployConfigs().production.vars.PUBLIC_URL) : 'http://127.0.0.1:8787');

const fail = (message: string): never => {
  console.error(`${message}\nSee the comment at the top of scripts/admin.ts for usage.`);
  process.exit(2);
};
const seats = () => {
  const n = Number(values.seats);
  return Number.isInteger(n) && n >= 0 ? n : fail('--seats must be a whole number ≥ 0.');
};

/** @returns the rows the last statement returned. */
async function execute(sql: string): Promise<unknown[]> {
  const file = join(freshStateDir('admin'), 'admin.sql');
  writeFileSync(file, sql);
  const target = values.remote ? ['--remote', '--env', PRODUCTION_ENV] : ['--local', ...(values['persist-to'] ? ['--persist-to', values['persist-to']] : [])];
  const out = await run(join(root, 'node_modules/.bin/wrangler'), ['d1', 'execute', 'DB', ...target, '--json', '--file', file]);
  const results = JSON.parse(out.slice(out.indexOf('['))) as { results?: unknown[] }[];
  return results.at(-1)?.results ?? [];
}

const [command] = positionals;
if (command === 'create-tenant') {
  const name = values.name ?? fail('--name is required.');
  const email = values['admin-email'] ?? fail('--admin-email is required.');
  const adminName = values['admin-name'] ?? fail('--admin-name is required.');
  const count = seats();
  const created = await newTenantScript({ name, seats: count, admin: { email, name: adminName } }, clock.now());
  await execute(created.script);
  console.log(
    `Created ${name} (${created.tenantId}) with ${count} seats, the default templates and its admin ${email}.\nSend them this link to set their password (works once, for 7 days):\n  ${origin}${created.setPasswordPath}`,
  );
} else if (command === 'set-seats') {
  const tenant = values.tenant ?? fail('--tenant is required.');
  if ((await execute(seatCountScript(tenant, seats()))).length === 0) fail(`No tenant ${tenant}.`);
  console.log(`${tenant} now has ${values.seats} purchased seats. Seats already assigned stay assigned; admins revoke any beyond the count.`);
} else if (command === 'reseal-credentials') {
  const keys = { CREDENTIALS_KEY: process.env.CREDENTIALS_KEY, CREDENTIALS_KEY_PREVIOUS: process.env.CREDENTIALS_KEY_PREVIOUS };
  if (!keys.CREDENTIALS_KEY || !keys.CREDENTIALS_KEY_PREVIOUS)
    fail('Set CREDENTIALS_KEY (the new key) and CREDENTIALS_KEY_PREVIOUS (the old one) in the environment.');
  const rows = (await execute(sealedValuesScript())) as SealedValueRow[];
  const resealing = await resealScript(keys, rows);
  if (resealing.unopened.length) fail(`Opens under neither key, so nothing was written:\n  ${resealing.unopened.join('\n  ')}`);
  if (resealing.count) await execute(resealing.script);
  console.log(
    `Re-sealed ${resealing.count} stored secrets under the new CREDENTIALS_KEY. Delete CREDENTIALS_KEY_PREVIOUS from the worker when the runbook says.`,
  );
} else {
  fail(`Unknown command "${command ?? ''}".`);
}
