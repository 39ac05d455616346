/**
 * The authorization matrix's engine: every route the app registers × five callers, judged against
 * the policy table. Returns violations instead of asserting, so a test can also prove it catches
 * a route without a policy row and a route that leaks across tenants.
 * @module
 */
import { sha256Hex } from '../../worker/lib/crypto.ts';
import { type RoutePolicy, routeParams } from './route-policy.ts';
import { clock } from './support.ts';

export type Caller = 'anonymous' | 'recruiterWithoutSeat' | 'recruiterWithSeat' | 'admin' | 'otherTenantAdmin';

export type MatrixSetup = {
  fetch(request: Request): Promise<Response>;
  routes: readonly { method: string; path: string }[];
  policy: Record<string, RoutePolicy>;
  /** A fresh session token for a caller (each call gets its own: some routes sign out). */
  tokenFor(caller: Exclude<Caller, 'anonymous'>): Promise<string>;
  /** Strings only the first tenant's data contains (emails, ids, names). */
  firstTenantMarkers: readonly string[];
};

const CALLERS: Caller[] = ['anonymous', 'otherTenantAdmin', 'recruiterWithoutSeat', 'recruiterWithSeat', 'admin'];

/** Distinct `METHOD path` of real handlers (middleware is registered as method ALL). */
export const routeKeys = (routes: readonly { method: string; path: string }[]) =>
  [...new Set(routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].sort();

type Expectation = { statuses: 'ok' | 'any' | number[]; code?: string };

const GATE_PASSED = [200, 201, 202, 204, 400, 404, 409, 422];

function expectation({ access, gateOnly }: RoutePolicy, caller: Caller, scoped: boolean): Expectation {
  if (access === 'public') return { statuses: 'any' };
  if (access === 'signed') return { statuses: [400, 401, 403, 404, 422, 426] };
  if (caller === 'anonymous') return { statuses: [401] };
  if (caller === 'otherTenantAdmin' && scoped) return { statuses: gateOnly ? [404, 422] : [404] };
  if (access === 'admin' && caller.startsWith('recruiter')) return { statuses: [403], code: 'forbidden' };
  if (access === 'seat' && caller === 'recruiterWithoutSeat') return { statuses: [403], code: 'seat_required' };
  return { statuses: gateOnly ? GATE_PASSED : 'ok' };
}

export async function runMatrix(setup: MatrixSetup): Promise<string[]> {
  const violations: string[] = [];
  const issuedTokens = new Set<string>();
  for (const key of routeKeys(setup.routes)) {
    const policy = setup.policy[key];
    if (!policy) {
      violations.push(`${key}: no row in the policy table (test/worker/route-policy.ts)`);
      continue;
    }
    const [method, pattern] = key.split(' ') as [string, string];
    const scoped = pattern.includes(':');
    const path = policy.path ?? pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(routeParams[name] ?? name));
    for (const caller of CALLERS) {
      const token = caller === 'anonymous' ? null : await setup.tokenFor(caller);
      if (token) issuedTokens.add(token);
      const body = typeof policy.body === 'function' ? (policy.body as () => unknown)() : policy.body;
      const headers = new Headers(token ? { Authorization: `Bearer ${token}` } : {});
      let payload: string | undefined;
      if (policy.form) {
        headers.set('Content-Type', 'application/x-www-form-urlencoded');
        payload = new URLSearchParams(policy.form).toString();
      } else if (body !== undefined) {
        headers.set('Content-Type', 'application/json');
        payload = JSON.stringify(body);
      }
      const response = await setup.fetch(new Request(new URL(path, 'http://parley.test'), { method, headers, body: payload, redirect: 'manual' }));
      const text = await response.text();
      const where = `${key} as ${caller} → ${response.status}`;

      const expected = expectation(policy, caller, scoped);
      const ok =
        expected.statuses === 'any' ||
        (expected.statuses === 'ok' ? response.status >= 200 && response.status < 400 : expected.statuses.includes(response.status));
      if (!ok) violations.push(`${where}, expected ${expected.statuses === 'ok' ? '2xx' : String(expected.statuses)}: ${text.slice(0, 200)}`);
      if (ok && expected.code && !text.includes(`"code":"${expected.code}"`))
        violations.push(`${where}, expected code ${expected.code}: ${text.slice(0, 200)}`);

      // Public and signed routes do not act on the caller's session, so what they show is not the caller's to leak.
      if (caller === 'otherTenantAdmin' && (policy.access === 'session' || policy.access === 'seat' || policy.access === 'admin')) {
        const leaked = setup.firstTenantMarkers.filter((marker) => text.includes(marker));
        if (leaked.length) violations.push(`${where} leaks the first tenant's data: ${leaked.join(', ')}`);
      }
      if (text.includes('pbkdf2-sha256$')) violations.push(`${where} contains a password hash`);
      const ownToken = key === 'POST /v1/auth/sessions' ? (JSON.parse(text) as { token?: string }).token : undefined;
      const foreignTokens = [...issuedTokens].filter((t) => t !== token && t !== ownToken && text.includes(t));
      if (foreignTokens.length) violations.push(`${where} contains another session's token`);
      if (ownToken) issuedTokens.add(ownToken);
    }
  }
  return violations;
}

/** Inserts a session row for a user and returns its token: no password work, no throttle. */
export async function mintSession(db: D1Database, tenantId: string, userId: string): Promise<string> {
  const token = `matrix_${crypto.randomUUID().replaceAll('-', '')}${crypto.randomUUID().replaceAll('-', '')}`;
  const now = clock.now();
  await db
    .prepare(`INSERT INTO sessions (id, tenant_id, user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`)
    .bind(`ses_${crypto.randomUUID()}`, tenantId, userId, await sha256Hex(token), now.toISOString(), new Date(now.getTime() + 3_600_000).toISOString())
    .run();
  return token;
}
