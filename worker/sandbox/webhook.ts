import { createRoute, z } from '@hono/zod-openapi';
import { WebhookReceived } from '../../shared/api/webhooks.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { SANDBOX_SIGNATURE_HEADER, SandboxInbound, SandboxStatus } from '../providers/sandbox.ts';
import { receiveProviderWebhook } from '../services/webhooks.ts';

export const sandboxWebhookRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/{integrationId}',
    tags: ['webhooks'],
    summary: 'Inbound messages from the sandbox phone',
    // The body is not declared for validation: the adapter checks the signature over the raw
    // bytes first, then validates them (an unsigned body must get 403, not a validation error).
    description: `JSON ${JSON.stringify(Object.keys(SandboxInbound.shape))} (a reply) or ${JSON.stringify(Object.keys(SandboxStatus.shape))} (a delivery receipt), signed with ${SANDBOX_SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of the raw body>.`,
    request: {
      params: z.object({ integrationId: z.string().min(1).max(64) }),
    },
    responses: { 200: json(WebhookReceived, 'Accepted (a replay is accepted and stored once)'), 400: errors[400], 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const { integrationId } = c.req.param();
    const outcomes = await receiveProviderWebhook(c.env, 'sandbox', integrationId, c.req.raw, c.var.clock.now());
    return c.json({ outcomes }, 200);
  },
);
