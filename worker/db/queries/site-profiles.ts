/**
 * Site profiles: every query filters by tenant_id.
 * @module
 */
import type { SiteProfileFields } from '../../../shared/api/site-profiles.ts';

export type SiteProfileRow = {
  id: string;
  tenant_id: string;
  host: string;
  ats: string;
  url_pattern: string;
  /** JSON of `SiteProfileFields`. */
  fields: string;
  updated_by: string;
  created_at: string;
  updated_at: string;
};

export type SiteProfileValues = { host: string; ats: string; urlPattern: string; fields: SiteProfileFields; updatedBy: string };

/** A tenant teaches a handful of ATSs; the cap keeps a runaway client from growing the list unbounded. */
export const SITE_PROFILE_LIMIT = 50;

export async function listSiteProfiles(db: D1Database, tenantId: string): Promise<SiteProfileRow[]> {
  const { results } = await db
    .prepare(`SELECT * FROM site_profiles WHERE tenant_id = ? ORDER BY host LIMIT ${SITE_PROFILE_LIMIT}`)
    .bind(tenantId)
    .all<SiteProfileRow>();
  return results;
}

export const findSiteProfile = (db: D1Database, tenantId: string, id: string) =>
  db.prepare('SELECT * FROM site_profiles WHERE id = ? AND tenant_id = ?').bind(id, tenantId).first<SiteProfileRow>();

export const findSiteProfileByAts = (db: D1Database, tenantId: string, ats: string) =>
  db.prepare('SELECT * FROM site_profiles WHERE tenant_id = ? AND ats = ?').bind(tenantId, ats).first<SiteProfileRow>();

export const countSiteProfiles = async (db: D1Database, tenantId: string) =>
  (await db.prepare('SELECT COUNT(*) AS n FROM site_profiles WHERE tenant_id = ?').bind(tenantId).first<{ n: number }>())?.n ?? 0;

export const insertSiteProfileStatement = (db: D1Database, tenantId: string, id: string, v: SiteProfileValues, now: string) =>
  db
    .prepare(
      `INSERT INTO site_profiles (id, tenant_id, host, ats, url_pattern, fields, updated_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .bind(id, tenantId, v.host, v.ats, v.urlPattern, JSON.stringify(v.fields), v.updatedBy, now, now);

export const updateSiteProfileStatement = (db: D1Database, tenantId: string, id: string, v: SiteProfileValues, now: string) =>
  db
    .prepare(
      `UPDATE site_profiles SET host = ?, ats = ?, url_pattern = ?, fields = ?, updated_by = ?, updated_at = ?
       WHERE id = ? AND tenant_id = ? RETURNING *`,
    )
    .bind(v.host, v.ats, v.urlPattern, JSON.stringify(v.fields), v.updatedBy, now, id, tenantId);

export const deleteSiteProfileStatement = (db: D1Database, tenantId: string, id: string) =>
  db.prepare('DELETE FROM site_profiles WHERE id = ? AND tenant_id = ?').bind(id, tenantId);
