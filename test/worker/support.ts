/**
 * What worker tests share: the demo seed, sign-in and a fetch through the worker's real entry
 * (workerd, D1 with migrations applied by apply-migrations.ts).
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { vi } from 'vitest';
import { DEMO, demoSeedStatements } from '../../worker/sandbox/seed.ts';
import { prepareAll } from '../../worker/db/queries/sql.ts';
import { clockOf } from '../../worker/lib/clock.ts';
import { hashPassword } from '../../worker/lib/crypto.ts';
import worker from '../../worker/sandbox/index.ts';

export { DEMO, env };

/** The worker's clock, as every request of this run reads it: tests build their instants from it. */
export const clock = clockOf(env);

/**
 * Pins the worker's clock at `at` for a test that needs a particular hour (quiet hours): after
 * `vi.useFakeTimers({ toFake: ['Date'] })`, the fake Date is set so that the worker, which adds
 * the run's offset (`CLOCK_OFFSET_MS` when the suite runs at another date), reads exactly `at`.
 */
export function pinClock(at: string | number | Date): void {
  vi.setSystemTime(new Date(at).getTime() - Number(env.CLOCK_OFFSET_MS ?? 0));
}

/** An instant `ms` milliseconds from the worker's now (negative: in the past). */
export const fromNow = (ms: number): Date => new Date(clock.now().getTime() + ms);

export async function seedDemo(): Promise<void> {
  await env.DB.batch(prepareAll(env.DB, await demoSeedStatements(clock.now())));
}

/** A second tenant with its own recruiter and candidate: the cross-tenant probe. */
export async function seedOtherTenant(): Promise<{ email: string; candidateId: string }> {
  const now = clock.now().toISOString();
  const passwordHash = await hashPassword(DEMO.password);
  await env.DB.batch([
    env.DB.prepare(`INSERT INTO tenants (id, name, created_at) VALUES ('ten_other', 'Other Co', ?)`).bind(now),
    env.DB.prepare(
      `INSERT INTO users (id, tenant_id, email, name, role, password_hash, created_at)
       VALUES ('usr_other', 'ten_other', 'eve@other.test', 'Eve Other', 'recruiter', ?, ?)`,
    ).bind(passwordHash, now),
    env.DB.prepare(
      `INSERT INTO candidates (id, tenant_id, ats, ats_candidate_id, name, phone, phone_country, language, created_at, updated_at)
       VALUES ('cand_other', 'ten_other', 'demo', 'c-9', 'Other Person', '+14155550199', 'US', 'en', ?, ?)`,
    ).bind(now, now),
  ]);
  return { email: 'eve@other.test', candidateId: 'cand_other' };
}

export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(new URL(path, 'http://parley.test'), init));
}

/** `call`, then the work the request left running after its answer (`waitUntil`), awaited. */
export async function callSettled(path: string, init: RequestInit = {}): Promise<Response> {
  const context = createExecutionContext();
  const response = await worker.fetch(new Request(new URL(path, 'http://parley.test'), init), env, context);
  await waitOnExecutionContext(context);
  return response;
}

export async function signIn(email: string = DEMO.recruiter.email, password: string = DEMO.password): Promise<string> {
  const response = await call('/v1/auth/sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 201) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * For tests that move the clock by hours or days under one sign-in: their sessions stand for
 * people who keep working, so the 12-hour idle timeout (worker/routes/sessions-idle.test.ts) does
 * not end them; the 30-day expiry still does.
 */
export async function keepSessionsInUse(): Promise<void> {
  await env.DB.prepare(`UPDATE sessions SET last_used_at = '9999-12-31T23:59:59.999Z' WHERE revoked_at IS NULL`).run();
}

/** The newest email the sandbox outbox holds for an address, or null. */
export const lastEmailTo = (to: string) =>
  env.DB.prepare(`SELECT subject, body FROM sandbox_emails WHERE to_address = ? ORDER BY seq DESC LIMIT 1`).bind(to).first<{ subject: string; body: string }>();

/** The path of the set-password link (reset or invite) in an email's body. */
export const passwordLinkIn = (body: string) => new URL(/https?:\/\/\S+\/account\/password\/\S+/.exec(body)![0]).pathname;

export function authed(token: string, method = 'GET', body?: unknown): RequestInit {
  return {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

export async function count(table: string, where = '1 = 1', ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`)
    .bind(...params)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

export const demoContext = (atsCandidateId: string, name: string, phone: string | null) => ({
  ats: 'demo',
  atsCandidateId,
  name,
  phone,
  email: null,
  jobTitle: 'Senior Backend Engineer',
  language: 'en',
});

/**
 * Sends go through the outbound queue: waits until every outbox row has settled (sent or failed)
 * so a test can look at what the provider received. Fails after `timeoutMs`.
 */
export async function outboxSettled(timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while ((await count('outbox', `state NOT IN ('done', 'failed')`)) > 0) {
    if (performance.now() > deadline) throw new Error(`the outbox did not settle within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
