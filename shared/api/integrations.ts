/**
 * Provider integrations and sending numbers, managed by admins on the options page.
 * Credentials are write-only: they go in on create and never come back out.
 * @module
 */
import { z } from 'zod';
import { MAX_MESSAGES_PER_SECOND } from '../domain/sending-rate.ts';
import { Channel } from './channels.ts';

export const Provider = z.enum(['sandbox', 'twilio', 'whatsapp-cloud']).meta({ id: 'Provider' });
export type Provider = z.infer<typeof Provider>;

const Name = z.string().trim().min(1).max(100);
// Only local and test stacks accept it (the worker refuses it in production): it points an
// integration at a fake provider server.
const ApiBaseUrl = z.url({ protocol: /^https?$/ }).max(200);
const Secret = z.string().trim().min(8).max(512);

export const CreateIntegrationBody = z
  .discriminatedUnion('provider', [
    z.object({
      provider: z.literal('twilio'),
      name: Name,
      settings: z.object({
        accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'a Twilio Account SID (AC followed by 32 hex digits)'),
        apiBaseUrl: ApiBaseUrl.optional(),
      }),
      credentials: z.object({ authToken: Secret }),
    }),
    z.object({
      provider: z.literal('whatsapp-cloud'),
      name: Name,
      settings: z.object({
        phoneNumberId: z.string().regex(/^\d{5,30}$/, 'the WhatsApp phone number ID (digits)'),
        apiVersion: z
          .string()
          .regex(/^v\d{1,3}\.\d$/)
          .default('v26.0'),
        apiBaseUrl: ApiBaseUrl.optional(),
      }),
      credentials: z.object({ accessToken: Secret, appSecret: Secret, verifyToken: Secret }),
    }),
    z.object({ provider: z.literal('sandbox'), name: Name, settings: z.object({}).default({}), credentials: z.object({}).default({}) }),
  ])
  .meta({ id: 'CreateIntegrationBody' });
export type CreateIntegrationBody = z.infer<typeof CreateIntegrationBody>;

export const Integration = z
  .object({
    id: z.string(),
    provider: Provider,
    name: z.string(),
    enabled: z.boolean(),
    /** The provider settings that are not secret (account SID, phone number ID, …). */
    settings: z.record(z.string(), z.string()),
    /** Where to point the provider's console: inbound messages and delivery statuses. */
    webhookUrls: z.object({ inbound: z.string(), status: z.string() }),
    createdAt: z.string(),
  })
  .meta({ id: 'Integration' });
export type Integration = z.infer<typeof Integration>;

export const IntegrationList = z.object({ integrations: z.array(Integration) }).meta({ id: 'IntegrationList' });

export const IntegrationIdParam = z.object({ integrationId: z.string().min(1).max(64) });

export const IntegrationTestResult = z.object({ ok: z.boolean(), message: z.string() }).meta({ id: 'IntegrationTestResult' });
export type IntegrationTestResult = z.infer<typeof IntegrationTestResult>;

const Country = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 country code such as "GB"');

export const SendingNumber = z
  .object({
    id: z.string(),
    integrationId: z.string(),
    channel: Channel,
    country: z.string(),
    phoneNumber: z.string(),
    /** Used for candidates in countries without a number of their own (sent internationally). */
    isDefault: z.boolean(),
    /** The number's own sending rate (messages per second), or null for its provider's default. */
    messagesPerSecond: z.number().nullable(),
    /** The provider's documented rate for this type of number (shared/domain/sending-rate.ts), and what it is. */
    defaultMessagesPerSecond: z.number(),
    defaultRateBasis: z.string(),
  })
  .meta({ id: 'SendingNumber' });
export type SendingNumber = z.infer<typeof SendingNumber>;

export const SendingNumberList = z.object({ numbers: z.array(SendingNumber) }).meta({ id: 'SendingNumberList' });

/** Sets the number for one country and channel (replacing the one there was). */
export const PutSendingNumberBody = z
  .object({
    integrationId: z.string().min(1).max(64),
    channel: Channel,
    country: Country,
    phoneNumber: z.string().regex(/^\+[1-9]\d{6,14}$/, 'a number in E.164 form, such as +14155550100'),
    /** Omitted: a replaced number keeps its default flag (a new one is not the default). */
    isDefault: z.boolean().optional(),
    /**
     * Messages per second this number may send (SMS: segments), when its provider allows more than
     * the default for its type (a registered campaign, high-throughput toll-free, a WhatsApp
     * upgrade). Null: the default; omitted: unchanged. Sends beyond it wait their turn.
     */
    messagesPerSecond: z.number().positive().max(MAX_MESSAGES_PER_SECOND).nullable().optional(),
  })
  .meta({ id: 'PutSendingNumberBody' });
export type PutSendingNumberBody = z.infer<typeof PutSendingNumberBody>;

export const SendingNumberIdParam = z.object({ numberId: z.string().min(1).max(64) });

/** Which number a send to this candidate on this channel goes from, before it is sent. */
export const SenderForCandidate = z
  .object({
    /** null when the tenant has no number for the channel: a send is refused. */
    phoneNumber: z.string().nullable(),
    country: z.string().nullable(),
    /** True when the number is the channel's default for another country than the candidate's. */
    international: z.boolean(),
  })
  .meta({ id: 'SenderForCandidate' });
export type SenderForCandidate = z.infer<typeof SenderForCandidate>;
