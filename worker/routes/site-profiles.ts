import { createRoute } from '@hono/zod-openapi';
import { SiteProfile, SiteProfileIdParam, SiteProfileInput, SiteProfileList } from '../../shared/api/site-profiles.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { adminOnly, signedIn } from '../middleware/auth.ts';
import { actorOf } from '../services/audit.ts';
import { createSiteProfile, deleteSiteProfile, listSiteProfiles, updateSiteProfile } from '../services/site-profiles.ts';

const body = { content: { 'application/json': { schema: SiteProfileInput } }, required: true };
const tags = ['site-profiles'];

export const siteProfileRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: "The ATS sites your company taught Parley; every user's extension runs on them once its host is allowed",
      ...signedIn,
      responses: { 200: json(SiteProfileList, 'Site profiles by host'), 401: errors[401] },
    }),
    async (c) => c.json({ profiles: await listSiteProfiles(c.env.DB, c.get('user').tenantId) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Teach Parley an ATS (admins): its host, which URLs are candidate profiles, two locators per field',
      ...adminOnly,
      request: { body },
      responses: { 201: json(SiteProfile, 'Created'), 401: errors[401], 403: errors[403], 409: errors[409], 422: errors[422] },
    }),
    async (c) =>
      c.json(await createSiteProfile(c.env.DB, c.get('user').tenantId, c.req.valid('json'), c.var.clock.now(), actorOf(c.get('user'), c.req.raw)), 201),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{siteProfileId}',
      tags,
      summary: 'Re-teach a site (admins): the whole profile is replaced',
      ...adminOnly,
      request: { params: SiteProfileIdParam, body },
      responses: { 200: json(SiteProfile, 'Replaced'), 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 422: errors[422] },
    }),
    async (c) =>
      c.json(
        await updateSiteProfile(
          c.env.DB,
          c.get('user').tenantId,
          c.req.valid('param').siteProfileId,
          c.req.valid('json'),
          c.var.clock.now(),
          actorOf(c.get('user'), c.req.raw),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{siteProfileId}',
      tags,
      summary: 'Forget a site (admins): the extension stops running on it for everyone',
      ...adminOnly,
      request: { params: SiteProfileIdParam },
      responses: { 204: { description: 'Deleted' }, 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      await deleteSiteProfile(c.env.DB, c.get('user').tenantId, c.req.valid('param').siteProfileId, c.var.clock.now(), actorOf(c.get('user'), c.req.raw));
      return c.body(null, 204);
    },
  );
