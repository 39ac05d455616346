/**
 * The operator's script, run as an operator runs it (Node, wrangler, a local D1): it must load
 * outside workerd, create a tenant with its admin link and default templates, and set seats.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshStateDir, migrate, root, run } from './lib/local-stack.ts';

const node = join(root, 'node_modules/.bin/node');
const admin = (stateDir: string, ...args: string[]) => run(node, [join(root, 'scripts/admin.ts'), ...args, '--persist-to', stateDir]);
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
  }, 120_000);
});
