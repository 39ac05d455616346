/**
 * The operator's script, run as an operator runs it (Node, wrangler, a local D1): it must load
 * outside workerd, create a tenant with its admin link and default templates, and set seats.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCredentials, sealCredentials } from '../worker/lib/sealed.ts';
import { freshStateDir, migrate, quietEnv, root, run } from './lib/local-stack.ts';

const node = join(root, 'node_modules/.bin/node');
const admin = (stateDir: string, ...args: string[]) => run(node, [join(root, 'scripts/admin.ts'), ...args, '--persist-to', stateDir]);
const newKey = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');
const query = async (stateDir: string, sql: string) => {
  const out = await run(join(root, 'node_modules/.bin/wrangler'), ['d1', 'execute', 'DB', '--local', '--persist-to', stateDir, '--json', '--command', sql]);
  return (JSON.parse(out.slice(out.indexOf('['))) as { results: Record<string, unknown>[] }[])[0]!.results;
};

describe('npm run admin', () => {
  it('creates a tenant with its admin, a set-password link and the default templates, then sets its seats', async () => {
    const stateDir = freshStateDir('admin-test');
    await migrate(stateDir);
    const created = await admin(
      stateDir,
      'create-tenant',
      '--name',
      'Acme Talent',
      '--admin-email',
      'ana@acme.example',
      '--admin-name',
      'Ana Admin',
      '--seats',
      '3',
    );
    const tenantId = /\((ten_\w+)\)/.exec(created)?.[1];
    expect(created).toMatch(/http:\/\/127\.0\.0\.1:8787\/account\/password\/[\w-]{20,}/);
    expect(tenantId).toBeDefined();

    const [tenant] = await query(stateDir, `SELECT name, seat_count FROM tenants WHERE id = '${tenantId}'`);
    expect(tenant).toEqual({ name: 'Acme Talent', seat_count: 3 });
    const templates = await query(stateDir, `SELECT DISTINCT purpose FROM templates WHERE tenant_id = '${tenantId}'`);
    // The opt-in START invitation needs these: a tenant without them could not invite by SMS.
    expect(templates.map((row) => row.purpose)).toEqual(expect.arrayContaining(['opt_in_identification', 'consent_request']));

    await admin(stateDir, 'set-seats', '--tenant', tenantId!, '--seats', '12');
    expect(await query(stateDir, `SELECT seat_count FROM tenants WHERE id = '${tenantId}'`)).toEqual([{ seat_count: 12 }]);
  }, 300_000);

  it('re-seals every stored credential under a new CREDENTIALS_KEY: the values open under the new key alone', async () => {
    const stateDir = freshStateDir('admin-reseal');
    await migrate(stateDir);
    const created = await admin(stateDir, 'create-tenant', '--name', 'Keyed Co', '--admin-email', 'kim@keyed.example', '--admin-name', 'Kim', '--seats', '1');
    const tenantId = /\((ten_\w+)\)/.exec(created)![1]!;
    const [oldKey, nextKey] = [newKey(), newKey()];
    const twilio = { accountSid: 'AC0123', authToken: 'twilio-auth-token-under-the-old-key' };
    const ats = { secret: 'ats-signing-secret-under-the-old-key' };
    const twilioSealed = await sealCredentials(oldKey, { tenantId, integrationId: 'int_keyed' }, twilio);
    const atsSealed = await sealCredentials(oldKey, { tenantId, integrationId: 'atsi_keyed' }, ats);
    await query(
      stateDir,
      `INSERT INTO integrations (id, tenant_id, provider, name, credentials, created_at) VALUES ('int_keyed', '${tenantId}', 'twilio', 'Twilio', '${twilioSealed}', '2026-01-01T00:00:00Z');
       INSERT INTO ats_integrations (id, tenant_id, name, format, sealed_secret, consent_mapping, created_at, updated_at)
       VALUES ('atsi_keyed', '${tenantId}', 'Greenhouse', 'greenhouse', '${atsSealed}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
    );

    // The operator's environment holds both keys, as the runbook says; without them it refuses.
    await expect(admin(stateDir, 'reseal-credentials')).rejects.toThrow(/CREDENTIALS_KEY_PREVIOUS/);
    const env = { ...quietEnv, CREDENTIALS_KEY: nextKey, CREDENTIALS_KEY_PREVIOUS: oldKey };
    const out = await run(node, [join(root, 'scripts/admin.ts'), 'reseal-credentials', '--persist-to', stateDir], env);
    expect(out).toContain('Re-sealed 2 stored secrets');

    const [integration] = await query(stateDir, `SELECT credentials FROM integrations WHERE id = 'int_keyed'`);
    const [atsIntegration] = await query(stateDir, `SELECT sealed_secret FROM ats_integrations WHERE id = 'atsi_keyed'`);
    const onlyNew = { CREDENTIALS_KEY: nextKey };
    expect(await openCredentials(onlyNew, { tenantId, integrationId: 'int_keyed' }, String(integration!.credentials))).toEqual(twilio);
    expect(await openCredentials(onlyNew, { tenantId, integrationId: 'atsi_keyed' }, String(atsIntegration!.sealed_secret))).toEqual(ats);
    await expect(openCredentials({ CREDENTIALS_KEY: oldKey }, { tenantId, integrationId: 'int_keyed' }, String(integration!.credentials))).rejects.toThrow();

    // Run again (a retry after an interruption): every value already opens under the new key.
    expect(await run(node, [join(root, 'scripts/admin.ts'), 'reseal-credentials', '--persist-to', stateDir], env)).toContain('Re-sealed 2');
  }, 300_000);
});
