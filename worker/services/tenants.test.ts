import { expect, it } from 'vitest';
import { call, clock, count, env } from '../../test/worker/support.ts';
import { prepareAll } from '../db/queries/sql.ts';
import { newTenantStatements } from './tenants.ts';

it('an operator-created tenant has its first admin, a working set-password link and the default templates', async () => {
  const created = await newTenantStatements({ name: 'Acme Talent', seats: 5, admin: { email: 'ana@acme.test', name: 'Ana Admin' } }, clock.now());
  await env.DB.batch(prepareAll(env.DB, created.statements));

  expect(await count('tenants', 'id = ? AND seat_count = 5', created.tenantId)).toBe(1);
  expect(await count('users', "tenant_id = ? AND role = 'admin' AND email = 'ana@acme.test'", created.tenantId)).toBe(1);
  // The opt-in flow renders these: without them a grant under double opt-in sends no START invitation.
  for (const purpose of ['consent_request', 'opt_in_identification']) {
    expect(await count('templates', 'tenant_id = ? AND purpose = ?', created.tenantId, purpose), purpose).toBeGreaterThan(0);
  }
  const page = await call(created.setPasswordPath);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('ana@acme.test');
});
