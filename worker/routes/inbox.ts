import { createRoute } from '@hono/zod-openapi';
import { Inbox, InboxQuery, type MessageSender, UnknownSenders, UnreadCount } from '../../shared/api/inbox.ts';
import { type InboxPosition, type InboxRow, listInbox, listUnknownSenders, unreadTotal } from '../db/queries/inbox.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { ApiError } from '../lib/errors.ts';
import { createRouter } from '../lib/router.ts';
import { signedIn } from '../middleware/auth.ts';

// The cursor is the last row's place in the inbox's order; opaque to clients, checked when it comes back.
const cursorAfter = (row: InboxRow): string => btoa(JSON.stringify([row.unread > 0, row.last_at, row.conversation_id]));

function positionOf(cursor: string | undefined): InboxPosition | null {
  if (cursor === undefined) return null;
  try {
    const [unread, lastAt, conversationId] = JSON.parse(atob(cursor)) as unknown[];
    if (typeof unread === 'boolean' && typeof lastAt === 'string' && typeof conversationId === 'string') return { unread, lastAt, conversationId };
  } catch {
    // falls through to the refusal
  }
  throw new ApiError(422, 'validation_failed', 'The cursor is not one the inbox gave out.');
}

function senderOf(row: InboxRow, userId: string): MessageSender {
  if (row.last_direction === 'inbound') return { kind: 'candidate', name: row.name };
  if (row.last_sender_user_id === null) return { kind: 'parley', name: null };
  if (row.last_sender_user_id === userId) return { kind: 'you', name: row.last_sender_name };
  return { kind: 'teammate', name: row.last_sender_name };
}

export const inboxRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['inbox'],
      summary: "The user's conversations across candidates: unread first",
      ...signedIn,
      request: { query: InboxQuery },
      responses: { 200: json(Inbox, 'Conversations and the unread total'), 401: errors[401], 422: errors[422] },
    }),
    async (c) => {
      const { tenantId, userId } = c.get('user');
      const query = c.req.valid('query');
      const page = { limit: query.limit + 1, after: positionOf(query.cursor) };
      const [rows, total] = await Promise.all([
        listInbox(
          c.env.DB,
          tenantId,
          userId,
          { scope: query.scope, channel: query.channel, unreadOnly: query.unread === 'true', search: query.q || undefined },
          page,
        ),
        unreadTotal(c.env.DB, tenantId, userId),
      ]);
      // One row more than asked tells whether another page follows.
      const shown = rows.slice(0, query.limit);
      const nextCursor = rows.length > query.limit ? cursorAfter(shown.at(-1)!) : null;
      const conversations = shown.map((r) => ({
        conversationId: r.conversation_id,
        channel: r.channel,
        candidate: { id: r.candidate_id, name: r.name, phone: r.phone, profileUrl: r.profile_url, jobTitle: r.job_title },
        lastMessage: {
          body: r.last_body,
          direction: r.last_direction,
          status: r.last_status,
          sender: senderOf(r, userId),
          createdAt: r.last_at,
        },
        unread: r.unread,
        mine: r.mine === 1,
      }));
      return c.json({ conversations, unreadTotal: total, nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/unread',
      tags: ['inbox'],
      summary: 'Unread inbound messages for the toolbar badge',
      ...signedIn,
      responses: { 200: json(UnreadCount, 'The unread total'), 401: errors[401] },
    }),
    async (c) => {
      const { tenantId, userId } = c.get('user');
      return c.json({ unreadTotal: await unreadTotal(c.env.DB, tenantId, userId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/unknown-senders',
      tags: ['inbox'],
      summary: 'Numbers that wrote in but match no candidate',
      ...signedIn,
      responses: { 200: json(UnknownSenders, 'Newest first'), 401: errors[401] },
    }),
    async (c) => {
      const rows = await listUnknownSenders(c.env.DB, c.get('user').tenantId);
      const senders = rows.map((r) => ({ fromNumber: r.from_number, channel: r.channel, lastBody: r.last_body, lastAt: r.last_at, messages: r.messages }));
      return c.json({ senders }, 200);
    },
  );
