import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../sandbox/index.ts';
import type { SeatImportReport, Team } from '../../shared/api/users.ts';
import { SIGN_IN_THROTTLE } from '../services/sessions.ts';
import { authed, call, callSettled, count, DEMO, env, lastEmailTo, passwordLinkIn, seedDemo, seedOtherTenant, signIn } from '../../test/worker/support.ts';

let admin: string;

beforeAll(async () => {
  await seedDemo();
  await seedOtherTenant();
  admin = await signIn(DEMO.admin.email);
});

const team = async () => (await (await call('/v1/users', authed(admin))).json()) as Team;
const patch = (userId: string, body: unknown, token = admin) => call(`/v1/users/${userId}`, authed(token, 'PATCH', body));
const send = (token: string) => call(`/v1/candidates/cand_demo_c1001/messages`, authed(token, 'POST', { channel: 'sms', body: 'Hello Ada' }));

describe('seats', () => {
  it('a revoked seat stops the very next send with 403 seat_required naming the admin; a new seat reopens it', async () => {
    const recruiter = await signIn();
    expect((await send(recruiter)).status).toBe(201);

    expect((await patch(DEMO.recruiter.id, { seat: false })).status).toBe(200);
    const messagesBefore = await count('messages');
    const refused = await send(recruiter);
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('seat_required');
    expect(body.error.message).toContain(DEMO.admin.email);
    expect(await count('messages')).toBe(messagesBefore);
    // Reading stays open without a seat.
    expect((await call('/v1/candidates/cand_demo_c1001/messages?channel=sms', authed(recruiter))).status).toBe(200);
    expect(await (await call('/v1/me', authed(recruiter))).json()).toMatchObject({ seat: false, seatAdmins: [{ email: DEMO.admin.email }] });

    expect((await patch(DEMO.recruiter.id, { seat: true })).status).toBe(200);
    expect((await send(recruiter)).status).toBe(201);
  });

  it('assigning beyond the purchased count is 409 seats_exhausted and changes nothing', async () => {
    await env.DB.prepare(`UPDATE tenants SET seat_count = 2 WHERE id = ?`).bind(DEMO.tenantId).run();
    const invited = await call('/v1/users', authed(admin, 'POST', { email: 'sam@northwind.test', name: 'Sam Seatless', role: 'recruiter' }));
    expect(invited.status).toBe(201);
    const { id } = (await invited.json()) as { id: string };
    const refused = await patch(id, { seat: true });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'seats_exhausted' } });
    expect((await team()).seats).toEqual({ purchased: 2, used: 2 });

    // Reassign: free one, take it.
    expect((await patch(DEMO.recruiter.id, { seat: false })).status).toBe(200);
    expect((await patch(id, { seat: true })).status).toBe(200);
    expect((await team()).users.find((u) => u.id === id)).toMatchObject({ seat: true, status: 'invited' });
    expect((await patch(id, { seat: false })).status).toBe(200);
    expect((await patch(DEMO.recruiter.id, { seat: true })).status).toBe(200);
    await env.DB.prepare(`UPDATE tenants SET seat_count = ? WHERE id = ?`).bind(DEMO.seatCount, DEMO.tenantId).run();
  });

  it('recruiters cannot manage users; an admin cannot demote themselves; bad input is 422 with no change', async () => {
    const recruiter = await signIn();
    expect((await call('/v1/users', authed(recruiter))).status).toBe(403);
    expect((await patch(DEMO.admin.id, { seat: false }, recruiter)).status).toBe(403);
    expect((await patch(DEMO.admin.id, { role: 'recruiter' })).status).toBe(409);
    expect((await patch(DEMO.recruiter.id, { seat: 'yes' })).status).toBe(422);
    expect((await patch(DEMO.recruiter.id, {})).status).toBe(422);
    expect((await team()).users.find((u) => u.id === DEMO.recruiter.id)).toMatchObject({ seat: true, role: 'recruiter' });
  });

  it("deactivating ends the user's sessions and frees their seat", async () => {
    const invited = await call('/v1/users', authed(admin, 'POST', { email: 'dee@northwind.test', name: 'Dee Active', role: 'recruiter' }));
    const { id } = (await invited.json()) as { id: string };
    await call(passwordLinkIn((await lastEmailTo('dee@northwind.test'))!.body), {
      method: 'POST',
      body: new URLSearchParams({ password: 'dee-password-1', confirm: 'dee-password-1' }),
    });
    const dee = await signIn('dee@northwind.test', 'dee-password-1');
    expect((await patch(id, { seat: true })).status).toBe(200);
    expect((await patch(id, { active: false })).status).toBe(200);
    expect((await call('/v1/me', authed(dee))).status).toBe(401);
    expect((await team()).users.find((u) => u.id === id)).toMatchObject({ seat: false, status: 'deactivated' });
  });
});

