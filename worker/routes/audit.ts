import { createRoute } from '@hono/zod-openapi';
import { AuditLog, AuditQuery } from '../../shared/api/users.ts';
import { listAuditEvents } from '../db/queries/audit.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { adminOnly } from '../middleware/auth.ts';
import { toAuditEvent } from '../services/audit.ts';

const PAGE = 100;

export const auditRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['audit'],
    summary: 'Seat, role, invite and sign-in events of the tenant, newest first',
    ...adminOnly,
    request: { query: AuditQuery },
    responses: { 200: json(AuditLog, 'A page of events'), 401: errors[401], 403: errors[403], 422: errors[422] },
  }),
  async (c) => {
    const rows = await listAuditEvents(c.env.DB, c.get('user').tenantId, c.req.valid('query').before, PAGE);
    return c.json({ events: rows.map(toAuditEvent), nextBefore: rows.length === PAGE ? rows.at(-1)!.seq : null }, 200);
  },
);
