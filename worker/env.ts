import type { Role } from '../shared/api/auth.ts';

/** The worker's bindings, as wrangler.toml and `--var` declare them. */
export type Bindings = {
  DB: D1Database;
  /** "true" turns on the sandbox phone and the bench routes; production leaves it "false". */
  SANDBOX_ENABLED: string;
};

/** The signed-in user, as the auth middleware resolves it from the bearer token. */
export type SessionUser = {
  sessionId: string;
  userId: string;
  tenantId: string;
  tenantName: string;
  email: string;
  name: string;
  role: Role;
};

export type AppEnv = {
  Bindings: Bindings;
  Variables: { requestId: string; user: SessionUser };
};
