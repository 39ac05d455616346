import { createRoute } from '@hono/zod-openapi';
import { CreateIntegrationBody, Integration, IntegrationIdParam, IntegrationList, IntegrationTestResult } from '../../shared/api/integrations.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { actorOf } from '../services/audit.ts';
import { adminOnly } from '../middleware/auth.ts';
import { createIntegration, disable, listIntegrationViews, testIntegration } from '../services/integrations.ts';

const adminRoute = { tags: ['integrations'], ...adminOnly };

export const integrationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: "The tenant's provider integrations, with the webhook URLs to paste into each provider's console",
      ...adminRoute,
      responses: { 200: json(IntegrationList, 'Integrations; credentials are never returned'), 401: errors[401], 403: errors[403] },
    }),
    async (c) => c.json({ integrations: await listIntegrationViews(c.env, c.get('user').tenantId) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Add an integration; its credentials are encrypted at rest and write-only',
      ...adminRoute,
      request: { body: { content: { 'application/json': { schema: CreateIntegrationBody } }, required: true } },
      responses: { 201: json(Integration, 'Added'), 401: errors[401], 403: errors[403], 422: errors[422] },
    }),
    async (c) => c.json(await createIntegration(c.env, c.get('user').tenantId, c.req.valid('json'), c.var.clock.now(), actorOf(c.get('user'), c.req.raw)), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{integrationId}/test',
      summary: 'Check the credentials with the provider (no message is sent)',
      ...adminRoute,
      request: { params: IntegrationIdParam },
      responses: { 200: json(IntegrationTestResult, 'What the provider said'), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => c.json(await testIntegration(c.env, c.get('user').tenantId, c.req.valid('param').integrationId), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{integrationId}/disable',
      summary: 'Disable an integration: its numbers stop sending and its webhooks are refused',
      ...adminRoute,
      request: { params: IntegrationIdParam },
      responses: { 200: json(Integration, 'Disabled'), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) =>
      c.json(await disable(c.env, c.get('user').tenantId, c.req.valid('param').integrationId, c.var.clock.now(), actorOf(c.get('user'), c.req.raw)), 200),
  );
