import { z } from 'zod';
import { Channel } from './channels.ts';
import { MessageStatus } from './messages.ts';

/**
 * Who wrote a message, from the reader's side: `you`, a `teammate` (named), `parley` for the
 * automatic identification, START invitation and HELP answers, or the `candidate`.
 */
export const MessageSender = z.object({ kind: z.enum(['you', 'teammate', 'parley', 'candidate']), name: z.string().nullable() }).meta({ id: 'MessageSender' });
export type MessageSender = z.infer<typeof MessageSender>;

export const InboxQuery = z.object({
  /** mine: conversations the user has written in or asked the candidate's consent for; team: every conversation of the tenant. */
  scope: z.enum(['mine', 'team']).default('team'),
  channel: Channel.optional(),
  unread: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  /** The page after this one: a previous answer's `nextCursor`. */
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type InboxQuery = z.input<typeof InboxQuery>;

export const InboxEntry = z
  .object({
    conversationId: z.string(),
    channel: Channel,
    candidate: z.object({
      id: z.string(),
      name: z.string(),
      phone: z.string().nullable(),
      profileUrl: z.string().nullable(),
      /** The job applied for, as the ATS names it; null when the page showed none. */
      jobTitle: z.string().nullable(),
    }),
    lastMessage: z.object({
      body: z.string(),
      direction: z.enum(['outbound', 'inbound']),
      /** A cancelled or failed message was never received: the preview says so. */
      status: MessageStatus,
      sender: MessageSender,
      createdAt: z.string(),
    }),
    unread: z.number().int(),
    mine: z.boolean(),
  })
  .meta({ id: 'InboxEntry' });
export type InboxEntry = z.infer<typeof InboxEntry>;

export const Inbox = z
  .object({
    conversations: z.array(InboxEntry),
    unreadTotal: z.number().int(),
    /** Pass as `cursor` for the next page; null on the last one. */
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'Inbox' });
export type Inbox = z.infer<typeof Inbox>;

export const MarkReadBody = z.object({ channel: Channel }).meta({ id: 'MarkReadBody' });
export const UnreadCount = z.object({ unreadTotal: z.number().int() }).meta({ id: 'UnreadCount' });

/** Numbers that wrote to the tenant but match no candidate: kept, never dropped, shown apart. */
export const UnknownSender = z
  .object({ fromNumber: z.string(), channel: Channel, lastBody: z.string(), lastAt: z.string(), messages: z.number().int() })
  .meta({ id: 'UnknownSender' });
export type UnknownSender = z.infer<typeof UnknownSender>;
export const UnknownSenders = z.object({ senders: z.array(UnknownSender) }).meta({ id: 'UnknownSenders' });
