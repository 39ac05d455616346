import { z } from 'zod';
import { Channel } from './channels.ts';
import { daysInRange, isTimeZone, MAX_USAGE_RANGE_DAYS, USAGE_GROUPINGS, USAGE_PERIODS, type UsageGrouping } from '../domain/usage.ts';

const Day = z.iso.date('a date such as 2026-11-30');
const Country = z.string().regex(/^([A-Z]{2}|ZZ)$/, 'an ISO 3166 alpha-2 code such as "DE" (ZZ: unknown)');
const Direction = z.enum(['outbound', 'inbound']);

/**
 * A usage report's range (dates in the tenant's time zone, both included), its grouping (any of
 * user, country, channel, direction and at most one period, comma separated, e.g. `user,country`)
 * and filters. A recruiter's report is always their own, whatever `userId` says.
 */
export const UsageQuery = z
  .object({
    from: Day,
    to: Day,
    groupBy: z
      .string()
      .default('')
      .transform((value, ctx) => {
        const groupings = value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean);
        const unknown = groupings.filter((grouping) => !(USAGE_GROUPINGS as readonly string[]).includes(grouping));
        if (unknown.length > 0) {
          ctx.addIssue({ code: 'custom', message: `unknown grouping ${unknown.join(', ')}; use ${USAGE_GROUPINGS.join(', ')}` });
          return z.NEVER;
        }
        if (new Set(groupings).size !== groupings.length) {
          ctx.addIssue({ code: 'custom', message: 'each grouping once' });
          return z.NEVER;
        }
        if (groupings.filter((grouping) => (USAGE_PERIODS as readonly string[]).includes(grouping)).length > 1) {
          ctx.addIssue({ code: 'custom', message: 'at most one of day, week, month' });
          return z.NEVER;
        }
        return groupings as UsageGrouping[];
      })
      .meta({ description: 'Comma separated: user, country, channel, direction and one of day, week, month', example: 'user,country' }),
    userId: z.string().min(1).optional(),
    country: Country.optional(),
    channel: Channel.optional(),
    direction: Direction.optional(),
  })
  .refine((query) => query.from <= query.to, { message: '"from" is after "to"', path: ['from'] })
  .refine((query) => daysInRange(query.from, query.to) <= MAX_USAGE_RANGE_DAYS, {
    message: `a report covers at most ${MAX_USAGE_RANGE_DAYS} days`,
    path: ['to'],
  });
export type UsageQuery = z.infer<typeof UsageQuery>;
export type UsageQueryInput = z.input<typeof UsageQuery>;

const Counts = {
  messagesOut: z.number().int(),
  messagesIn: z.number().int(),
  segments: z.number().int(),
  candidatesReached: z.number().int(),
  conversationsStarted: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
  replies: z.number().int(),
  costMicros: z.number().int().meta({ description: "Estimated cost in millionths of the tenant's currency" }),
};

export const UsageRow = z
  .object({
    user: z.object({ id: z.string().nullable(), name: z.string() }).optional().meta({ description: 'id null: Parley’s own messages and replies to them' }),
    country: z.string().optional(),
    channel: Channel.optional(),
    direction: Direction.optional(),
    period: z.string().optional().meta({ description: 'The day, the Monday starting the week, or the month (YYYY-MM)' }),
    ...Counts,
  })
  .meta({ id: 'UsageRow' });
export type UsageRow = z.infer<typeof UsageRow>;

export const SeatUse = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    messagesOut: z.number().int(),
    lastSendDay: z.string().nullable(),
    idle: z.boolean(),
  })
  .meta({ id: 'SeatUse' });
export type SeatUse = z.infer<typeof SeatUse>;

export const UsageReport = z
  .object({
    from: z.string(),
    to: z.string(),
    today: z.string().meta({ description: "Today in the tenant's time zone" }),
    timeZone: z.string(),
    currency: z.string(),
    groupBy: z.array(z.enum(USAGE_GROUPINGS)),
    totals: z.object({ ...Counts, replyRate: z.number() }),
    rows: z.array(UsageRow),
    failureReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
    seats: z.array(SeatUse),
    pricesAreExamples: z.boolean().meta({ description: 'Some prices in force are the demo seed’s examples' }),
  })
  .meta({ id: 'UsageReport' });
export type UsageReport = z.infer<typeof UsageReport>;

export const UsageSettings = z
  .object({
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as "Europe/Berlin"'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "EUR"'),
  })
  .meta({ id: 'UsageSettings' });
export type UsageSettings = z.infer<typeof UsageSettings>;

export const PriceCategory = z.enum(['standard', 'template', 'service']).meta({
  description: 'standard: SMS (per segment) and inbound; template: a WhatsApp template message; service: a WhatsApp free-form message inside the window',
});

export const UsagePrice = z.object({
  country: z.string().regex(/^([A-Z]{2}|\*)$/, 'an ISO 3166 alpha-2 code, or * for every other country'),
  channel: Channel,
  direction: Direction,
  category: PriceCategory,
  priceMicros: z.number().int().min(0).max(1_000_000_000).meta({ description: 'Millionths of the currency per unit (SMS segment, WhatsApp message)' }),
});
export type UsagePrice = z.infer<typeof UsagePrice>;

const priceKey = (price: Pick<UsagePrice, 'country' | 'channel' | 'direction' | 'category'>) =>
  `${price.country}|${price.channel}|${price.direction}|${price.category}`;

/** The prices in force; a PUT replaces them from now on (what was sent keeps its price). */
export const UsagePrices = z
  .object({
    currency: z.string(),
    prices: z.array(UsagePrice.extend({ validFrom: z.string(), example: z.boolean() })).meta({ description: 'validFrom and example are ignored on PUT' }),
  })
  .meta({ id: 'UsagePrices' });
export type UsagePrices = z.infer<typeof UsagePrices>;

export const UsagePricesInput = z
  .object({
    prices: z
      .array(UsagePrice)
      .max(2000)
      .refine((prices) => new Set(prices.map(priceKey)).size === prices.length, 'each country, channel, direction and category once'),
  })
  .meta({ id: 'UsagePricesInput' });
export type UsagePricesInput = z.infer<typeof UsagePricesInput>;
