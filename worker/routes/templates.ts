import { createRoute } from '@hono/zod-openapi';
import { Template, TemplateIdParam, TemplateInput, TemplateList, TemplateQuery } from '../../shared/api/templates.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { actorOf } from '../services/audit.ts';
import { adminOnly, signedIn } from '../middleware/auth.ts';
import { createTemplate, deleteTemplate, listTemplates, requireTemplate, toTemplate, updateTemplate } from '../services/templates.ts';

const body = { content: { 'application/json': { schema: TemplateInput } }, required: true };

export const templateRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['templates'],
      summary: "Your company's templates; `q` searches names and bodies",
      ...signedIn,
      request: { query: TemplateQuery },
      responses: { 200: json(TemplateList, 'Templates by language, then name'), 401: errors[401], 422: errors[422] },
    }),
    async (c) => c.json({ templates: await listTemplates(c.env.DB, c.get('user').tenantId, c.req.valid('query')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{templateId}',
      summary: 'One message template of the tenant',
      tags: ['templates'],
      ...signedIn,
      request: { params: TemplateIdParam },
      responses: { 200: json(Template, 'The template'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => c.json(toTemplate(await requireTemplate(c.env.DB, c.get('user').tenantId, c.req.valid('param').templateId)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['templates'],
      summary: 'Create a template (admins); a body with an unknown or malformed merge field is refused',
      ...adminOnly,
      request: { body },
      responses: { 201: json(Template, 'Created'), 401: errors[401], 403: errors[403], 409: errors[409], 422: errors[422] },
    }),
    async (c) => c.json(await createTemplate(c.env.DB, c.get('user').tenantId, c.req.valid('json'), c.var.clock.now(), actorOf(c.get('user'), c.req.raw)), 201),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{templateId}',
      tags: ['templates'],
      summary: 'Replace a template (admins)',
      ...adminOnly,
      request: { params: TemplateIdParam, body },
      responses: { 200: json(Template, 'Saved'), 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 422: errors[422] },
    }),
    async (c) => {
      const { tenantId } = c.get('user');
      return c.json(
        await updateTemplate(c.env.DB, tenantId, c.req.valid('param').templateId, c.req.valid('json'), c.var.clock.now(), actorOf(c.get('user'), c.req.raw)),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{templateId}',
      tags: ['templates'],
      summary: 'Delete a template (admins)',
      ...adminOnly,
      request: { params: TemplateIdParam },
      responses: { 204: { description: 'Deleted' }, 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      await deleteTemplate(c.env.DB, c.get('user').tenantId, c.req.valid('param').templateId, c.var.clock.now(), actorOf(c.get('user'), c.req.raw));
      return c.body(null, 204);
    },
  );
