import { beforeAll, expect, it } from 'vitest';
import type { SeatImportReport, Team } from '../../shared/api/users.ts';
import { authed, call, clock, DEMO, env, seedDemo, signIn } from '../../test/worker/support.ts';
import type { SessionUser } from '../env.ts';
import { updateUser } from '../services/users.ts';

let admin: string;

beforeAll(async () => {
  await seedDemo();
  admin = await signIn(DEMO.admin.email);
});

const team = async () => (await (await call('/v1/users', authed(admin))).json()) as Team;
const patch = (userId: string, body: unknown, token: string) => call(`/v1/users/${userId}`, authed(token, 'PATCH', body));

it('a CSV that makes every admin a recruiter is refused row by row and changes nothing', async () => {
  const csv = (await (await call('/v1/users/export', authed(admin))).text()).replace(/,admin,/g, ',recruiter,');
  const before = await team();
  const dry = (await (await call('/v1/users/import', authed(admin, 'POST', { csv, dryRun: true }))).json()) as SeatImportReport;
  expect(dry.errors).toEqual([expect.objectContaining({ email: DEMO.admin.email, code: 'no_admin_left' })]);
  const applied = await call('/v1/users/import', authed(admin, 'POST', { csv, dryRun: false }));
  expect(applied.status).toBe(422);
  expect(await applied.json()).toMatchObject({ error: { code: 'import_has_errors' } });
  expect(await team()).toEqual(before);
});

it("an admin whose own demotion committed while their request ran cannot demote or deactivate the team's last admin", async () => {
  // The interleaving of two admins demoting each other at once: Jana's request passed its admin
  // check, then Avery made her a recruiter; her change to Avery lands on a team with one admin.
  const jana: SessionUser = {
    sessionId: 'ses_x',
    userId: DEMO.teammate.id,
    tenantId: DEMO.tenantId,
    tenantName: DEMO.tenantName,
    email: DEMO.teammate.email,
    name: DEMO.teammate.name,
    role: 'admin',
    hasSeat: false,
  };
  for (const change of [{ role: 'recruiter' as const }, { active: false }]) {
    const before = await team();
    const refused = updateUser(env, jana, DEMO.admin.id, change, { ip: null, userAgent: null }, clock.now());
    await expect(refused).rejects.toMatchObject({ status: 409, message: expect.stringContaining('last active admin') });
    expect(await team()).toEqual(before);
  }
  expect((await patch(DEMO.admin.id, { role: 'recruiter' }, admin)).status).toBe(409);
});
