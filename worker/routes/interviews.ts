/**
 * Interviews, mounted at `/v1/interviews` (see shared/api/interviews.ts for the list), and the
 * tenant's interview settings, mounted at `/v1/interview-settings`. Signed in; scheduling and
 * changing need a seat (the invitation is a message); the settings are for admins to change.
 * @module
 */
import { createRoute } from '@hono/zod-openapi';
import {
  CancelInterviewBody,
  Interview,
  InterviewIdParam,
  InterviewList,
  InterviewQuery,
  InterviewSettings,
  ReminderIdParam,
  ReminderInput,
  ReminderPatch,
  RescheduleInterviewBody,
  ScheduleInterviewBody,
} from '../../shared/api/interviews.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { adminOnly, signedIn } from '../middleware/auth.ts';
import { actorOf } from '../services/audit.ts';
import {
  addReminder,
  cancelInterview,
  deleteReminder,
  getInterview,
  interviewSettings,
  listCandidateInterviews,
  rescheduleInterview,
  saveInterviewSettings,
  scheduleInterview,
  updateReminder,
} from '../services/interviews.ts';

const jsonBody = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const sendErrors = { 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 422: errors[422] };

export const interviewRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['interviews'],
      summary: "A candidate's interviews: upcoming first, then those waiting for a time, then past ones",
      ...signedIn,
      request: { query: InterviewQuery },
      responses: { 200: json(InterviewList, 'The interviews'), 401: errors[401], 404: errors[404], 422: errors[422] },
    }),
    async (c) =>
      c.json({ interviews: await listCandidateInterviews(c.env.DB, c.get('user').tenantId, c.req.valid('query').candidateId, c.var.clock.now()) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['interviews'],
      summary:
        'Schedule an interview at a fixed time or with slots to pick, and send the invitation (consent, seat, number, WhatsApp window and quiet hours apply)',
      ...signedIn,
      request: { body: jsonBody(ScheduleInterviewBody) },
      responses: { 201: json(Interview, 'Scheduled; the invitation is on its way (or held for quiet hours)'), ...sendErrors },
    }),
    async (c) => c.json(await scheduleInterview(c.env, c.get('user'), c.req.valid('json'), actorOf(c.get('user'), c.req.raw), c.var.clock.now()), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{interviewId}',
      summary: 'One interview, with its slots, state and reminders',
      tags: ['interviews'],
      ...signedIn,
      request: { params: InterviewIdParam },
      responses: { 200: json(Interview, 'The interview'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => c.json(await getInterview(c.env.DB, c.get('user').tenantId, c.req.valid('param').interviewId), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{interviewId}/reschedule',
      tags: ['interviews'],
      summary: 'A new time or new slots: the candidate is invited again and the reminders follow',
      ...signedIn,
      request: { params: InterviewIdParam, body: jsonBody(RescheduleInterviewBody) },
      responses: { 200: json(Interview, 'Rescheduled'), ...sendErrors },
    }),
    async (c) =>
      c.json(
        await rescheduleInterview(
          c.env,
          c.get('user'),
          c.req.valid('param').interviewId,
          c.req.valid('json'),
          actorOf(c.get('user'), c.req.raw),
          c.var.clock.now(),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{interviewId}/cancel',
      tags: ['interviews'],
      summary: 'Cancel: pending reminders are cancelled and the candidate is told (unless notifyCandidate is false)',
      ...signedIn,
      request: { params: InterviewIdParam, body: jsonBody(CancelInterviewBody) },
      responses: { 200: json(Interview, 'Cancelled'), ...sendErrors },
    }),
    async (c) =>
      c.json(
        await cancelInterview(
          c.env,
          c.get('user'),
          c.req.valid('param').interviewId,
          c.req.valid('json'),
          actorOf(c.get('user'), c.req.raw),
          c.var.clock.now(),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{interviewId}/reminders',
      tags: ['interviews'],
      summary: 'Add a reminder: minutes before the start, a channel, and a template or text',
      ...signedIn,
      request: { params: InterviewIdParam, body: jsonBody(ReminderInput) },
      responses: { 201: json(Interview, 'Added'), 401: errors[401], 404: errors[404], 409: errors[409], 422: errors[422] },
    }),
    async (c) =>
      c.json(
        await addReminder(c.env.DB, c.get('user'), c.req.valid('param').interviewId, c.req.valid('json'), actorOf(c.get('user'), c.req.raw), c.var.clock.now()),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{interviewId}/reminders/{reminderId}',
      tags: ['interviews'],
      summary: 'Change a pending reminder (409 once it was sent, skipped or cancelled)',
      ...signedIn,
      request: { params: ReminderIdParam, body: jsonBody(ReminderPatch) },
      responses: { 200: json(Interview, 'Changed'), 401: errors[401], 404: errors[404], 409: errors[409], 422: errors[422] },
    }),
    async (c) => {
      const { interviewId, reminderId } = c.req.valid('param');
      return c.json(
        await updateReminder(c.env.DB, c.get('user'), interviewId, reminderId, c.req.valid('json'), actorOf(c.get('user'), c.req.raw), c.var.clock.now()),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{interviewId}/reminders/{reminderId}',
      tags: ['interviews'],
      summary: 'Delete a reminder (one being sent right now stays)',
      ...signedIn,
      request: { params: ReminderIdParam },
      responses: { 200: json(Interview, 'Deleted'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const { interviewId, reminderId } = c.req.valid('param');
      return c.json(await deleteReminder(c.env.DB, c.get('user'), interviewId, reminderId, actorOf(c.get('user'), c.req.raw), c.var.clock.now()), 200);
    },
  );

export const interviewSettingsRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['interviews'],
      summary: 'The reminders every new interview starts with (24 h and 1 h before until an admin changes them)',
      ...signedIn,
      responses: { 200: json(InterviewSettings, 'The settings'), 401: errors[401] },
    }),
    async (c) => c.json(await interviewSettings(c.env.DB, c.get('user').tenantId), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/',
      tags: ['interviews'],
      summary: 'Replace the default reminders (admins)',
      ...adminOnly,
      request: { body: jsonBody(InterviewSettings) },
      responses: { 200: json(InterviewSettings, 'Saved'), 401: errors[401], 403: errors[403], 422: errors[422] },
    }),
    async (c) =>
      c.json(await saveInterviewSettings(c.env.DB, c.get('user').tenantId, c.req.valid('json'), actorOf(c.get('user'), c.req.raw), c.var.clock.now()), 200),
  );
