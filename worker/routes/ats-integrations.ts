import { createRoute } from '@hono/zod-openapi';
import {
  AtsIntegration,
  AtsIntegrationIdParam,
  AtsIntegrationList,
  CreateAtsIntegrationBody,
  CreatedAtsIntegration,
  UpdateAtsIntegrationBody,
} from '../../shared/api/ats-integrations.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { actorOf } from '../services/audit.ts';
import { adminOnly } from '../middleware/auth.ts';
import { createAtsIntegration, disableAtsIntegrationById, listAtsIntegrationViews, updateAtsIntegrationSettings } from '../services/ats-integrations.ts';

const adminRoute = { tags: ['ats-integrations'], ...adminOnly };

export const atsIntegrationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: "The tenant's ATS application webhooks, with their URLs and consent mappings",
      ...adminRoute,
      responses: { 200: json(AtsIntegrationList, 'ATS integrations; signing secrets are never returned'), 401: errors[401], 403: errors[403] },
    }),
    async (c) => c.json({ integrations: await listAtsIntegrationViews(c.env, c.get('user').tenantId) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Add an ATS webhook; the answer carries its signing secret, this once',
      ...adminRoute,
      request: { body: { content: { 'application/json': { schema: CreateAtsIntegrationBody } }, required: true } },
      responses: {
        201: json(CreatedAtsIntegration, 'Added: paste the webhook URL and the secret into the ATS'),
        401: errors[401],
        403: errors[403],
        422: errors[422],
      },
    }),
    async (c) =>
      c.json(await createAtsIntegration(c.env, c.get('user').tenantId, c.req.valid('json'), c.var.clock.now(), actorOf(c.get('user'), c.req.raw)), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{atsIntegrationId}',
      summary: 'Rename an ATS webhook or change which application question means consent on each channel',
      ...adminRoute,
      request: { params: AtsIntegrationIdParam, body: { content: { 'application/json': { schema: UpdateAtsIntegrationBody } }, required: true } },
      responses: { 200: json(AtsIntegration, 'Changed'), 401: errors[401], 403: errors[403], 404: errors[404], 422: errors[422] },
    }),
    async (c) =>
      c.json(
        await updateAtsIntegrationSettings(
          c.env,
          c.get('user').tenantId,
          c.req.valid('param').atsIntegrationId,
          c.req.valid('json'),
          c.var.clock.now(),
          actorOf(c.get('user'), c.req.raw),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{atsIntegrationId}/disable',
      summary: 'Disable an ATS webhook: its events are refused from now on',
      ...adminRoute,
      request: { params: AtsIntegrationIdParam },
      responses: { 200: json(AtsIntegration, 'Disabled'), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) =>
      c.json(
        await disableAtsIntegrationById(
          c.env,
          c.get('user').tenantId,
          c.req.valid('param').atsIntegrationId,
          c.var.clock.now(),
          actorOf(c.get('user'), c.req.raw),
        ),
        200,
      ),
  );
