import { adapterFor } from '../channels/registry.ts';
import { findEnabledIntegration } from '../db/queries/integrations.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { type IngestOutcome, ingestInbound } from './messaging.ts';

/**
 * Every provider's inbound webhook: find the integration named in the URL, let its adapter verify
 * the signature over the raw request and parse it, then store each event. Nothing is written
 * before the signature holds.
 */
export async function receiveProviderWebhook(
  db: D1Database,
  provider: string,
  integrationId: string,
  request: Request,
): Promise<IngestOutcome[]> {
  const integration = await findEnabledIntegration(db, integrationId, provider);
  if (!integration) throw notFound('The integration');
  const verdict = await adapterFor(provider).parseWebhook(request, integration);
  if (!verdict.ok) {
    throw new ApiError(verdict.status, verdict.status === 400 ? 'bad_request' : 'invalid_signature', verdict.reason);
  }
  const outcomes: IngestOutcome[] = [];
  for (const event of verdict.events) outcomes.push(await ingestInbound(db, integration, event));
  return outcomes;
}
