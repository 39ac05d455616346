import { createRoute, z } from '@hono/zod-openapi';
import { Message } from '../../shared/api/messages.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { signedIn } from '../middleware/auth.ts';
import { retryMessage } from '../services/delivery.ts';
import { cancelHeldMessage } from '../services/quiet-hours.ts';

const messageParams = z.object({ messageId: z.string().min(1).max(64) });

export const messageRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/{messageId}/retry',
      tags: ['messages'],
      summary: 'Resend a failed message (409 unless it failed; never duplicates a send the provider accepted)',
      ...signedIn,
      request: { params: messageParams },
      responses: { 200: json(Message, 'Queued again'), 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => c.json(await retryMessage(c.env, c.get('user'), c.req.valid('param').messageId, c.var.clock.now()), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{messageId}/cancel',
      tags: ['messages'],
      summary: 'Cancel a message held for the candidate’s quiet hours (409 once it is on its way, sent, failed or cancelled)',
      ...signedIn,
      request: { params: messageParams },
      responses: { 200: json(Message, 'Cancelled: it will not be sent'), 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => c.json(await cancelHeldMessage(c.env, c.get('user'), c.req.valid('param').messageId, c.var.clock.now()), 200),
  );
