import { describe, expect, it } from 'vitest';
import { type DeployConfig, productionProblems, readDeployConfigs } from './lib/deploy-config.ts';

const committed = readDeployConfigs();

/** The committed production environment with the three values an admin fills in. */
function filledIn(): { local: DeployConfig; production: DeployConfig } {
  const production = structuredClone(committed.production);
  production.d1_databases[0]!.database_id = '2f6c1a0e-8d1b-4c3e-9a57-0b6f3d2e1c4a';
  production.vars = { ...production.vars, PUBLIC_URL: 'https://parley.acme.workers.dev', EMAIL_FROM: 'Parley <parley@acme.example>' };
  return { local: committed.local, production };
}

describe('the production environment in wrangler.toml', () => {
  it('lacks only the values each deployment supplies: the database id, PUBLIC_URL and EMAIL_FROM', () => {
    const problems = productionProblems(committed);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/database_id[\s\S]*PUBLIC_URL[\s\S]*EMAIL_FROM/);
  });

  it('deploys once they are filled in', () => {
    expect(productionProblems(filledIn())).toEqual([]);
  });

  it('is refused, naming the binding, when a binding the worker reads is missing (environments inherit none)', () => {
    const config = filledIn();
    config.production.queues = { producers: [], consumers: [] };
    config.production.durable_objects = { bindings: [] };
    const problems = productionProblems(config).join('\n');
    expect(problems).toContain('queues');
    expect(problems).toContain('durable_objects');
  });

  it.each([
    ['SANDBOX_ENABLED', { SANDBOX_ENABLED: 'true' }],
    ['CLOCK_OFFSET_MS', { CLOCK_OFFSET_MS: '0' }],
    ['PROVIDER_API_OVERRIDE', { PROVIDER_API_OVERRIDE: 'true' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'http://127.0.0.1:8787' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'https://parley.acme.example/webhooks' }],
    ['EMAIL_PROVIDER', { EMAIL_PROVIDER: undefined }],
    ['EMAIL_API_URL', { EMAIL_API_URL: 'not a url' }],
  ])('is refused, naming %s, for a development value', (name, vars) => {
    const config = filledIn();
    config.production.vars = Object.fromEntries(Object.entries({ ...config.production.vars, ...vars }).filter(([, value]) => value !== undefined));
    expect(productionProblems(config)).toEqual([expect.stringContaining(name)]);
  });

  it('requires the secrets production reads', () => {
    const config = filledIn();
    config.production.secrets = { required: ['CREDENTIALS_KEY'] };
    expect(productionProblems(config)).toEqual([expect.stringContaining('EMAIL_API_KEY')]);
  });
});