describe('invites and passwords', () => {
  it('an invite emails a one-time link to a worker page that sets a hashed password; then the user signs in', async () => {
    const invited = await call('/v1/users', authed(admin, 'POST', { email: 'ivy@northwind.test', name: 'Ivy Invited', role: 'recruiter' }));
    expect(invited.status).toBe(201);
    const email = await lastEmailTo('ivy@northwind.test');
    expect(email?.subject).toContain(DEMO.admin.name);
    const path = passwordLinkIn(email!.body);
    const token = path.split('/').at(-1)!;
    expect(await count('account_tokens', 'token_hash = ?', token)).toBe(0);

    const form = await call(path);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('ivy@northwind.test');
    const tooShort = await call(path, { method: 'POST', body: new URLSearchParams({ password: 'short', confirm: 'short' }) });
    expect(tooShort.status).toBe(422);
    const done = await call(path, { method: 'POST', body: new URLSearchParams({ password: 'ivy-password-1', confirm: 'ivy-password-1' }) });
    expect(done.status).toBe(200);
    const stored = await env.DB.prepare(`SELECT password_hash FROM users WHERE email = 'ivy@northwind.test'`).first<{ password_hash: string }>();
    expect(stored!.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect((await call(path)).status).toBe(404); // used up
    await signIn('ivy@northwind.test', 'ivy-password-1');
  });

  it('an invited user can be invited again: a new link, the old one retired; not once they have a password', async () => {
    const invited = await call('/v1/users', authed(admin, 'POST', { email: 'ria@northwind.test', name: 'Ria Again', role: 'recruiter' }));
    const { id } = (await invited.json()) as { id: string };
    const first = passwordLinkIn((await lastEmailTo('ria@northwind.test'))!.body);
    const again = await call(`/v1/users/${id}/invitations`, authed(admin, 'POST'));
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ id, status: 'invited' });
    const second = passwordLinkIn((await lastEmailTo('ria@northwind.test'))!.body);
    expect(second).not.toBe(first);
    expect((await call(first)).status).toBe(404); // retired
    expect(await count('audit_events', "action = 'user.invited' AND target_user_id = ? AND detail LIKE 'invite sent again%'", id)).toBe(1);

    const done = await call(second, { method: 'POST', body: new URLSearchParams({ password: 'ria-password-1', confirm: 'ria-password-1' }) });
    expect(done.status).toBe(200);
    const refused = await call(`/v1/users/${id}/invitations`, authed(admin, 'POST'));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { message: expect.stringContaining('has set a password already') } });
    expect((await call('/v1/users/usr_nobody/invitations', authed(admin, 'POST'))).status).toBe(404);
    expect((await call(`/v1/users/${id}/invitations`, authed(await signIn(), 'POST'))).status).toBe(403);
  });

  it("inviting another tenant's user is answered like a new email, creates nothing and tells the account's owner; a teammate is 409", async () => {
    const users = await count('users');
    const fresh = await call('/v1/users', authed(admin, 'POST', { email: 'newbie@elsewhere.test', name: 'Nia New', role: 'admin' }));
    const elsewhere = await call('/v1/users', authed(admin, 'POST', { email: 'EVE@other.test', name: 'Eve', role: 'admin' }));
    expect(elsewhere.status).toBe(fresh.status);
    const shape = (body: Record<string, unknown>) => ({ ...body, id: typeof body.id, email: typeof body.email, name: typeof body.name });
    expect(shape(await elsewhere.json())).toEqual(shape(await fresh.json()));
    expect(await count('users')).toBe(users + 1);
    expect(await count('users', "email = 'eve@other.test' AND tenant_id = 'ten_other'")).toBe(1);
    expect((await lastEmailTo('EVE@other.test'))?.body).toContain('already has a Parley account with another organization');
    const teammate = await call('/v1/users', authed(admin, 'POST', { email: DEMO.recruiter.email.toUpperCase(), name: 'Rita', role: 'admin' }));
    expect(teammate.status).toBe(409);
    expect(await count('users')).toBe(users + 1);
  });

  it('a password reset answers alike for unknown emails, and its link ends every old session', async () => {
    const unknown = await callSettled('/v1/auth/password-resets', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@nowhere.test' }),
    });
    expect(unknown.status).toBe(202);
    expect(await count('sandbox_emails', 'to_address = ?', 'nobody@nowhere.test')).toBe(0);

    const old = await signIn('ivy@northwind.test', 'ivy-password-1');
    const reset = await callSettled('/v1/auth/password-resets', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'ivy@northwind.test' }),
    });
    expect(reset.status).toBe(202);
    const path = passwordLinkIn((await lastEmailTo('ivy@northwind.test'))!.body);
    await call(path, { method: 'POST', body: new URLSearchParams({ password: 'ivy-password-2', confirm: 'ivy-password-2' }) });
    expect((await call('/v1/me', authed(old))).status).toBe(401);
    await signIn('ivy@northwind.test', 'ivy-password-2');
  });

  it('signs out everywhere: every session of the user ends, other users keep theirs', async () => {
    const a = await signIn();
    const b = await signIn();
    expect((await call('/v1/auth/sessions', authed(a, 'DELETE'))).status).toBe(204);
    expect((await call('/v1/me', authed(b))).status).toBe(401);
    expect((await call('/v1/me', authed(admin))).status).toBe(200);
  });
});

