import { createRoute } from '@hono/zod-openapi';
import { UsagePrices, UsagePricesInput, UsageQuery, UsageReport, UsageSettings } from '../../shared/api/usage.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { adminOnly, signedIn } from '../middleware/auth.ts';
import { actorOf } from '../services/audit.ts';
import { replaceUsagePrices, saveUsageSettings, usageCsv, usagePrices, usageReport, usageSettings } from '../services/usage.ts';

/** Mounted at /v1/usage. */
export const usageRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['usage'],
      summary: 'Usage over a date range (tenant time zone), grouped and filtered; admins see the tenant, recruiters their own',
      ...signedIn,
      request: { query: UsageQuery },
      responses: { 200: json(UsageReport, 'Totals, rows per grouping, top failure reasons and seat use'), 401: errors[401], 422: errors[422] },
    }),
    async (c) => c.json(await usageReport(c.env.DB, c.get('user'), c.req.valid('query'), c.var.clock.now()), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/settings',
      tags: ['usage'],
      summary: "The tenant's reporting time zone and currency",
      ...signedIn,
      responses: { 200: json(UsageSettings, 'The settings'), 401: errors[401] },
    }),
    async (c) => c.json(await usageSettings(c.env.DB, c.get('user').tenantId), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/settings',
      tags: ['usage'],
      summary: 'Set the reporting time zone and currency (admins); day buckets are recomputed in the new zone',
      ...adminOnly,
      request: { body: { content: { 'application/json': { schema: UsageSettings } }, required: true } },
      responses: { 200: json(UsageSettings, 'The settings as stored'), 401: errors[401], 403: errors[403], 422: errors[422] },
    }),
    async (c) => c.json(await saveUsageSettings(c.env.DB, c.get('user'), c.req.valid('json'), actorOf(c.get('user'), c.req.raw), c.var.clock.now()), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/prices',
      tags: ['usage'],
      summary: 'The prices in force per country, channel, direction and category',
      ...signedIn,
      responses: { 200: json(UsagePrices, 'The prices in force'), 401: errors[401] },
    }),
    async (c) => c.json(await usagePrices(c.env.DB, c.get('user').tenantId, c.var.clock.now()), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/prices',
      tags: ['usage'],
      summary: 'Replace the prices from now on (admins); messages already sent keep the price they were sent at',
      ...adminOnly,
      request: { body: { content: { 'application/json': { schema: UsagePricesInput } }, required: true } },
      responses: { 200: json(UsagePrices, 'The prices in force'), 401: errors[401], 403: errors[403], 422: errors[422] },
    }),
    async (c) => c.json(await replaceUsagePrices(c.env.DB, c.get('user'), c.req.valid('json'), actorOf(c.get('user'), c.req.raw), c.var.clock.now()), 200),
  );

/** Mounted at /v1/usage.csv: the report's table as the options page shows it. */
export const usageCsvRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['usage'],
    summary: 'The usage report table as CSV (UTF-8, header row, RFC 4180, formula-looking cells neutralised)',
    ...signedIn,
    request: { query: UsageQuery },
    responses: {
      200: { description: 'The table', content: { 'text/csv': { schema: { type: 'string' as const } } } },
      401: errors[401],
      422: errors[422],
    },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const report = await usageReport(c.env.DB, c.get('user'), query, c.var.clock.now());
    return c.body(usageCsv(report), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="parley-usage-${query.from}-${query.to}.csv"`,
    });
  },
);
