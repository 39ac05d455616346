import { z } from 'zod';
import { ConsentState } from '../domain/consent.ts';
import { QuietHours } from '../domain/quiet-hours.ts';

export const LanguageTag = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'a language tag such as "en" or "de-AT"');

/**
 * What an ATS adapter reads off a candidate page. The worker resolves it to a candidate row,
 * keyed by (ats, atsCandidateId) within the signed-in user's tenant.
 */
export const CandidateContext = z
  .object({
    ats: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'an ATS id such as "greenhouse"'),
    atsCandidateId: z.string().min(1).max(128),
    name: z.string().trim().min(1).max(200),
    phone: z.string().trim().max(40).nullable(),
    email: z.email().max(320).nullable(),
    jobTitle: z.string().trim().max(200).nullable(),
    /** The job ad's language where the page shows it; null when it does not (a known one is then kept). */
    language: LanguageTag.nullable(),
    /** The profile page the context was read from, so the inbox and notifications can open it. */
    profileUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
  })
  .meta({ id: 'CandidateContext' });
export type CandidateContext = z.infer<typeof CandidateContext>;

export const Candidate = z
  .object({
    id: z.string(),
    ats: z.string(),
    atsCandidateId: z.string(),
    name: z.string(),
    /** E.164, or null when the ATS had no number or it could not be parsed. */
    phone: z.string().nullable(),
    /** ISO 3166 alpha-2 country of the phone number. */
    phoneCountry: z.string().nullable(),
    email: z.string().nullable(),
    jobTitle: z.string().nullable(),
    language: z.string(),
    consent: z.object({ sms: ConsentState, whatsapp: ConsentState }),
    /**
     * The candidate's night, so the panel can say before Send that a message would wait for their
     * morning (`messageHold` in shared/domain/quiet-hours.ts; the worker decides again on send).
     * Null without a phone number or when quiet hours are off for their country.
     */
    quietHours: z
      .object({
        /** The possible IANA zones of the number; empty when no prefix matched (the rule then uses UTC). */
        zones: z.array(z.string()),
        /** The country's quiet hours in local time, e.g. 21:00 → 08:00. */
        window: QuietHours,
      })
      .nullable()
      .meta({ id: 'CandidateQuietHours' }),
  })
  .meta({ id: 'Candidate' });
export type Candidate = z.infer<typeof Candidate>;

export const CandidateIdParam = z.object({ candidateId: z.string().min(1).max(64) });
