import { createRoute } from '@hono/zod-openapi';
import { PutSendingNumberBody, SendingNumber, SendingNumberIdParam, SendingNumberList } from '../../shared/api/integrations.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { actorOf } from '../services/audit.ts';
import { adminOnly } from '../middleware/auth.ts';
import { listNumbers, putNumber, removeNumber } from '../services/sending-numbers.ts';

const adminRoute = { tags: ['sending numbers'], ...adminOnly };

export const sendingNumberRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'The numbers the tenant sends from, per channel and country',
      ...adminRoute,
      responses: { 200: json(SendingNumberList, 'Numbers'), 401: errors[401], 403: errors[403] },
    }),
    async (c) => c.json({ numbers: await listNumbers(c.env.DB, c.get('user').tenantId) }, 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/',
      summary: "Set the number of one country and channel (and optionally make it the channel's default)",
      ...adminRoute,
      request: { body: { content: { 'application/json': { schema: PutSendingNumberBody } }, required: true } },
      responses: { 200: json(SendingNumber, 'The number as stored'), 401: errors[401], 403: errors[403], 404: errors[404], 422: errors[422] },
    }),
    async (c) => c.json(await putNumber(c.env.DB, c.get('user').tenantId, c.req.valid('json'), actorOf(c.get('user'), c.req.raw), c.var.clock.now()), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{numberId}',
      summary: 'Remove a sending number',
      ...adminRoute,
      request: { params: SendingNumberIdParam },
      responses: { 204: { description: 'Removed' }, 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      await removeNumber(c.env.DB, c.get('user').tenantId, c.req.valid('param').numberId, actorOf(c.get('user'), c.req.raw), c.var.clock.now());
      return c.body(null, 204);
    },
  );
