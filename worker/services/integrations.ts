/**
 * Integrations as the rest of the worker uses them: credentials opened from their sealed column
 * only here, and admin actions (add, test, disable) for the options page.
 * @module
 */
import type { CreateIntegrationBody, Integration as IntegrationView, IntegrationTestResult } from '../../shared/api/integrations.ts';
import type { Integration } from '../providers/port.ts';
import { type Actor, settingsAuditStatement } from './audit.ts';
import { adapterFor } from '../providers/registry.ts';
import {
  disableIntegration,
  findEnabledIntegration,
  findIntegration,
  insertIntegration,
  type IntegrationRecord,
  listIntegrations,
} from '../db/queries/integrations.ts';
import type { Bindings } from '../env.ts';
import { randomToken } from '../lib/crypto.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { MissingCredentialsKey, openCredentials, sealCredentials } from '../lib/sealed.ts';

/** The origin providers call. Production must set PUBLIC_URL; local stacks pass theirs with --var. */
export function publicUrl(env: Bindings): string {
  if (!env.PUBLIC_URL) throw new ApiError(500, 'internal', 'PUBLIC_URL is not configured, so providers cannot be given webhook URLs.');
  return env.PUBLIC_URL.replace(/\/$/, '');
}

const webhookPath: Record<string, string> = { twilio: 'twilio', 'whatsapp-cloud': 'whatsapp', sandbox: 'sandbox' };

export function webhookUrl(env: Bindings, provider: string, integrationId: string): string {
  return `${publicUrl(env)}/webhooks/${webhookPath[provider] ?? provider}/${integrationId}`;
}

/** Only a dev or test stack that asks for it explicitly; the sandbox alone does not (it also runs demos). */
const providerApiOverridable = (env: Bindings) => env.PROVIDER_API_OVERRIDE === 'true' && env.SANDBOX_ENABLED === 'true';

export async function openIntegration(env: Bindings, record: IntegrationRecord): Promise<Integration> {
  const credentials = record.sealedCredentials
    ? await openCredentials(env, { tenantId: record.tenantId, integrationId: record.id }, record.sealedCredentials)
    : {};
  // A row that names another API host (restored from a test stack, or written by hand) is sent to the real one here.
  const { apiBaseUrl, ...config } = record.config;
  return { id: record.id, tenantId: record.tenantId, provider: record.provider, config: providerApiOverridable(env) ? record.config : config, credentials };
}

// Webhooks look their integration up on every request; keeping the opened integration for a
// short while in this isolate saves a D1 round trip and a decryption per webhook. Disabling one
// drops it here at once; other isolates notice within the TTL (elapsed time: the monotonic timer).
const WEBHOOK_CACHE_TTL_MS = 30_000;
const webhookCache = new Map<string, { integration: Integration; until: number }>();

export async function integrationForWebhook(env: Bindings, integrationId: string, provider: string): Promise<Integration | null> {
  const key = `${provider}/${integrationId}`;
  const cached = webhookCache.get(key);
  if (cached && cached.until > performance.now()) return cached.integration;
  const record = await findEnabledIntegration(env.DB, integrationId, provider);
  if (!record) {
    webhookCache.delete(key);
    return null;
  }
  const integration = await openIntegration(env, record);
  webhookCache.set(key, { integration, until: performance.now() + WEBHOOK_CACHE_TTL_MS });
  return integration;
}

function toView(env: Bindings, record: IntegrationRecord): IntegrationView {
  const settings = Object.fromEntries(
    Object.entries(record.config).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'webhookSecret'),
  );
  const url = webhookUrl(env, record.provider, record.id);
  return {
    id: record.id,
    provider: record.provider as IntegrationView['provider'],
    name: record.name,
    enabled: record.enabled,
    settings,
    webhookUrls: { inbound: url, status: url },
    createdAt: record.createdAt,
  };
}

export async function listIntegrationViews(env: Bindings, tenantId: string): Promise<IntegrationView[]> {
  return (await listIntegrations(env.DB, tenantId)).map((record) => toView(env, record));
}

export async function createIntegration(env: Bindings, tenantId: string, input: CreateIntegrationBody, now: Date, actor: Actor): Promise<IntegrationView> {
  const settings: Record<string, string> = { ...input.settings };
  if ('apiBaseUrl' in settings && !providerApiOverridable(env)) {
    // Pointing an integration at an arbitrary host would let an admin make the worker call it.
    throw new ApiError(422, 'validation_failed', 'settings.apiBaseUrl: only local and test stacks may point an integration at another API host.');
  }
  if (input.provider === 'sandbox' && env.SANDBOX_ENABLED !== 'true') {
    throw new ApiError(422, 'validation_failed', 'provider: the sandbox is not enabled here.');
  }
  const id = newId('int');
  const credentials: Record<string, string> = { ...input.credentials };
  // The sandbox's webhook secret is generated, like a provider would issue one.
  const config: Record<string, unknown> = input.provider === 'sandbox' ? { webhookSecret: randomToken() } : settings;
  let sealed: string | null = null;
  try {
    sealed = Object.keys(credentials).length ? await sealCredentials(env.CREDENTIALS_KEY, { tenantId, integrationId: id }, credentials) : null;
  } catch (error) {
    if (error instanceof MissingCredentialsKey)
      throw new ApiError(500, 'internal', 'Credentials cannot be stored: the worker has no encryption key configured.');
    throw error;
  }
  const createdAt = now.toISOString();
  await insertIntegration(env.DB, { id, tenantId, provider: input.provider, name: input.name, config, sealedCredentials: sealed, createdAt });
  // Names what was set, never a value: settings and credentials stay out of the log.
  const detail = `${input.provider} "${input.name}" (${id}); credentials: ${Object.keys(credentials).sort().join(', ') || 'none'}`;
  await settingsAuditStatement(env.DB, tenantId, 'integration.created', actor, detail, now).run();
  return toView(env, { id, tenantId, provider: input.provider, name: input.name, config, sealedCredentials: sealed, enabled: true, createdAt });
}

export async function requireIntegration(env: Bindings, tenantId: string, integrationId: string): Promise<IntegrationRecord> {
  const record = await findIntegration(env.DB, tenantId, integrationId);
  if (!record) throw notFound('The integration');
  return record;
}

export async function testIntegration(env: Bindings, tenantId: string, integrationId: string): Promise<IntegrationTestResult> {
  const record = await requireIntegration(env, tenantId, integrationId);
  return adapterFor(record.provider).checkCredentials(await openIntegration(env, record), env);
}

export async function disable(env: Bindings, tenantId: string, integrationId: string, now: Date, actor: Actor): Promise<IntegrationView> {
  const record = await requireIntegration(env, tenantId, integrationId);
  await disableIntegration(env.DB, tenantId, integrationId);
  await settingsAuditStatement(env.DB, tenantId, 'integration.disabled', actor, `${record.provider} "${record.name}" (${record.id})`, now).run();
  webhookCache.delete(`${record.provider}/${record.id}`);
  return toView(env, { ...record, enabled: false });
}
