import type { Role } from '../shared/api/auth.ts';
import type { Clock } from '../shared/domain/clock.ts';

/** One queued send: the outbox row to deliver. */
export type OutboundJob = { messageId: string; tenantId: string };

/** The worker's bindings, as wrangler.toml and `--var` declare them. */
export type Bindings = {
  DB: D1Database;
  /** "true" turns on the sandbox phone and the bench routes; production leaves it "false". */
  SANDBOX_ENABLED: string;
  /**
   * "true" lets a provider integration's `apiBaseUrl` point the worker at another API host (the
   * fake providers of local stacks and tests). Never in production: an admin could make the worker
   * call any host (SSRF), so a deployed worker refuses to run with it set.
   */
  PROVIDER_API_OVERRIDE?: string;
  /** Outbound sends: written to the outbox with the message, consumed by `queue()` in index.ts. */
  OUTBOUND: Queue<OutboundJob>;
  /** One realtime hub per tenant (`idFromName(tenantId)`): pushes the tenant's events to its extensions. */
  TENANT_HUB: DurableObjectNamespace<import('./realtime/tenant-hub.ts').TenantHub>;
  /**
   * Base64 of 32 random bytes sealing provider credentials (AES-GCM). A Worker secret in
   * production (`wrangler secret put CREDENTIALS_KEY`); without it integrations cannot be stored
   * or used — Parley fails closed.
   */
  CREDENTIALS_KEY?: string;
  /**
   * During a rotation only (docs/runbook.md): the key before CREDENTIALS_KEY. Values sealed under it
   * still open, and interview links signed with it still verify, until it is deleted.
   */
  CREDENTIALS_KEY_PREVIOUS?: string;
  /** The public origin providers call (webhook URLs, Twilio's signed URL, status callbacks). */
  PUBLIC_URL?: string;
  /** How long a provider may take to answer a send before the attempt counts as unconfirmed. */
  PROVIDER_TIMEOUT_MS?: string;
  /** "http" sends invites and resets through an HTTP email API; unset, the sandbox outbox (when enabled). */
  EMAIL_PROVIDER?: string;
  /** The HTTP email API's endpoint (Resend-style JSON: from, to, subject, text) and its key (a secret). */
  EMAIL_API_URL?: string;
  EMAIL_API_KEY?: string;
  /** The From address of Parley's emails, e.g. "Parley <no-reply@parley.example>". */
  EMAIL_FROM?: string;
  /**
   * Dev and test stacks only: milliseconds added to the wall clock (`worker/lib/clock.ts`), so the
   * suite can run at another date. A deployment that sets it fails on every request.
   */
  CLOCK_OFFSET_MS?: string;
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
  /** Read with the session on every request, so a revoked seat stops the very next send. */
  hasSeat: boolean;
};

export type AppEnv = {
  Bindings: Bindings;
  /** `clock`: this request's clock (worker/lib/clock.ts), set before any route runs. */
  Variables: { requestId: string; user: SessionUser; clock: Clock };
};
