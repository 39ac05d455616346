import type { Integration } from '../providers/port.ts';
import { adapterFor } from '../providers/registry.ts';
import type { Bindings } from '../env.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { applyStatus, type StatusOutcome } from './delivery.ts';
import { integrationForWebhook, publicUrl } from './integrations.ts';
import { applyInboundConsent } from './consent-keywords.ts';
import { applyInterviewReply } from './interview-replies.ts';
import { type IngestOutcome, ingestInbound } from './messaging.ts';
import { notifyTenant } from './notifier.ts';

export type WebhookOutcome = IngestOutcome | StatusOutcome;

async function requireWebhookIntegration(env: Bindings, provider: string, integrationId: string): Promise<Integration> {
  const integration = await integrationForWebhook(env, integrationId, provider);
  if (!integration) throw notFound('The integration');
  return integration;
}

/**
 * Every provider's webhook: find the integration named in the URL, let its adapter verify the
 * signature over the raw request (against the public URL the provider was given, not the one
 * the request claims) and parse it, then apply each event — a batched payload is handled whole.
 * Nothing is written before the signature holds.
 */
export async function receiveProviderWebhook(env: Bindings, provider: string, integrationId: string, request: Request, now: Date): Promise<WebhookOutcome[]> {
  const integration = await requireWebhookIntegration(env, provider, integrationId);
  const requested = new URL(request.url);
  const verdict = await adapterFor(provider).parseWebhook(request, integration, `${publicUrl(env)}${requested.pathname}${requested.search}`);
  if (!verdict.ok) {
    throw new ApiError(verdict.status, verdict.status === 400 ? 'bad_request' : 'invalid_signature', verdict.reason);
  }
  const outcomes: WebhookOutcome[] = [];
  for (const event of verdict.events) {
    if (event.kind === 'message') {
      const outcome = await ingestInbound(env.DB, integration, event, now);
      // Keywords (STOP/START/HELP, the provider's opt-out flag) act once the message is stored, and on
      // a replay only if they were not applied yet (the worker died in between): once, never lost.
      if (outcome === 'stored' || outcome === 'duplicate') {
        await applyInboundConsent(env, integration, event, now);
        // Then an answer to an interview invitation (STOP and the other keywords won above).
        await applyInterviewReply(env, integration, event, now);
      }
      outcomes.push(outcome);
    } else outcomes.push(await applyStatus(env, integration, event, now));
  }
  // Replays and unknown senders change no conversation: nothing for open panels to hear.
  if (outcomes.some((outcome) => outcome === 'stored' || outcome === 'updated')) notifyTenant(env, integration.tenantId);
  return outcomes;
}

/** Meta's subscription handshake: the challenge when the verify token matches, else 403. */
export async function answerHandshake(env: Bindings, provider: string, integrationId: string, query: URLSearchParams): Promise<string> {
  const integration = await requireWebhookIntegration(env, provider, integrationId);
  const challenge = adapterFor(provider).verifyHandshake?.(query, integration) ?? null;
  if (challenge === null) throw new ApiError(403, 'forbidden', 'The verify token does not match.');
  return challenge;
}
