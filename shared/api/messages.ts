import { z } from 'zod';
import { Channel } from './channels.ts';

export const MessageDirection = z.enum(['outbound', 'inbound']);
/**
 * Outbound messages move queued → sent → delivered → read, or end failed; inbound are received.
 * A proactive message composed in the candidate's quiet hours starts `scheduled` (until `sendAt`),
 * then is queued by the scheduler — or ends `cancelled` by the recruiter, or `failed` when consent
 * was withdrawn while it waited.
 */
export const MessageStatus = z.enum(['scheduled', 'queued', 'sent', 'delivered', 'read', 'failed', 'cancelled', 'received']);
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
    /** The recruiter who wrote an outbound message; null for the candidate's and Parley's automatic ones. */
    senderName: z.string().nullable().optional(),
    createdAt: z.iso.datetime(),
    /**
     * The change cursor, monotonic per tenant: it moves whenever the message is written, including
     * a later status change, so polling with `after=<seq>` returns new messages and updated ones.
     */
    seq: z.number().int(),
    /** SMS billing: GSM-7 or UCS-2 and the segment count, as stored for usage reports. */
    encoding: z.enum(['GSM-7', 'UCS-2']).optional(),
    segments: z.number().int().optional(),
    /** Held for quiet hours: when it goes (or was to go) out, and the candidate's zone that decided it. */
    sendAt: z.iso.datetime().optional(),
    sendAtTimeZone: z.string().optional(),
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof Message>;

/** SMS concatenation tops out at 10 segments in practice; longer is a mistake, not a message. */
export const MAX_BODY_CHARS = 1600;

/**
 * A provider-approved WhatsApp template: the only kind of message allowed outside the 24-hour
 * window. `id` is the Meta template name or the Twilio Content SID (HX…); `variables` fill
 * {{1}}, {{2}}, … in order.
 */
export const WhatsappTemplateRef = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_]{1,512}$/, 'a Meta template name or a Twilio Content SID'),
    language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a template language such as "en" or "en_GB"'),
    variables: z.array(z.string().min(1).max(1024)).max(100),
  })
  .meta({ id: 'WhatsappTemplateRef' });
export type WhatsappTemplateRef = z.infer<typeof WhatsappTemplateRef>;

export const SendMessageBody = z
  .object({
    channel: Channel,
    /** The text as the thread shows it (for a template: its rendered text). */
    body: z.string().trim().min(1, 'the message is empty').max(MAX_BODY_CHARS),
    /**
     * Filled by the worker only, from the approved WhatsApp twin of `templateId`; a send that
     * carries one without `templateId` is refused (422), and with one it is ignored.
     */
    whatsappTemplate: WhatsappTemplateRef.optional(),
    /**
     * Sent from a template: `body` is then the template's text as the recruiter left it, merge
     * fields and all, and the worker fills them with the candidate's values (422
     * `template_incomplete` when one cannot be filled).
     */
    templateId: z.string().min(1).max(64).optional(),
  })
  .meta({ id: 'SendMessageBody' });
export type SendMessageBody = z.infer<typeof SendMessageBody>;

export const ThreadQuery = z.object({
  channel: Channel,
  after: z.coerce.number().int().min(0).optional(),
});

export const Thread = z.object({ messages: z.array(Message) }).meta({ id: 'Thread' });
export type Thread = z.infer<typeof Thread>;
