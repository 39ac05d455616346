import { z } from 'zod';
import { ConsentSource, ConsentState, OptInMode } from '../domain/consent.ts';
import { Channel } from './channels.ts';

export const ConsentRequestBody = z
  .object({
    /** The channels the candidate is asked about; both when omitted. */
    channels: z.array(Channel).min(1).max(2).optional(),
  })
  .meta({ id: 'ConsentRequestBody' });
export type ConsentRequestBody = z.infer<typeof ConsentRequestBody>;

export const ConsentRequestResult = z
  .object({
    /** The channels the emailed link asks about (channels already open are left out). */
    channels: z.array(Channel),
    sentTo: z.string(),
    expiresAt: z.string(),
    consent: z.object({ sms: ConsentState, whatsapp: ConsentState }),
  })
  .meta({ id: 'ConsentRequestResult' });
export type ConsentRequestResult = z.infer<typeof ConsentRequestResult>;

/** One append-only evidence record: what changed, how, by whom, and the wording the candidate saw. */
export const ConsentEvidenceRecord = z
  .object({
    seq: z.number().int(),
    channel: Channel,
    state: ConsentState,
    previousState: ConsentState,
    source: ConsentSource,
    actor: z.string(),
    actorUserId: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    wordingVersion: z.string().nullable(),
    language: z.string().nullable(),
    detail: z.string(),
    at: z.string(),
  })
  .meta({ id: 'ConsentEvidenceRecord' });
export type ConsentEvidenceRecord = z.infer<typeof ConsentEvidenceRecord>;

export const ConsentEvidenceExport = z
  .object({
    candidateId: z.string(),
    candidateName: z.string(),
    consent: z.object({ sms: ConsentState, whatsapp: ConsentState }),
    records: z.array(ConsentEvidenceRecord),
  })
  .meta({ id: 'ConsentEvidenceExport' });
export type ConsentEvidenceExport = z.infer<typeof ConsentEvidenceExport>;

export const ConsentEvidenceQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });

/** What the panel's consent pane shows: each channel's state, the rule that applies, the last change, and opt-outs to review. */
export const ConsentPane = z
  .object({
    consent: z.object({ sms: ConsentState, whatsapp: ConsentState }),
    /** The opt-in rule for the candidate's phone country (the tenant default when unknown). */
    optIn: OptInMode,
    country: z.string().nullable(),
    lastChange: z.object({
      sms: z.object({ state: ConsentState, source: ConsentSource, at: z.string() }).nullable(),
      whatsapp: z.object({ state: ConsentState, source: ConsentSource, at: z.string() }).nullable(),
    }),
    /** Replies that read like an opt-out ("please stop texting me"): the recruiter decides, with one click. */
    openOptOutFlags: z.array(z.object({ messageId: z.string(), channel: Channel, body: z.string(), at: z.string() })),
  })
  .meta({ id: 'ConsentPane' });
export type ConsentPane = z.infer<typeof ConsentPane>;

export const ConsentRevocationBody = z.object({ channel: Channel }).meta({ id: 'ConsentRevocationBody' });
