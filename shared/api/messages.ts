import { z } from 'zod';
import { Channel } from './channels.ts';

export const MessageDirection = z.enum(['outbound', 'inbound']);
/** Outbound messages move queued → sent → delivered → read, or end failed; inbound are received. */
export const MessageStatus = z.enum(['queued', 'sent', 'delivered', 'read', 'failed', 'received']);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const Message = z
  .object({
    id: z.string(),
    channel: Channel,
    direction: MessageDirection,
    body: z.string(),
    status: MessageStatus,
    failureReason: z.string().nullable(),
    senderUserId: z.string().nullable(),
    createdAt: z.iso.datetime(),
    /** Monotonic per tenant: poll with `after=<seq>` for what is new. */
    seq: z.number().int(),
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof Message>;

/** SMS concatenation tops out at 10 segments in practice; longer is a mistake, not a message. */
export const MAX_BODY_CHARS = 1600;

export const SendMessageBody = z
  .object({
    channel: Channel,
    body: z.string().trim().min(1, 'the message is empty').max(MAX_BODY_CHARS),
  })
  .meta({ id: 'SendMessageBody' });
export type SendMessageBody = z.infer<typeof SendMessageBody>;

export const ThreadQuery = z.object({
  channel: Channel,
  after: z.coerce.number().int().min(0).optional(),
});

export const Thread = z
  .object({ messages: z.array(Message) })
  .meta({ id: 'Thread' });
export type Thread = z.infer<typeof Thread>;
