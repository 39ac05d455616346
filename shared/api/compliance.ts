import { z } from 'zod';
import { OptInMode } from '../domain/consent.ts';

/** Global Compliance: single or double opt-in per country, and the default for countries not listed. */
export const ComplianceSettings = z
  .object({
    defaultOptIn: OptInMode,
    countries: z
      .array(z.object({ country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 code such as "DE"'), optIn: OptInMode }))
      .max(250)
      .refine((rows) => new Set(rows.map((row) => row.country)).size === rows.length, 'each country once'),
  })
  .meta({ id: 'ComplianceSettings' });
export type ComplianceSettings = z.infer<typeof ComplianceSettings>;
