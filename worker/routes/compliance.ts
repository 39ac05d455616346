import { createRoute } from '@hono/zod-openapi';
import { ComplianceSettings } from '../../shared/api/compliance.ts';
import type { OptInSettings } from '../../shared/domain/consent.ts';
import { optInSettingsOf, replaceOptInSettingsStatements } from '../db/queries/consent.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { nowIso } from '../lib/ids.ts';
import { createRouter } from '../lib/router.ts';
import { requireAdmin, requireSession } from '../middleware/auth.ts';

const toApi = (settings: OptInSettings): ComplianceSettings => ({
  defaultOptIn: settings.defaultOptIn,
  countries: Object.entries(settings.countries)
    .map(([country, optIn]) => ({ country, optIn }))
    .sort((a, b) => a.country.localeCompare(b.country)),
});

const security = [{ bearer: [] as string[] }];

export const complianceRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/compliance-settings',
      tags: ['consent'],
      summary: 'Single or double opt-in per country, and the default for countries not listed',
      security,
      middleware: [requireSession],
      responses: { 200: json(ComplianceSettings, 'The settings (double opt-in everywhere until an admin changes them)'), 401: errors[401] },
    }),
    async (c) => c.json(toApi(await optInSettingsOf(c.env.DB, c.get('user').tenantId)), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/v1/compliance-settings',
      tags: ['consent'],
      summary: 'Replace the opt-in rules (admins)',
      security,
      middleware: [requireSession, requireAdmin],
      request: { body: { content: { 'application/json': { schema: ComplianceSettings } }, required: true } },
      responses: { 200: json(ComplianceSettings, 'The settings as stored'), 401: errors[401], 403: errors[403], 422: errors[422] },
    }),
    async (c) => {
      const { tenantId } = c.get('user');
      const input = c.req.valid('json');
      const settings: OptInSettings = { defaultOptIn: input.defaultOptIn, countries: Object.fromEntries(input.countries.map((row) => [row.country, row.optIn])) };
      await c.env.DB.batch(replaceOptInSettingsStatements(c.env.DB, tenantId, settings, nowIso()));
      return c.json(toApi(await optInSettingsOf(c.env.DB, tenantId)), 200);
    },
  );
