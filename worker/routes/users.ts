import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { InviteBody, MAX_SEAT_CSV_BYTES, SeatImportBody, SeatImportReport, Team, TeamMember, UpdateUserBody, UserIdParam } from '../../shared/api/users.ts';
import { ApiError } from '../lib/errors.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { adminOnly, requireAdmin, requireSession } from '../middleware/auth.ts';
import { requestOrigin } from '../services/audit.ts';
import { exportTeamCsv, getTeam, importTeamCsv, inviteUser, reinviteUser, updateUser } from '../services/users.ts';

const adminRoute = { tags: ['users'], ...adminOnly };

const csvBodyLimit = bodyLimit({
  maxSize: MAX_SEAT_CSV_BYTES + 64 * 1024,
  onError: () => {
    throw new ApiError(413, 'bad_request', 'The file is larger than 2 MB.');
  },
});

export const userRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: "The tenant's users with their role, seat and status, and the seat usage",
      ...adminRoute,
      responses: { 200: json(Team, 'The team'), 401: errors[401], 403: errors[403] },
    }),
    async (c) => c.json(await getTeam(c.env.DB, c.get('user').tenantId), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Invite a user by email: they set their password from the link',
      ...adminRoute,
      request: { body: { content: { 'application/json': { schema: InviteBody } }, required: true } },
      responses: { 201: json(TeamMember, 'Invited'), 401: errors[401], 403: errors[403], 409: errors[409], 422: errors[422] },
    }),
    async (c) =>
      c.json(await inviteUser(c.env, c.get('user'), c.req.valid('json'), new URL(c.req.url).origin, requestOrigin(c.req.raw), c.var.clock.now()), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{userId}',
      summary: 'Change a role, assign or revoke a seat (409 seats_exhausted beyond the purchased count), deactivate',
      ...adminRoute,
      request: { params: UserIdParam, body: { content: { 'application/json': { schema: UpdateUserBody } }, required: true } },
      responses: { 200: json(TeamMember, 'The user now'), 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 422: errors[422] },
    }),
    async (c) =>
      c.json(await updateUser(c.env, c.get('user'), c.req.valid('param').userId, c.req.valid('json'), requestOrigin(c.req.raw), c.var.clock.now()), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{userId}/invitations',
      summary: 'Email an invited user a new link (their older links stop working); 409 once they have set a password',
      ...adminRoute,
      request: { params: UserIdParam },
      responses: { 201: json(TeamMember, 'Invited again'), 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) =>
      c.json(
        await reinviteUser(c.env, c.get('user'), c.req.valid('param').userId, new URL(c.req.url).origin, requestOrigin(c.req.raw), c.var.clock.now()),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/export',
      summary: 'The users as CSV: email, name, role, seat (yes/no)',
      ...adminRoute,
      responses: {
        200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
        401: errors[401],
        403: errors[403],
      },
    }),
    async (c) => {
      const csv = await exportTeamCsv(c.env.DB, c.get('user').tenantId);
      return c.text(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="parley-users.csv"' });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/import',
      summary: 'Upload an edited users CSV: a dry run reports changes and every row error; an apply writes all of it or nothing',
      ...adminRoute,
      middleware: [requireSession, requireAdmin, csvBodyLimit],
      request: { body: { content: { 'application/json': { schema: SeatImportBody } }, required: true } },
      responses: {
        200: json(SeatImportReport, 'The plan (dry run) or what was applied'),
        401: errors[401],
        403: errors[403],
        409: errors[409],
        422: errors[422],
      },
    }),
    async (c) => {
      const { csv, dryRun } = c.req.valid('json');
      return c.json(await importTeamCsv(c.env, c.get('user'), csv, dryRun, requestOrigin(c.req.raw), c.var.clock.now()), 200);
    },
  );
