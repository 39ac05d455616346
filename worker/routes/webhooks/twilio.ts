import { createRoute, z } from '@hono/zod-openapi';
import { TWILIO_SIGNATURE_HEADER } from '../../providers/twilio.ts';
import { errors } from '../../lib/openapi-responses.ts';
import { createRouter } from '../../lib/router.ts';
import { receiveProviderWebhook } from '../../services/webhooks.ts';

// Twilio reads the answer to an inbound message as TwiML: an empty Response sends no reply.
// Status callbacks accept the same 2xx.
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export const twilioWebhookRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/{integrationId}',
    tags: ['webhooks'],
    summary: 'Twilio inbound messages and status callbacks (SMS and WhatsApp)',
    // The body is not declared for validation: the signature is checked over the raw form first.
    description: `Form encoded, signed with ${TWILIO_SIGNATURE_HEADER} over the public URL and the sorted parameters (or the bodySHA256 variant). Answers empty TwiML.`,
    request: { params: z.object({ integrationId: z.string().min(1).max(64) }) },
    responses: {
      200: { description: 'Accepted (a replay is accepted and applied once)', content: { 'text/xml': { schema: z.string() } } },
      400: errors[400],
      403: errors[403],
      404: errors[404],
    },
  }),
  async (c) => {
    await receiveProviderWebhook(c.env, 'twilio', c.req.param('integrationId'), c.req.raw, c.var.clock.now());
    return c.body(EMPTY_TWIML, 200, { 'Content-Type': 'text/xml' });
  },
);
