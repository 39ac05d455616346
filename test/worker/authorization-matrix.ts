/**
 * The authorization matrix's engine: every route the app registers × six callers, judged against
 * the policy table. Returns violations instead of asserting, so a test can also prove it catches
 * a route without a policy row and a route that leaks across tenants.
 * @module
 */
import { sha256Hex } from '../../worker/lib/crypto.ts';
import { changedTables, type Snapshot } from './db-snapshot.ts';
import { type MatrixFixtures, type Params, type RoutePolicy, routeParams } from './route-policy.ts';
import { clock } from './support.ts';

/**
 * `otherTenantAdmin` calls with the first tenant's ids; `adminToOtherTenant` is the first tenant's
 * admin calling with the other tenant's real ids.
 */
export type Caller = 'anonymous' | 'recruiterWithoutSeat' | 'recruiterWithSeat' | 'admin' | 'otherTenantAdmin' | 'adminToOtherTenant';

export type MatrixSetup = {
  fetch(request: Request): Promise<Response>;
  routes: readonly { method: string; path: string }[];
  policy: Record<string, RoutePolicy>;
  /** A fresh session token for a caller (each call gets its own: some routes sign out). */
  tokenFor(caller: Exclude<Caller, 'anonymous' | 'adminToOtherTenant'>): Promise<string>;
  /** Strings only the first tenant's data contains (emails, ids, names). */
  firstTenantMarkers: readonly string[];
  /** Makes objects in the first tenant (a row's `fresh`) and in the other one. */
  fixtures: MatrixFixtures;
  otherTenant: { params: Params; fixtures: MatrixFixtures };
  /** The data in D1: a cross-tenant call must leave it as it was. */
  snapshot(): Promise<Snapshot>;
  /** Waits until earlier calls' sends have settled, so the snapshot around a call sees only that call. */
  settle(): Promise<void>;
};

const CALLERS: Caller[] = ['anonymous', 'otherTenantAdmin', 'adminToOtherTenant', 'recruiterWithoutSeat', 'recruiterWithSeat', 'admin'];

/** Distinct `METHOD path` of real handlers (middleware is registered as method ALL). */
export const routeKeys = (routes: readonly { method: string; path: string }[]) =>
  [...new Set(routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].sort();

type Expectation = { statuses: 'ok' | 'any' | 'skip' | number[]; code?: string };

const acted = (access: RoutePolicy['access']) => access === 'session' || access === 'seat' || access === 'admin';

function expectation({ access }: RoutePolicy, caller: Caller, scoped: boolean): Expectation {
  // Public and signed routes are keyed by a token or a signature, not by the caller's tenant.
  if (caller === 'adminToOtherTenant') return acted(access) && scoped ? { statuses: [404], code: 'not_found' } : { statuses: 'skip' };
  if (access === 'public') return { statuses: 'any' };
  if (access === 'signed') return { statuses: [400, 401, 403, 404, 422, 426] };
  if (caller === 'anonymous') return { statuses: [401] };
  if (caller === 'otherTenantAdmin' && scoped) return { statuses: [404], code: 'not_found' };
  if (access === 'admin' && caller.startsWith('recruiter')) return { statuses: [403], code: 'forbidden' };
  if (access === 'seat' && caller === 'recruiterWithoutSeat') return { statuses: [403], code: 'seat_required' };
  return { statuses: 'ok' };
}

/** The ids a caller addresses: its own tenant's (or, across tenants, the other one's), fresh ones over them. */
async function paramsFor(setup: MatrixSetup, policy: RoutePolicy, caller: Caller): Promise<Params> {
  const across = caller === 'adminToOtherTenant';
  const base = across ? setup.otherTenant.params : routeParams;
  const fresh = policy.fresh ? await policy.fresh(across ? setup.otherTenant.fixtures : setup.fixtures) : {};
  return { ...base, ...fresh };
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
    const scoped = pattern.includes(':') || policy.namesIds === true;
    for (const caller of CALLERS) {
      const expected = expectation(policy, caller, scoped);
      if (expected.statuses === 'skip') continue;
      const params = await paramsFor(setup, policy, caller);
      const missing = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1] as string).filter((name) => params[name] === undefined);
      if (missing.length) {
        violations.push(`${key} as ${caller}: no id for :${missing.join(', :')} (routeParams, the other tenant's params or the row's fresh)`);
        continue;
      }
      const path =
        typeof policy.path === 'function'
          ? policy.path(params)
          : (policy.path ?? pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? name)));
      const tokenCaller = caller === 'adminToOtherTenant' ? 'admin' : caller;
      const token = tokenCaller === 'anonymous' ? null : await setup.tokenFor(tokenCaller);
      if (token) issuedTokens.add(token);
      const body = typeof policy.body === 'function' ? (policy.body as (p: Params) => unknown)(params) : policy.body;
      const headers = new Headers(token ? { Authorization: `Bearer ${token}` } : {});
      let payload: string | undefined;
      if (policy.form) {
        headers.set('Content-Type', 'application/x-www-form-urlencoded');
        payload = new URLSearchParams(policy.form).toString();
      } else if (body !== undefined) {
        headers.set('Content-Type', 'application/json');
        payload = JSON.stringify(body);
      }
      // A call across tenants is refused: it must not change one row (taken after its session is minted).
      const across = (caller === 'otherTenantAdmin' || caller === 'adminToOtherTenant') && scoped && acted(policy.access);
      if (across) await setup.settle();
      const before = across ? await setup.snapshot() : null;
      const response = await setup.fetch(new Request(new URL(path, 'http://parley.test'), { method, headers, body: payload, redirect: 'manual' }));
      const text = await response.text();
      const where = `${key} as ${caller} → ${response.status}`;
      if (before) {
        const changed = changedTables(before, await setup.snapshot());
        if (changed.length) violations.push(`${where} changed rows: ${changed.join(', ')}`);
      }

      const ok =
        expected.statuses === 'any' ||
        (expected.statuses === 'ok' ? response.status >= 200 && response.status < 400 : expected.statuses.includes(response.status));
      if (!ok) violations.push(`${where}, expected ${expected.statuses === 'ok' ? '2xx' : String(expected.statuses)}: ${text.slice(0, 200)}`);
      if (ok && expected.code && !text.includes(`"code":"${expected.code}"`))
        violations.push(`${where}, expected code ${expected.code}: ${text.slice(0, 200)}`);

      // Public and signed routes do not act on the caller's session, so what they show is not the caller's to leak.
      if (caller === 'otherTenantAdmin' && acted(policy.access)) {
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
