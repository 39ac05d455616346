/**
 * ATS application webhooks: an admin connects an ATS (the generic signed JSON format or
 * Greenhouse), pastes the webhook URL and the one-time secret into it, and maps the application
 * question that asks for consent on each channel. The secret is shown once, on creation.
 * @module
 */
import { z } from 'zod';
import { ambiguousAnswers, DEFAULT_NO_ANSWERS, DEFAULT_YES_ANSWERS } from '../domain/application-consent.ts';
import { CandidateContext, LanguageTag } from './candidates.ts';

export const AtsWebhookFormat = z.enum(['generic', 'greenhouse']).meta({ id: 'AtsWebhookFormat' });
export type AtsWebhookFormat = z.infer<typeof AtsWebhookFormat>;

const Answers = z.array(z.string().trim().min(1).max(100)).max(30);

export const ConsentQuestion = z
  .object({
    /** The question's text (case and whitespace do not matter) or its id in the ATS. */
    question: z.string().trim().min(1).max(500),
    yes: Answers.min(1).default([...DEFAULT_YES_ANSWERS]),
    no: Answers.default([...DEFAULT_NO_ANSWERS]),
  })
  .refine((mapping) => ambiguousAnswers(mapping).length === 0, { message: 'an answer cannot mean both yes and no', path: ['no'] })
  .meta({ id: 'ConsentQuestion' });
export type ConsentQuestion = z.infer<typeof ConsentQuestion>;

/** Per channel, the question that asks for consent; null: applications leave that channel as it is. */
export const ConsentQuestionMapping = z
  .object({ sms: ConsentQuestion.nullable().default(null), whatsapp: ConsentQuestion.nullable().default(null) })
  .meta({ id: 'ConsentQuestionMapping' });
export type ConsentQuestionMapping = z.infer<typeof ConsentQuestionMapping>;

const Name = z.string().trim().min(1).max(100);

export const CreateAtsIntegrationBody = z
  .object({ name: Name, format: AtsWebhookFormat, consentMapping: ConsentQuestionMapping.default({ sms: null, whatsapp: null }) })
  .meta({ id: 'CreateAtsIntegrationBody' });
export type CreateAtsIntegrationBody = z.infer<typeof CreateAtsIntegrationBody>;

export const UpdateAtsIntegrationBody = z
  .object({ name: Name.optional(), consentMapping: ConsentQuestionMapping.optional() })
  .refine((body) => body.name !== undefined || body.consentMapping !== undefined, 'change the name, the consent mapping, or both')
  .meta({ id: 'UpdateAtsIntegrationBody' });
export type UpdateAtsIntegrationBody = z.infer<typeof UpdateAtsIntegrationBody>;

export const AtsIntegration = z
  .object({
    id: z.string(),
    name: z.string(),
    format: AtsWebhookFormat,
    enabled: z.boolean(),
    /** Where the ATS posts its application events. */
    webhookUrl: z.string(),
    consentMapping: ConsentQuestionMapping,
    createdAt: z.string(),
  })
  .meta({ id: 'AtsIntegration' });
export type AtsIntegration = z.infer<typeof AtsIntegration>;

/** The answer to a create: the only time the signing secret is ever returned. */
export const CreatedAtsIntegration = AtsIntegration.extend({ secret: z.string() }).meta({ id: 'CreatedAtsIntegration' });
export type CreatedAtsIntegration = z.infer<typeof CreatedAtsIntegration>;

export const AtsIntegrationList = z.object({ integrations: z.array(AtsIntegration) }).meta({ id: 'AtsIntegrationList' });

export const AtsIntegrationIdParam = z.object({ atsIntegrationId: z.string().min(1).max(64) });

// ---- the webhook --------------------------------------------------------------------------------

/** `X-Parley-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (several v1 while a secret rotates). */
export const PARLEY_SIGNATURE_HEADER = 'X-Parley-Signature';
/** A generic event signed longer ago (or further ahead) than this is refused as a possible replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const AnswerValue = z.union([z.string().max(2000), z.boolean()]).nullable();

/** Parley's own application event, for any ATS (or middleware such as Zapier) that can sign a POST. */
export const GenericApplicationEvent = z
  .object({
    /** Unique per event and the same on every retry: Parley applies an event once. */
    id: z.string().trim().min(1).max(128),
    type: z.literal('application.created'),
    occurredAt: z.iso.datetime({ offset: true }),
    candidate: CandidateContext.pick({ ats: true, atsCandidateId: true, name: true, phone: true, email: true, profileUrl: true }),
    job: z.object({ title: z.string().trim().max(200).nullable(), language: LanguageTag.nullable().default(null) }),
    answers: z.array(z.object({ questionId: z.string().max(200).optional(), question: z.string().max(2000), answer: AnswerValue })).max(200),
  })
  .meta({ id: 'GenericApplicationEvent' });
export type GenericApplicationEvent = z.infer<typeof GenericApplicationEvent>;

const GreenhouseContact = z.object({ value: z.string().max(320), type: z.string().max(40).nullish() });
const GreenhouseCustomFields = z.record(z.string().max(200), z.object({ name: z.string().max(500), value: z.unknown() }).loose()).nullish();

/**
 * The parts of Greenhouse's `new_candidate_application` payload Parley reads; everything else is
 * ignored. Answers: `application.answers` (Harvest's shape, when the payload carries it) and the
 * application's custom fields, keyed by their name.
 */
export const GreenhouseApplication = z
  .object({
    action: z.literal('new_candidate_application'),
    payload: z.object({
      application: z.object({
        id: z.union([z.number().int(), z.string().max(64)]),
        candidate: z.object({
          id: z.union([z.number().int(), z.string().max(64)]),
          first_name: z.string().max(200).nullish(),
          last_name: z.string().max(200).nullish(),
          url: z.string().max(2000).nullish(),
          phone_numbers: z.array(GreenhouseContact).max(50).default([]),
          email_addresses: z.array(GreenhouseContact).max(50).default([]),
        }),
        jobs: z
          .array(z.object({ name: z.string().max(200).nullish(), custom_fields: GreenhouseCustomFields }).loose())
          .max(50)
          .default([]),
        answers: z
          .array(z.object({ question: z.string().max(2000), answer: AnswerValue.optional() }))
          .max(200)
          .nullish(),
        custom_fields: GreenhouseCustomFields,
      }),
    }),
  })
  .meta({ id: 'GreenhouseApplication' });
export type GreenhouseApplication = z.infer<typeof GreenhouseApplication>;

const Reading = z.enum(['yes', 'no', 'unknown']);

export const AtsWebhookResult = z
  .object({
    /** True for an event id seen before: nothing was changed again. */
    duplicate: z.boolean(),
    /** Set for events Parley does not act on (Greenhouse's ping, other actions): accepted so the ATS stops retrying. */
    ignored: z.string().optional(),
    candidateId: z.string().optional(),
    /** How each channel's consent question was read. */
    consent: z.object({ sms: Reading, whatsapp: Reading }).optional(),
  })
  .meta({ id: 'AtsWebhookResult' });
export type AtsWebhookResult = z.infer<typeof AtsWebhookResult>;
