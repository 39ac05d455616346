import { beforeAll, expect, it } from 'vitest';
import type { SeatImportReport, Team } from '../../shared/api/users.ts';
import { authed, call, count, DEMO, env, seedDemo, signIn, clock } from '../../test/worker/support.ts';

const ROWS = 10_000;
/** The demo tenant's own users, and those of them without a seat (who get one from the file too). */
let seeded = 0;
let seatless = 0;

beforeAll(async () => {
  await seedDemo();
  seeded = await count('users', 'tenant_id = ?', DEMO.tenantId);
  seatless = await count('users', 'tenant_id = ? AND has_seat = 0', DEMO.tenantId);
  const now = clock.now().toISOString();
  const statements = [env.DB.prepare(`UPDATE tenants SET seat_count = ? WHERE id = ?`).bind(ROWS + seeded, DEMO.tenantId)];
  for (let start = 0; start < ROWS; start += 500) {
    const ids = Array.from({ length: 500 }, (_, i) => start + i);
    statements.push(
      env.DB.prepare(
        `INSERT INTO users (id, tenant_id, email, name, role, created_at)
         SELECT 'usr_bulk_' || value, ?, 'user' || value || '@bulk.test', 'Bulk User ' || value, 'recruiter', ? FROM json_each(?)`,
      ).bind(DEMO.tenantId, now, JSON.stringify(ids)),
    );
  }
  await env.DB.batch(statements);
});

it('a 10,000-row file: the dry run and the apply give everyone a seat, with one audit event each', async () => {
  const admin = await signIn(DEMO.admin.email);
  const csv = await (await call('/v1/users/export', authed(admin))).text();
  const edited = csv.replace(/,no$/gm, ',yes');
  let started = performance.now();
  const dry = (await (await call('/v1/users/import', authed(admin, 'POST', { csv: edited, dryRun: true }))).json()) as SeatImportReport;
  const dryMs = performance.now() - started;
  expect(dry).toMatchObject({ rows: ROWS + seeded, errors: [], applied: false });
  expect(dry.changes).toHaveLength(ROWS + seatless);
  started = performance.now();
  const applied = (await (await call('/v1/users/import', authed(admin, 'POST', { csv: edited, dryRun: false }))).json()) as SeatImportReport;
  console.log(`10k import: dry run ${dryMs} ms, apply ${performance.now() - started} ms`);
  expect(applied.applied).toBe(true);
  const team = (await (await call('/v1/users', authed(admin))).json()) as Team;
  expect(team.seats).toEqual({ purchased: ROWS + seeded, used: ROWS + seeded });
  expect(await count('audit_events', `action = 'seat.assigned'`)).toBe(ROWS + seatless);
}, 120_000);
