import { createRoute, z } from '@hono/zod-openapi';
import { Candidate, CandidateContext, CandidateIdParam } from '../../shared/api/candidates.ts';
import { Channel } from '../../shared/api/channels.ts';
import { MarkReadBody, UnreadCount } from '../../shared/api/inbox.ts';
import { SenderForCandidate } from '../../shared/api/integrations.ts';
import { Message, SendMessageBody, Thread, ThreadQuery } from '../../shared/api/messages.ts';
import { listThread } from '../db/queries/messages.ts';
import type { OutboundJob } from '../env.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { signedIn } from '../middleware/auth.ts';
import { requireCandidate, resolveCandidate, toCandidate } from '../services/candidates.ts';
import { markRead } from '../services/inbox.ts';
import { sendMessage } from '../services/messaging.ts';
import { deliverFirst } from '../services/delivery.ts';
import { senderFor } from '../services/sending-numbers.ts';
import { toMessage } from '../db/queries/messages.ts';

export const candidateRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'put',
      path: '/',
      tags: ['candidates'],
      summary: 'Resolve the candidate an ATS page shows (created on first sight)',
      ...signedIn,
      request: { body: { content: { 'application/json': { schema: CandidateContext } }, required: true } },
      responses: { 200: json(Candidate, 'The candidate with consent per channel'), 401: errors[401], 422: errors[422] },
    }),
    async (c) => c.json(await resolveCandidate(c.env.DB, c.get('user'), c.req.valid('json'), c.var.clock.now()), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{candidateId}',
      summary: 'One candidate of the tenant, with their number and consent',
      tags: ['candidates'],
      ...signedIn,
      request: { params: CandidateIdParam },
      responses: { 200: json(Candidate, 'The candidate'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const row = await requireCandidate(c.env.DB, c.get('user').tenantId, c.req.valid('param').candidateId);
      return c.json(await toCandidate(c.env.DB, row), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{candidateId}/messages',
      tags: ['messages'],
      summary: 'The thread on one channel; with `after`, only what is newer than that seq',
      ...signedIn,
      request: { params: CandidateIdParam, query: ThreadQuery },
      responses: { 200: json(Thread, 'Messages in order'), 401: errors[401], 404: errors[404], 422: errors[422] },
    }),
    async (c) => {
      const { tenantId } = c.get('user');
      const candidate = await requireCandidate(c.env.DB, tenantId, c.req.valid('param').candidateId);
      const { channel, after } = c.req.valid('query');
      const rows = await listThread(c.env.DB, tenantId, candidate.id, channel, after);
      return c.json({ messages: rows.map(toMessage) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{candidateId}/messages',
      tags: ['messages'],
      summary: 'Send a message; refused with 409 consent_required without consent on the channel',
      ...signedIn,
      request: {
        params: CandidateIdParam,
        body: { content: { 'application/json': { schema: SendMessageBody } }, required: true },
      },
      responses: {
        201: json(Message, 'Stored and handed to the provider (status sent, or failed with a reason)'),
        401: errors[401],
        404: errors[404],
        409: errors[409],
        422: errors[422],
      },
    }),
    async (c) => {
      // The first attempt goes right after the response (waitUntil), not after a queue batch: Send → "Sent" fast.
      const deliverNow = (job: OutboundJob) => c.executionCtx.waitUntil(deliverFirst(c.env, job, c.var.clock));
      const message = await sendMessage(c.env, c.get('user'), c.req.valid('param').candidateId, c.req.valid('json'), c.var.clock.now(), deliverNow);
      return c.json(message, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{candidateId}/read',
      tags: ['inbox'],
      summary: "Mark the candidate's conversation on a channel read for the user, on all of the user's devices",
      ...signedIn,
      request: { params: CandidateIdParam, body: { content: { 'application/json': { schema: MarkReadBody } }, required: true } },
      responses: { 200: json(UnreadCount, 'The unread total after'), 401: errors[401], 404: errors[404], 422: errors[422] },
    }),
    async (c) => {
      const unread = await markRead(c.env, c.get('user'), c.req.valid('param').candidateId, c.req.valid('json').channel, c.var.clock.now());
      return c.json({ unreadTotal: unread }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{candidateId}/sender',
      tags: ['sending numbers'],
      summary: 'The number a message to this candidate on this channel would go from, and whether it is international',
      ...signedIn,
      request: { params: CandidateIdParam, query: z.object({ channel: Channel }) },
      responses: { 200: json(SenderForCandidate, 'The sending number, or null'), 401: errors[401], 404: errors[404], 422: errors[422] },
    }),
    async (c) => c.json(await senderFor(c.env.DB, c.get('user').tenantId, c.req.valid('param').candidateId, c.req.valid('query').channel), 200),
  );
