/**
 * A deployed worker (SANDBOX_ENABLED "false") refuses to run half-configured: without its sealing
 * key, its public origin or its email API it would leave messages queued, sign webhooks for the
 * wrong URL or drop invites — so every request, queue batch and cron run answers with an error
 * naming what is missing instead, never a silent fallback to a dev key or a localhost URL.
 * `npm run deploy` checks the same before it deploys.
 * @module
 */
import { recordFailedStatements } from '../db/queries/delivery.ts';
import { isDeployableUrl } from './deployable-url.ts';
import type { Bindings, OutboundJob } from '../env.ts';

type Settings = Pick<
  Bindings,
  'SANDBOX_ENABLED' | 'PROVIDER_API_OVERRIDE' | 'CREDENTIALS_KEY' | 'PUBLIC_URL' | 'EMAIL_PROVIDER' | 'EMAIL_API_URL' | 'EMAIL_API_KEY' | 'EMAIL_FROM'
>;

const isBase64Of32Bytes = (value: string | undefined) => {
  if (!value) return false;
  try {
    return atob(value).length === 32;
  } catch {
    return false;
  }
};

/** @returns one instruction per missing, unusable or forbidden setting; empty on a dev or test stack. */
export function productionConfigProblems(env: Settings): string[] {
  if (env.SANDBOX_ENABLED === 'true') return [];
  const problems: string[] = [];
  if (!isBase64Of32Bytes(env.CREDENTIALS_KEY)) problems.push('set the secret CREDENTIALS_KEY (base64 of 32 random bytes)');
  if (!env.PUBLIC_URL || !isDeployableUrl(env.PUBLIC_URL, { originOnly: true })) problems.push("set the var PUBLIC_URL (the worker's https origin)");
  if (env.EMAIL_PROVIDER !== 'http') problems.push('set the var EMAIL_PROVIDER ("http")');
  if (!env.EMAIL_API_URL || !isDeployableUrl(env.EMAIL_API_URL)) problems.push("set the var EMAIL_API_URL (the email API's https endpoint)");
  if (!env.EMAIL_API_KEY) problems.push('set the secret EMAIL_API_KEY');
  if (!env.EMAIL_FROM?.includes('@')) problems.push('set the var EMAIL_FROM (a sender address)');
  if (env.PROVIDER_API_OVERRIDE !== undefined) problems.push('remove the var PROVIDER_API_OVERRIDE (a dev and test setting: integrations could call any host)');
  return problems;
}

export class MisconfiguredWorker extends Error {}

/** Throws, naming every problem, when this deployment lacks a setting production needs. */
export function requireProductionConfig(env: Settings): void {
  const problems = productionConfigProblems(env);
  if (problems.length) throw new MisconfiguredWorker(`Parley is not configured for production: ${problems.join('; ')}. See docs/deploy.md.`);
}

/**
 * A queue batch on a misconfigured deployment: nothing in it can be sent (credentials cannot be
 * opened, callbacks would name the wrong URL), and retrying the batch would only leave each
 * message `queued` until the queue gives up on it. Each ends `failed` with the reason instead;
 * once the setting is fixed, Retry sends it.
 */
export async function failUnsendable(env: Pick<Bindings, 'DB'>, jobs: readonly OutboundJob[], problems: readonly string[], now: Date): Promise<void> {
  const reason = `Not sent: Parley is not configured for production (${problems.join('; ')}). Retry it once an admin has fixed that.`;
  const at = now.toISOString();
  if (jobs.length) await env.DB.batch(jobs.flatMap((job) => recordFailedStatements(env.DB, job.tenantId, job.messageId, reason, at)));
}