describe('sign-in throttling', () => {
  const attempt = (email: string, password: string, ip: string) =>
    call('/v1/auth/sessions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': ip },
      body: JSON.stringify({ email, password }),
    });

  it('refuses an account after repeated failures with 429 too_many_attempts, even with the right password', async () => {
    for (let i = 0; i < SIGN_IN_THROTTLE.perAccount; i++) expect((await attempt('ivy@northwind.test', 'wrong', `10.0.0.${i}`)).status).toBe(401);
    const locked = await attempt('ivy@northwind.test', 'ivy-password-2', '10.0.1.1');
    expect(locked.status).toBe(429);
    const body = (await locked.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('too_many_attempts');
    expect(body.error.message).toMatch(/for this account.*minutes/);
    // Another account from the same clients is unaffected.
    expect((await attempt(DEMO.recruiter.email, DEMO.password, '10.0.1.1')).status).toBe(201);
  });

  it('refuses a client that fails across many accounts', async () => {
    for (let i = 0; i < SIGN_IN_THROTTLE.perClient; i++) await attempt(`guess${i}@northwind.test`, 'wrong', '192.0.2.7');
    const locked = await attempt(DEMO.admin.email, DEMO.password, '192.0.2.7');
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ error: { code: 'too_many_attempts', message: expect.stringMatching(/from your network/) } });
  });

  it('counts each guess before checking it: of 40 parallel wrong guesses at one account, 10 are checked and 30 refused', async () => {
    const statuses = (
      await Promise.all(Array.from({ length: 40 }, (_, i) => attempt('parallel-guess@northwind.test', `wrong-${i}`, `198.51.100.${i + 1}`)))
    ).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
  });
});

