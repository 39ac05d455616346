/**
 * The authorization matrix: every route of the app, from the router itself, as five callers,
 * against the policy table in test/worker/route-policy.ts (add your route's row there).
 */
import { exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { mintSession, runMatrix, type MatrixSetup } from '../test/worker/authorization-matrix.ts';
import { routePolicy } from '../test/worker/route-policy.ts';
import { DEMO, env, seedDemo, seedOtherTenant, clock } from '../test/worker/support.ts';
import { requireSession } from './middleware/auth.ts';
import { createRouter } from './lib/router.ts';
import { devApp } from './sandbox/index.ts';

const NO_SEAT = { id: 'usr_matrix_noseat', email: 'noseat@northwind.test' };
const OTHER_ADMIN = 'usr_other_admin';

beforeAll(async () => {
  await seedDemo();
  await seedOtherTenant();
  const now = clock.now().toISOString();
  await env.DB.batch([
    env.DB.prepare(`INSERT INTO users (id, tenant_id, email, name, role, has_seat, created_at) VALUES (?, ?, ?, 'Nico Noseat', 'recruiter', 0, ?)`).bind(
      NO_SEAT.id,
      DEMO.tenantId,
      NO_SEAT.email,
      now,
    ),
    env.DB.prepare(
      `INSERT INTO users (id, tenant_id, email, name, role, has_seat, created_at) VALUES (?, 'ten_other', 'olga@other.test', 'Olga Other', 'admin', 1, ?)`,
    ).bind(OTHER_ADMIN, now),
    env.DB.prepare(`UPDATE tenants SET seat_count = 5 WHERE id = 'ten_other'`),
  ]);
});

const users = {
  recruiterWithoutSeat: [DEMO.tenantId, NO_SEAT.id],
  recruiterWithSeat: [DEMO.tenantId, DEMO.recruiter.id],
  admin: [DEMO.tenantId, DEMO.admin.id],
  otherTenantAdmin: ['ten_other', OTHER_ADMIN],
} as const;

const setup = (overrides: Partial<MatrixSetup> = {}): MatrixSetup => ({
  fetch: (request) => exports.default.fetch(request),
  // Every route the tests can reach: the production API and the sandbox room.
  routes: devApp.routes,
  policy: routePolicy,
  tokenFor: (caller) => {
    const [tenantId, userId] = users[caller];
    return mintSession(env.DB, tenantId, userId);
  },
  firstTenantMarkers: [DEMO.tenantId, DEMO.tenantName, DEMO.admin.email, DEMO.recruiter.email, NO_SEAT.email, 'usr_demo_', 'cand_demo_', 'Ada Lovelace'],
  ...overrides,
});

describe('the authorization matrix', () => {
  it('every route answers every caller as its policy row says, and leaks nothing across tenants', async () => {
    expect(await runMatrix(setup())).toEqual([]);
  }, 60_000);

  // The matrix must be able to fail: an app with one more route, unlisted and then leaky.
  const leaky = createRouter()
    .route('/', devApp)
    .get('/v1/leak', requireSession, async (c) => c.json((await c.env.DB.prepare(`SELECT email FROM users`).all()).results));
  const leakySetup = (policy = routePolicy) =>
    setup({ fetch: async (request) => leaky.fetch(request, env), routes: leaky.routes.filter((r) => r.path === '/v1/leak'), policy });

  it('fails for a route without a policy row', async () => {
    expect(await runMatrix(leakySetup())).toEqual(['GET /v1/leak: no row in the policy table (test/worker/route-policy.ts)']);
  });

  it('fails for a route that shows another tenant the first tenant’s data', async () => {
    const violations = await runMatrix(leakySetup({ ...routePolicy, 'GET /v1/leak': { access: 'session' } }));
    expect(violations).toEqual([expect.stringMatching(/^GET \/v1\/leak as otherTenantAdmin → 200 leaks the first tenant's data: .*admin@northwind\.test/)]);
  });
});
