/**
 * Site profiles (issue 18): an ATS Parley has no adapter for, taught by an admin pointing and
 * clicking, stored for the whole tenant. Rules live in shared/domain/site-profiles.ts.
 * @module
 */
import { z } from 'zod';
import { type Locator as LocatorType, locatorProblem, locatorsAreIndependent, siteHost, urlPatternProblem } from '../domain/site-profiles.ts';

export const Locator = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('id'), id: z.string() }),
    z.object({ kind: z.literal('attribute'), name: z.string().max(60), value: z.string() }),
    z.object({ kind: z.literal('label'), text: z.string() }),
    z.object({ kind: z.literal('css'), selector: z.string() }),
  ])
  .superRefine((locator, ctx) => {
    const problem = locatorProblem(locator as LocatorType);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ id: 'SiteProfileLocator' });

/** Two independent locators (different kinds), tried in order: one broken one is survivable. */
export const FieldLocators = z
  .array(Locator)
  .min(2, 'two locators per field, so one broken one is survivable')
  .max(3)
  .refine(locatorsAreIndependent, 'the locators of a field must be of different kinds (e.g. a label and a CSS path)');

export const SiteProfileFields = z
  .object({
    name: FieldLocators,
    phone: FieldLocators,
    email: FieldLocators.optional(),
    jobTitle: FieldLocators.optional(),
    language: FieldLocators.optional(),
  })
  .strict()
  .meta({ id: 'SiteProfileFields' });
export type SiteProfileFields = z.infer<typeof SiteProfileFields>;

export const SiteProfileInput = z
  .object({
    /** The ATS's host, e.g. `acme.workable.com`: https only, no port. */
    host: z.string().trim().toLowerCase().regex(siteHost, 'a host name such as "acme.workable.com" (https, no port)'),
    /** Which URLs are a candidate's profile and where the id is: `/candidates/{id}`. */
    urlPattern: z.string().superRefine((pattern, ctx) => {
      const problem = urlPatternProblem(pattern);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    fields: SiteProfileFields,
  })
  .meta({ id: 'SiteProfileInput' });
export type SiteProfileInput = z.infer<typeof SiteProfileInput>;

export const SiteProfile = z
  .object({
    id: z.string(),
    /** `CandidateContext.ats` of candidates read through this profile (stable per host). */
    ats: z.string(),
    host: z.string(),
    urlPattern: z.string(),
    fields: SiteProfileFields,
    updatedBy: z.string(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'SiteProfile' });
export type SiteProfile = z.infer<typeof SiteProfile>;

export const SiteProfileList = z.object({ profiles: z.array(SiteProfile) }).meta({ id: 'SiteProfileList' });
export type SiteProfileList = z.infer<typeof SiteProfileList>;

export const SiteProfileIdParam = z.object({ siteProfileId: z.string().min(1).max(64) });