describe('password reset throttling', () => {
  const reset = (email: string, ip: string) =>
    callSettled('/v1/auth/password-resets', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': ip },
      body: JSON.stringify({ email }),
    });
  const answer = async (response: Response) => [response.status, await response.text()];

  it('mails at most 3 links an hour per email, only the newest live, and answers alike for an unknown email', async () => {
    const email = 'sam@northwind.test';
    const user = (await env.DB.prepare(`SELECT id FROM users WHERE email = ?`).bind(email).first<{ id: string }>())!;
    const emailsBefore = await count('sandbox_emails', 'to_address = ?', email);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => reset(email, `203.0.113.${i + 1}`).then(answer)));
    const unknown = await Promise.all(Array.from({ length: 5 }, (_, i) => reset('nobody-here@northwind.test', `203.0.113.${i + 101}`).then(answer)));
    expect(new Set([...answers, ...unknown].map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify(answers[0])]));
    expect(answers[0]![0]).toBe(202);
    expect((await count('sandbox_emails', 'to_address = ?', email)) - emailsBefore).toBe(3);
    expect(await count('account_tokens', `user_id = ? AND purpose = 'reset' AND used_at IS NULL`, user.id)).toBe(1);
  });

  it('answers before anything is looked up or mailed: the reply cannot tell, by its time, whether the account exists', async () => {
    const email = DEMO.teammate.email;
    const before = await count('sandbox_emails', 'to_address = ?', email);
    const context = createExecutionContext();
    const request = new Request('http://parley.test/v1/auth/password-resets', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': '198.51.100.7' },
      body: JSON.stringify({ email }),
    });
    expect((await worker.fetch(request, env, context)).status).toBe(202);
    expect(await count('sandbox_emails', 'to_address = ?', email)).toBe(before);
    await waitOnExecutionContext(context);
    expect(await count('sandbox_emails', 'to_address = ?', email)).toBe(before + 1);
  });

  it('mails nothing more to anyone once one client asked 20 times in the hour', async () => {
    for (let i = 0; i < 20; i++) expect((await reset(`stranger${i}@northwind.test`, '192.0.2.99')).status).toBe(202);
    const before = await count('sandbox_emails', 'to_address = ?', DEMO.admin.email);
    expect((await reset(DEMO.admin.email, '192.0.2.99')).status).toBe(202);
    expect(await count('sandbox_emails', 'to_address = ?', DEMO.admin.email)).toBe(before);
    expect((await reset(DEMO.admin.email, '192.0.2.100')).status).toBe(202);
    expect(await count('sandbox_emails', 'to_address = ?', DEMO.admin.email)).toBe(before + 1);
  });
});

