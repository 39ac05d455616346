/**
 * Message templates: per tenant and language, for SMS, WhatsApp or both. Bodies are checked with
 * the shared renderer at save time, so a stored template always parses and names known fields.
 * @module
 */
import { z } from 'zod';
import { checkTemplate, describeProblems, fieldsOf } from '../domain/template.ts';
import { LanguageTag } from './candidates.ts';
import { Channel } from './channels.ts';
import { MAX_BODY_CHARS, WhatsappTemplateRef } from './messages.ts';

/** The defaults every tenant starts with; consent and interview flows look them up by purpose. */
export const TemplatePurpose = z
  // Interviews: the invitation to a fixed time, the offer of slots to pick, the reminder, the
  // update when the time moves, and the cancellation.
  .enum([
    'opt_in_identification',
    'consent_request',
    'interview_invitation',
    'interview_slots',
    'interview_reminder',
    'interview_update',
    'interview_cancelled',
  ])
  .meta({ id: 'TemplatePurpose' });
export type TemplatePurpose = z.infer<typeof TemplatePurpose>;

const TemplateText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'the text is empty')
    .max(max)
    .superRefine((text, ctx) => {
      const problems = checkTemplate(text);
      if (problems.length) ctx.addIssue({ code: 'custom', message: describeProblems(problems) });
    });

/**
 * The provider's approved template and what fills its {{1}}, {{2}}, … in order: each variable is
 * a small template of its own (`{{candidate.first_name | "there"}}`), rendered like the body.
 */
export const WhatsappApproval = WhatsappTemplateRef.pick({ id: true, language: true })
  .extend({
    variables: z
      .array(TemplateText(300).refine((text) => fieldsOf(text).length > 0, 'a variable must use a merge field, e.g. {{candidate.first_name}}'))
      .max(100),
  })
  .meta({ id: 'WhatsappApproval' });
export type WhatsappApproval = z.infer<typeof WhatsappApproval>;

export const TemplateInput = z
  .object({
    name: z.string().trim().min(1, 'the name is empty').max(100),
    language: LanguageTag,
    channels: z
      .array(Channel)
      .min(1, 'pick at least one channel')
      .refine((channels) => new Set(channels).size === channels.length, 'each channel once'),
    body: TemplateText(MAX_BODY_CHARS),
    /** Only for templates offered on WhatsApp; null when the provider has no approved twin. */
    whatsapp: WhatsappApproval.nullable().default(null),
  })
  .refine((t) => t.whatsapp === null || t.channels.includes('whatsapp'), {
    path: ['whatsapp'],
    message: 'an approved WhatsApp template needs the WhatsApp channel',
  })
  .meta({ id: 'TemplateInput' });
export type TemplateInput = z.infer<typeof TemplateInput>;

export const Template = z
  .object({
    id: z.string(),
    name: z.string(),
    language: z.string(),
    channels: z.array(Channel),
    body: z.string(),
    whatsapp: z.object({ id: z.string(), language: z.string(), variables: z.array(z.string()) }).nullable(),
    /** Set on the defaults Parley seeds; null on templates an admin created. */
    purpose: TemplatePurpose.nullable(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Template' });
export type Template = z.infer<typeof Template>;

export const TemplateQuery = z.object({
  /** Matches the name or the body, case-insensitively. */
  q: z.string().trim().max(100).optional(),
  channel: Channel.optional(),
  language: LanguageTag.optional(),
});
export type TemplateQuery = z.infer<typeof TemplateQuery>;

export const TemplateList = z.object({ templates: z.array(Template) }).meta({ id: 'TemplateList' });

export const TemplateIdParam = z.object({ templateId: z.string().min(1).max(64) });
