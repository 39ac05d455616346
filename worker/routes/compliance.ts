import { createRoute } from '@hono/zod-openapi';
import { ComplianceSettings } from '../../shared/api/compliance.ts';
import { DEFAULT_OPT_IN } from '../../shared/domain/consent.ts';
import { DEFAULT_QUIET_HOURS } from '../../shared/domain/quiet-hours.ts';
import { type ComplianceRow, complianceRowsOf, quietHoursSettingsOfRows, replaceComplianceSettingsStatements } from '../db/queries/compliance-settings.ts';
import { privacyUrlOf, setPrivacyUrlStatement } from '../db/queries/tenants.ts';
import { errors, json } from '../lib/openapi-responses.ts';
import { createRouter } from '../lib/router.ts';
import { adminOnly, signedIn } from '../middleware/auth.ts';
import { actorOf, settingsAuditStatement } from '../services/audit.ts';
import { retimeHolds } from '../services/quiet-hours.ts';

// Country '*' is the default row; a tenant that never saved gets double opt-in and 21:00–08:00.
function toApi(rows: readonly ComplianceRow[], privacyUrl: string | null): ComplianceSettings {
  const fallback = rows.find((row) => row.country === '*');
  return {
    defaultOptIn: fallback?.optIn ?? DEFAULT_OPT_IN,
    defaultQuietHours: fallback?.quietHours ?? DEFAULT_QUIET_HOURS,
    countries: rows.filter((row) => row.country !== '*'),
    privacyUrl,
  };
}

const settingsOf = async (db: D1Database, tenantId: string) => toApi(await complianceRowsOf(db, tenantId), await privacyUrlOf(db, tenantId));

/** The rows to store; quiet hours left out keep what was stored (see shared/api/compliance.ts). */
function toRows(input: ComplianceSettings, stored: ComplianceSettings): ComplianceRow[] {
  const defaultQuietHours = input.defaultQuietHours ?? stored.defaultQuietHours ?? DEFAULT_QUIET_HOURS;
  const storedQuietHours = new Map(stored.countries.map((row) => [row.country, row.quietHours]));
  return [
    { country: '*', optIn: input.defaultOptIn, quietHours: defaultQuietHours },
    ...input.countries.map((row) => ({
      country: row.country,
      optIn: row.optIn,
      quietHours: row.quietHours ?? storedQuietHours.get(row.country) ?? defaultQuietHours,
    })),
  ];
}

export const complianceRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['consent'],
      summary: 'Single or double opt-in and quiet hours per country, and the default for countries not listed',
      ...signedIn,
      responses: { 200: json(ComplianceSettings, 'The settings (double opt-in everywhere until an admin changes them)'), 401: errors[401] },
    }),
    async (c) => c.json(await settingsOf(c.env.DB, c.get('user').tenantId), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/',
      tags: ['consent'],
      summary: 'Replace the opt-in rules and quiet hours (admins); messages held for quiet hours are timed again by the new ones',
      ...adminOnly,
      request: { body: { content: { 'application/json': { schema: ComplianceSettings } }, required: true } },
      responses: { 200: json(ComplianceSettings, 'The settings as stored'), 401: errors[401], 403: errors[403], 422: errors[422] },
    }),
    async (c) => {
      const { tenantId } = c.get('user');
      const now = c.var.clock.now();
      const input = c.req.valid('json');
      const before = await complianceRowsOf(c.env.DB, tenantId);
      const privacyBefore = await privacyUrlOf(c.env.DB, tenantId);
      const rows = toRows(input, toApi(before, privacyBefore));
      await c.env.DB.batch([
        ...replaceComplianceSettingsStatements(c.env.DB, tenantId, rows, now.toISOString()),
        ...(input.privacyUrl !== undefined ? [setPrivacyUrlStatement(c.env.DB, tenantId, input.privacyUrl)] : []),
        settingsAuditStatement(
          c.env.DB,
          tenantId,
          'compliance.updated',
          actorOf(c.get('user'), c.req.raw),
          `opt-in, quiet hours and privacy link: ${JSON.stringify(toApi(before, privacyBefore))} → ${JSON.stringify(input)}`,
          now,
        ),
      ]);
      const after = await complianceRowsOf(c.env.DB, tenantId);
      // Messages already held wait by the quiet hours in force, not those they were held under.
      await retimeHolds(c.env, tenantId, quietHoursSettingsOfRows(before), quietHoursSettingsOfRows(after), c.var.clock.now());
      return c.json(await settingsOf(c.env.DB, tenantId), 200);
    },
  );