describe('the CSV round trip', () => {
  it('download → edit → dry run lists every row error and changes nothing → fixed file applies → audit shows it', async () => {
    await env.DB.prepare(`UPDATE tenants SET seat_count = 4 WHERE id = ?`).bind(DEMO.tenantId).run();
    const download = await call('/v1/users/export', authed(admin));
    expect(download.headers.get('content-type')).toContain('text/csv');
    const csv = await download.text();
    const lines = csv.split('\n');
    expect(lines[0]).toBe('email,name,role,seat');
    expect(lines).toContain(`${DEMO.recruiter.email},${DEMO.recruiter.name},recruiter,yes`);
    expect(csv).not.toContain('dee@northwind.test'); // deactivated

    const ivyLine = lines.findIndex((l) => l.startsWith('ivy@')) + 1;
    const editLine = (line: string) =>
      line.startsWith('sam@') ? line.replace(/,no$/, ',yes') : line.startsWith(`${DEMO.recruiter.email},`) ? line.replace(/,yes$/, ',no') : line;
    const valid = [lines[0]!, ...lines.slice(1).map(editLine)];
    const edited = [
      ...valid.map((line, i) => (i + 1 === ivyLine ? 'ivy@northwind.test,Ivy Invited,boss,maybe' : line)),
      'ghost@northwind.test,Ghost,recruiter,yes',
      valid.find((l) => l.startsWith('sam@'))!,
    ].join('\n');
    const before = await team();
    const dry = await call('/v1/users/import', authed(admin, 'POST', { csv: edited, dryRun: true }));
    expect(dry.status).toBe(200);
    const report = (await dry.json()) as SeatImportReport;
    const n = lines.length;
    expect(report.errors.map((e) => [e.line, e.code])).toEqual([
      [ivyLine, 'bad_value'],
      [ivyLine, 'bad_value'],
      [n + 1, 'unknown_email'],
      [n + 2, 'duplicate_row'],
    ]);
    expect(report.errors[0]!.message).toContain('"boss"');
    expect(report.changes.map((c) => [c.email, c.seat])).toEqual(
      expect.arrayContaining([
        [DEMO.recruiter.email, { from: true, to: false }],
        ['sam@northwind.test', { from: false, to: true }],
      ]),
    );
    const refused = await call('/v1/users/import', authed(admin, 'POST', { csv: edited, dryRun: false }));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ error: { code: 'import_has_errors' } });
    expect(await team()).toEqual(before);

    const fixed = valid.join('\n');
    const applied = (await (await call('/v1/users/import', authed(admin, 'POST', { csv: fixed, dryRun: false }))).json()) as SeatImportReport;
    expect(applied).toMatchObject({ applied: true, errors: [] });
    const after = await team();
    expect(after.users.find((u) => u.email === 'sam@northwind.test')?.seat).toBe(true);
    expect(after.users.find((u) => u.email === DEMO.recruiter.email)?.seat).toBe(false);

    const audit = (await (await call('/v1/audit-events', authed(admin))).json()) as {
      events: { action: string; target: { email: string } | null; actor: { email: string } | null }[];
    };
    expect(audit.events[0]).toMatchObject({ action: 'seats.imported', actor: { email: DEMO.admin.email } });
    expect(audit.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'seat.assigned', target: expect.objectContaining({ email: 'sam@northwind.test' }) }),
        expect.objectContaining({ action: 'seat.revoked', target: expect.objectContaining({ email: DEMO.recruiter.email }) }),
        expect.objectContaining({ action: 'sign_in.failed' }),
        expect.objectContaining({ action: 'user.invited' }),
      ]),
    );
  });

  it('refuses assignments beyond the purchased seats, row by row, and a file missing columns', async () => {
    await env.DB.prepare(`UPDATE tenants SET seat_count = 2 WHERE id = ?`).bind(DEMO.tenantId).run();
    const { users } = await team();
    const csv = ['email,role,seat', ...users.filter((u) => u.status !== 'deactivated').map((u) => `${u.email},${u.role},yes`)].join('\n');
    const report = (await (await call('/v1/users/import', authed(admin, 'POST', { csv, dryRun: true }))).json()) as SeatImportReport;
    expect(report.seats).toMatchObject({ purchased: 2 });
    expect(report.errors.length).toBeGreaterThan(0);
    expect(report.errors.every((e) => e.code === 'over_seat_count')).toBe(true);
    expect(report.seats.usedAfter).toBe(2);

    const noSeat = (await (await call('/v1/users/import', authed(admin, 'POST', { csv: 'email,name\na@b.test,A', dryRun: true }))).json()) as SeatImportReport;
    expect(noSeat.errors).toEqual([expect.objectContaining({ line: 1, code: 'missing_columns' })]);
  });

  it("another tenant's admin sees only their own team", async () => {
    await env.DB.prepare(`UPDATE users SET role = 'admin' WHERE id = 'usr_other'`).run();
    const eve = await signIn('eve@other.test');
    const body = await (await call('/v1/users/export', authed(eve))).text();
    expect(body).toBe('email,name,role,seat\neve@other.test,Eve Other,admin,no');
    expect((await patch(DEMO.recruiter.id, { seat: false }, eve)).status).toBe(404);
  });
});
