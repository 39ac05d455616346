import { z } from 'zod';
import { OptInMode } from '../domain/consent.ts';
import { QuietHours } from '../domain/quiet-hours.ts';

/**
 * Global Compliance: single or double opt-in and quiet hours per country, and the default for
 * countries not listed. Reading always returns quiet hours. Writing may leave them out, and then
 * keeps what was stored (so a client that predates quiet hours cannot switch them back on or off
 * by accident): the default's stay, a listed country keeps its own, a new country gets the default's.
 */
export const ComplianceSettings = z
  .object({
    defaultOptIn: OptInMode,
    defaultQuietHours: QuietHours.optional(),
    countries: z
      .array(
        z.object({
          country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 code such as "DE"'),
          optIn: OptInMode,
          quietHours: QuietHours.optional(),
        }),
      )
      .max(250)
      .refine((rows) => new Set(rows.map((row) => row.country)).size === rows.length, 'each country once'),
    /**
     * The company's privacy policy, linked from the consent page (null: none). Left out on write,
     * the stored one stays.
     */
    privacyUrl: z
      .url({ protocol: /^https?$/, error: 'a web address starting with https://' })
      .max(500)
      .nullable()
      .optional(),
  })
  .meta({ id: 'ComplianceSettings' });
export type ComplianceSettings = z.infer<typeof ComplianceSettings>;
