/**
 * The authorization matrix: every route of the app, from the router itself, as six callers (two of
 * them across tenants, each with the other's real ids), against the policy table in
 * test/worker/route-policy.ts (add your route's row there).
 */
import { exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { mintSession, runMatrix, type MatrixSetup } from '../test/worker/authorization-matrix.ts';
import { snapshot } from '../test/worker/db-snapshot.ts';
import { createFixtures, type FixtureTenant } from '../test/worker/matrix-fixtures.ts';
import { type MatrixFixtures, routePolicy } from '../test/worker/route-policy.ts';
import { DEMO, env, seedDemo, seedOtherTenant, clock, outboxSettled } from '../test/worker/support.ts';
import { prepareAll } from './db/queries/sql.ts';
import { interviewSettingsSql } from './db/queries/interviews.ts';
import { defaultTemplateStatements } from './services/default-templates.ts';
import { DEFAULT_INTERVIEW_SETTINGS } from '../shared/domain/interviews.ts';
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
    // What the other tenant needs to own one of everything: consent to text its candidate, the
    // templates and reminders an interview starts from, no quiet hours (as the demo tenant).
    env.DB.prepare(
      `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, phone, updated_at) VALUES ('ten_other', 'cand_other', 'sms', 'granted', 'admin_import', '+14155550199', ?)`,
    ).bind(now),
    env.DB.prepare(
      `INSERT INTO compliance_settings (tenant_id, country, opt_in, quiet_start, quiet_end, updated_at) VALUES ('ten_other', '*', 'single', '00:00', '00:00', ?)`,
    ).bind(now),
    ...prepareAll(env.DB, [
      ...defaultTemplateStatements('ten_other', now),
      interviewSettingsSql('ten_other', JSON.stringify(DEFAULT_INTERVIEW_SETTINGS.defaultReminders), now),
    ]),
  ]);
  firstFixtures = createFixtures({
    ...fixtureBase,
    tenantId: DEMO.tenantId,
    adminToken: () => mintSession(env.DB, DEMO.tenantId, DEMO.admin.id),
    candidateId: 'cand_demo_c1001',
    candidatePhone: '+14155550101',
    sendingPhone: '+14155550100',
    integrationId: DEMO.integrationId,
  });
  // The other tenant's real objects, made through the API as its admin like any tenant's.
  const otherAdminToken = () => mintSession(env.DB, 'ten_other', OTHER_ADMIN);
  const other: FixtureTenant = {
    ...fixtureBase,
    tenantId: 'ten_other',
    adminToken: otherAdminToken,
    candidateId: 'cand_other',
    candidatePhone: '+14155550199',
    sendingPhone: '+14155550188',
    integrationId: '',
  };
  other.integrationId = await createFixtures(other).integration();
  await exports.default.fetch(
    new Request('http://parley.test/v1/sending-numbers', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${await otherAdminToken()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ integrationId: other.integrationId, channel: 'sms', country: 'US', phoneNumber: other.sendingPhone, isDefault: true }),
    }),
  );
  otherFixtures = createFixtures(other);
  otherParams = {
    candidateId: 'cand_other',
    userId: 'usr_other',
    integrationId: other.integrationId,
    templateId: await otherFixtures.template(),
    ...(await otherFixtures.interview()),
    messageId: await otherFixtures.failedMessage(),
    numberId: await otherFixtures.sendingNumber(),
    atsIntegrationId: await otherFixtures.atsIntegration(),
  };
});

const fixtureBase = { fetch: (request: Request) => exports.default.fetch(request), db: env.DB };
let firstFixtures: MatrixFixtures;
let otherFixtures: MatrixFixtures;
let otherParams: Record<string, string>;

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
  fixtures: firstFixtures,
  otherTenant: { params: otherParams, fixtures: otherFixtures },
  // Sessions are minted for every call (and a session's use may be recorded): not the data under test.
  snapshot: () => snapshot(env.DB, ['sessions']),
  settle: () => outboxSettled(),
  ...overrides,
});

describe('the authorization matrix', () => {
  it('every route answers every caller as its policy row says, and leaks nothing across tenants', async () => {
    expect(await runMatrix(setup())).toEqual([]);
  }, 120_000);

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

  // A route that finds a candidate by id alone (no tenant) and marks it: both cross-tenant callers must catch it.
  const unscoped = createRouter()
    .route('/', devApp)
    .post('/v1/touch/:candidateId', requireSession, async (c) => {
      await c.env.DB.prepare(`UPDATE candidates SET job_title = 'touched' WHERE id = ?`).bind(c.req.param('candidateId')).run();
      return c.json({ ok: true });
    });

  it('fails for a route that acts on another tenant’s object by its id', async () => {
    const violations = await runMatrix(
      setup({
        fetch: async (request) => unscoped.fetch(request, env),
        routes: unscoped.routes.filter((r) => r.path === '/v1/touch/:candidateId'),
        policy: { 'POST /v1/touch/:candidateId': { access: 'session' } },
      }),
    );
    expect(violations).toEqual([
      'POST /v1/touch/:candidateId as otherTenantAdmin → 200 changed rows: candidates (changed)',
      'POST /v1/touch/:candidateId as otherTenantAdmin → 200, expected 404: {"ok":true}',
      'POST /v1/touch/:candidateId as adminToOtherTenant → 200 changed rows: candidates (changed)',
      'POST /v1/touch/:candidateId as adminToOtherTenant → 200, expected 404: {"ok":true}',
    ]);
  });
});
