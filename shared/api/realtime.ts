import { z } from 'zod';
import { Channel } from './channels.ts';

/**
 * What the realtime feed carries. Events are small notices, not the data itself: a client that
 * shows the thread fetches it by cursor, so the feed never disagrees with the API.
 */
export const MessageEventPayload = z.object({
  messageId: z.string(),
  conversationId: z.string(),
  channel: Channel,
  direction: z.enum(['outbound', 'inbound']),
  candidateName: z.string(),
  /** The first characters of the body, for notifications. */
  preview: z.string(),
  profileUrl: z.string().nullable(),
});
export type MessageEventPayload = z.infer<typeof MessageEventPayload>;

export const RealtimeEvent = z
  .discriminatedUnion('kind', [
    z.object({ seq: z.number().int(), kind: z.literal('message.created'), candidateId: z.string(), payload: MessageEventPayload }),
    z.object({ seq: z.number().int(), kind: z.literal('message.updated'), candidateId: z.string(), payload: MessageEventPayload }),
    z.object({
      seq: z.number().int(),
      kind: z.literal('conversation.read'),
      candidateId: z.string(),
      payload: z.object({ conversationId: z.string(), userId: z.string() }),
    }),
    z.object({
      seq: z.number().int(),
      kind: z.literal('consent.changed'),
      candidateId: z.string(),
      payload: z.object({ channel: Channel, state: z.string() }),
    }),
    // An interview was scheduled, answered, moved or cancelled, or one of its reminders went or
    // was skipped: the panel re-reads it (GET /v1/interviews/{interviewId}).
    z.object({
      seq: z.number().int(),
      kind: z.literal('interview.changed'),
      candidateId: z.string(),
      payload: z.object({
        interviewId: z.string(),
        state: z.string(),
        startsAt: z.string().nullable(),
        candidateName: z.string(),
        profileUrl: z.string().nullable(),
      }),
    }),
  ])
  .meta({ id: 'RealtimeEvent' });
export type RealtimeEvent = z.infer<typeof RealtimeEvent>;
export type RealtimeEventKind = RealtimeEvent['kind'];

/** A frame from the hub: events in seq order; `replay` marks the catch-up sent on connecting. */
export const RealtimeFrame = z.object({ type: z.literal('events'), replay: z.boolean(), events: z.array(RealtimeEvent) });
export type RealtimeFrame = z.infer<typeof RealtimeFrame>;

/** The WebSocket subprotocol; the session token travels as a second one (`token.<token>`),
 * since browsers cannot set headers on a WebSocket and query strings end up in logs. */
export const REALTIME_PROTOCOL = 'parley.v1';
export const TOKEN_PROTOCOL_PREFIX = 'token.';

/** Clients send this every so often; the hub answers without waking (and MV3 keeps its worker alive). */
/** The close code of a socket whose session ended (signed out, deactivated, password set, expired): the client shows sign-in and stops reconnecting. */
export const SESSION_ENDED = 4001;
/** The close code of a socket whose user's seat or role changed: the client reconnects at once, authorized anew. */
export const ACCESS_CHANGED = 4002;

export const PING = 'ping';
export const PONG = 'pong';
