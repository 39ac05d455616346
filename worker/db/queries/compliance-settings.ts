/**
 * A tenant's compliance settings per country and the default (`compliance_settings`): opt-in
 * mode and quiet hours. Every query filters by tenant_id.
 * @module
 */
import type { OptInMode, OptInSettings } from '../../../shared/domain/consent.ts';
import { DEFAULT_OPT_IN } from '../../../shared/domain/consent.ts';
import { type Query, query } from './together.ts';
import { DEFAULT_QUIET_HOURS, type QuietHours, type QuietHoursSettings } from '../../../shared/domain/quiet-hours.ts';

/** The tenant's opt-in rules; country '*' holds the default for countries not listed. */
export async function optInSettingsOf(db: D1Database, tenantId: string): Promise<OptInSettings> {
  const { results } = await db
    .prepare(`SELECT country, opt_in FROM compliance_settings WHERE tenant_id = ?`)
    .bind(tenantId)
    .all<{ country: string; opt_in: OptInMode }>();
  const countries: Record<string, OptInMode> = {};
  let defaultOptIn = DEFAULT_OPT_IN;
  for (const row of results) {
    if (row.country === '*') defaultOptIn = row.opt_in;
    else countries[row.country] = row.opt_in;
  }
  return { defaultOptIn, countries };
}

/** One row of Global Compliance; country '*' is the tenant default. */
export type ComplianceRow = { country: string; optIn: OptInMode; quietHours: QuietHours };

export type StoredComplianceRow = { country: string; opt_in: OptInMode; quiet_start: string; quiet_end: string };

/** Every row as stored, the default ('*') included when an admin saved one; a statement, to batch with others. */
export function complianceRowsStatement(db: D1Database, tenantId: string): D1PreparedStatement {
  return db.prepare(`SELECT country, opt_in, quiet_start, quiet_end FROM compliance_settings WHERE tenant_id = ? ORDER BY country`).bind(tenantId);
}

export const toComplianceRow = (row: StoredComplianceRow): ComplianceRow => ({
  country: row.country,
  optIn: row.opt_in,
  quietHours: { start: row.quiet_start, end: row.quiet_end },
});

/** Every row as stored, the default ('*') included when an admin saved one. */
export async function complianceRowsOf(db: D1Database, tenantId: string): Promise<ComplianceRow[]> {
  const { results } = await complianceRowsStatement(db, tenantId).all<StoredComplianceRow>();
  return results.map(toComplianceRow);
}

/** The quiet hours these rows set, per country and by default (21:00–08:00 when no default row). */
export function quietHoursSettingsOfRows(rows: readonly ComplianceRow[]): QuietHoursSettings {
  const countries: Record<string, QuietHours> = {};
  let defaultQuietHours = DEFAULT_QUIET_HOURS;
  for (const row of rows) {
    if (row.country === '*') defaultQuietHours = row.quietHours;
    else countries[row.country] = row.quietHours;
  }
  return { defaultQuietHours, countries };
}

/** The tenant's quiet hours per country and its default (21:00–08:00 until an admin saves one). */
export function quietHoursSettingsQuery(db: D1Database, tenantId: string): Query<QuietHoursSettings> {
  return query(complianceRowsStatement(db, tenantId), (rows) => quietHoursSettingsOfRows((rows as StoredComplianceRow[]).map(toComplianceRow)));
}

/** Replaces the tenant's compliance rows in one batch (the default as country '*'). */
export function replaceComplianceSettingsStatements(db: D1Database, tenantId: string, rows: readonly ComplianceRow[], now: string): D1PreparedStatement[] {
  return [
    db.prepare(`DELETE FROM compliance_settings WHERE tenant_id = ?`).bind(tenantId),
    ...rows.map((row) =>
      db
        .prepare(`INSERT INTO compliance_settings (tenant_id, country, opt_in, quiet_start, quiet_end, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .bind(tenantId, row.country, row.optIn, row.quietHours.start, row.quietHours.end, now),
    ),
  ];
}
