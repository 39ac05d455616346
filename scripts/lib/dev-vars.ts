/**
 * Worker variables for local stacks and tests only. Production sets CREDENTIALS_KEY as a Worker
 * secret and PUBLIC_URL to its own origin; without them Parley refuses to store or use provider
 * credentials (fail closed).
 * @module
 */

/** base64("parley-local-dev-only-not-secret"): 32 bytes, published in this repo, never a real key. */
export const DEV_ONLY_CREDENTIALS_KEY = 'cGFybGV5LWxvY2FsLWRldi1vbmx5LW5vdC1zZWNyZXQ=';

/** The `--var` pairs `wrangler dev` gets from the local stack (start, e2e, bench). */
export const localWorkerVars = (origin: string): Record<string, string> => ({
  SANDBOX_ENABLED: 'true',
  // The e2e and bench stacks point integrations at fake providers on loopback.
  PROVIDER_API_OVERRIDE: 'true',
  PUBLIC_URL: origin,
});

/**
 * Secrets the local stack hands `wrangler dev` through its environment: wrangler.toml declares
 * them required (`[secrets]`), and wrangler reads required secrets from process.env locally.
 */
export const localWorkerSecrets: Record<string, string> = { CREDENTIALS_KEY: DEV_ONLY_CREDENTIALS_KEY };
