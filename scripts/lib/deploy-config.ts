/**
 * What `npm run deploy` checks before it touches the account: the production environment in
 * wrangler.toml, as wrangler resolves it, has every binding the worker reads (a Wrangler
 * environment inherits none of them), production values for every var, and none of the
 * placeholders the repository ships. Each problem names the setting to fix.
 * @module
 */
import { join } from 'node:path';
import { unstable_readConfig } from 'wrangler';
import { root } from './local-stack.ts';
import { isDeployableUrl } from '../../worker/services/deployable-url.ts';

/**
 * The part of a resolved wrangler config these checks read. (wrangler's own declaration of it
 * comes from a package wrangler bundles rather than installs, so it reaches us as `any`.)
 */
export type DeployConfig = {
  vars: Record<string, unknown>;
  d1_databases: { binding: string; database_name: string; database_id?: string; migrations_dir?: string }[];
  queues: { producers?: unknown[]; consumers?: unknown[] };
  durable_objects: { bindings: unknown[] };
  secrets?: { required?: string[] };
  triggers: { crons?: string[] };
};

export const PRODUCTION_ENV = 'production';

/** The top-level config (local development and tests) and the production environment. */
export function readDeployConfigs(): { local: DeployConfig; production: DeployConfig } {
  const read = (env?: string): DeployConfig => unstable_readConfig({ config: join(root, 'wrangler.toml'), env }, { hideWarnings: true });
  return { local: read(), production: read(PRODUCTION_ENV) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLACEHOLDER = /REPLACE/;

const isSetHttpsUrl = (value: string | undefined, options?: { originOnly: boolean }) => !!value && !PLACEHOLDER.test(value) && isDeployableUrl(value, options);

/** @returns what stops `production` from being deployed, one line per setting; empty when it may go. */
export function productionProblems({ local, production }: { local: DeployConfig; production: DeployConfig }): string[] {
  const where = `[env.${PRODUCTION_ENV}]`;
  const vars = production.vars as Record<string, string | undefined>;
  const problems: string[] = [];
  const need = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };

  // Bindings: the same as the ones the tests run against, but for the database's id.
  const withoutIds = (databases: DeployConfig['d1_databases']) => databases.map((database) => ({ ...database, database_id: undefined }));
  need(
    same(withoutIds(production.d1_databases), withoutIds(local.d1_databases)),
    `${where} d1_databases must bind the same databases as the top level (binding DB, migrations_dir).`,
  );
  need(same(production.queues, local.queues), `${where} queues must repeat the top level's producers and consumers (with the dead-letter queue).`);
  need(same(production.durable_objects, local.durable_objects), `${where} durable_objects must repeat the top level's bindings (TENANT_HUB).`);
  need(same(production.triggers, local.triggers), `${where} triggers must keep the top level's cron.`);
  for (const database of production.d1_databases) {
    need(
      UUID.test(database.database_id ?? ''),
      `${where} d1_databases ${database.binding}: set database_id to the id \`npx wrangler d1 create ${database.database_name}\` printed.`,
    );
  }

  // Vars: production values, never a development fallback.
  need(vars.SANDBOX_ENABLED === 'false', `${where} vars.SANDBOX_ENABLED must be "false": the sandbox phone and bench routes stay off in production.`);
  need(!('CLOCK_OFFSET_MS' in vars), `${where} vars.CLOCK_OFFSET_MS is for test stacks only: remove it (the worker refuses every request while it is set).`);
  need(
    !('PROVIDER_API_OVERRIDE' in vars),
    `${where} vars.PROVIDER_API_OVERRIDE is for test stacks only: remove it (it would let an admin point the worker at any host; the worker refuses to run with it).`,
  );
  need(
    isSetHttpsUrl(vars.PUBLIC_URL, { originOnly: true }),
    `${where} vars.PUBLIC_URL must be the worker's https origin, without a path (e.g. https://parley.acme.workers.dev); it is "${vars.PUBLIC_URL ?? ''}".`,
  );
  need(vars.EMAIL_PROVIDER === 'http', `${where} vars.EMAIL_PROVIDER must be "http": invites and password resets are emailed.`);
  need(isSetHttpsUrl(vars.EMAIL_API_URL), `${where} vars.EMAIL_API_URL must be your email API's https endpoint.`);
  need(
    !!vars.EMAIL_FROM && !PLACEHOLDER.test(vars.EMAIL_FROM) && vars.EMAIL_FROM.includes('@'),
    `${where} vars.EMAIL_FROM must be a sender your email API accepts, e.g. "Parley <parley@acme.example>".`,
  );

  // Secrets: wrangler refuses the deploy while a required one is unset on the worker.
  const required = production.secrets?.required ?? [];
  for (const secret of ['CREDENTIALS_KEY', 'EMAIL_API_KEY']) need(required.includes(secret), `${where} secrets.required must list ${secret}.`);
  return problems;
}
