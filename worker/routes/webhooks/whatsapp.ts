import { createRoute, z } from '@hono/zod-openapi';
import { META_SIGNATURE_HEADER } from '../../providers/whatsapp-cloud.ts';
import { errors, json } from '../../lib/openapi-responses.ts';
import { createRouter } from '../../lib/router.ts';
import { answerHandshake, receiveProviderWebhook } from '../../services/webhooks.ts';
import { WebhookReceived } from '../../../shared/api/webhooks.ts';

const params = z.object({ integrationId: z.string().min(1).max(64) });

export const whatsappWebhookRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/{integrationId}',
      tags: ['webhooks'],
      summary: "Meta's verification handshake",
      request: {
        params,
        query: z.object({ 'hub.mode': z.string().max(32), 'hub.verify_token': z.string().max(512), 'hub.challenge': z.string().max(512) }),
      },
      responses: {
        200: { description: 'The challenge, echoed', content: { 'text/plain': { schema: z.string() } } },
        403: errors[403],
        404: errors[404],
        422: errors[422],
      },
    }),
    async (c) => {
      const challenge = await answerHandshake(c.env, 'whatsapp-cloud', c.req.valid('param').integrationId, new URL(c.req.url).searchParams);
      return c.text(challenge, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{integrationId}',
      tags: ['webhooks'],
      summary: "Meta's WhatsApp Cloud webhook: messages and statuses, possibly batched",
      description: `JSON, signed with ${META_SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of the raw body with the app secret>.`,
      request: { params },
      responses: { 200: json(WebhookReceived, 'Accepted; every event applied once'), 400: errors[400], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const outcomes = await receiveProviderWebhook(c.env, 'whatsapp-cloud', c.req.valid('param').integrationId, c.req.raw, c.var.clock.now());
      return c.json({ outcomes }, 200);
    },
  );
