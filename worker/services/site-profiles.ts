/**
 * Site profiles (issue 18): admins create, re-teach and delete them; every signed-in user of the
 * tenant lists them, so their extension runs on the taught ATS. Each change and its audit event
 * are one D1 batch: both or neither.
 * @module
 */
import type { SiteProfile, SiteProfileFields, SiteProfileInput } from '../../shared/api/site-profiles.ts';
import { builtInAtsHosts, isOnHosts } from '../../shared/domain/ats-hosts.ts';
import { siteAtsId, siteHostMatch } from '../../shared/domain/site-profiles.ts';
import * as queries from '../db/queries/site-profiles.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { type Actor, settingsAuditStatement } from './audit.ts';

export const toSiteProfile = (row: queries.SiteProfileRow): SiteProfile => ({
  id: row.id,
  ats: row.ats,
  host: row.host,
  urlPattern: row.url_pattern,
  fields: JSON.parse(row.fields) as SiteProfileFields,
  updatedBy: row.updated_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export async function listSiteProfiles(db: D1Database, tenantId: string): Promise<SiteProfile[]> {
  return (await queries.listSiteProfiles(db, tenantId)).map(toSiteProfile);
}

/** Structure only, for the audit log: which host, which pattern, which fields were taught. */
const describe = (input: Pick<SiteProfileInput, 'host' | 'urlPattern' | 'fields'>) =>
  `${input.host} ${input.urlPattern} (fields: ${Object.keys(input.fields).join(', ')})`;

const valuesOf = (input: SiteProfileInput, actor: Actor): queries.SiteProfileValues => ({
  host: input.host,
  ats: siteAtsId(input.host),
  urlPattern: input.urlPattern,
  fields: input.fields,
  updatedBy: actor.person.email,
});

/** One profile per host and tenant: a second one for the same host is a 409 naming the first. */
function rethrowDuplicateHost(input: SiteProfileInput) {
  return (error: unknown): never => {
    if (String(error).includes('UNIQUE constraint failed')) {
      throw new ApiError(409, 'conflict', `${input.host} already has a site profile: re-teach that one instead.`);
    }
    throw error;
  };
}

export async function createSiteProfile(db: D1Database, tenantId: string, input: SiteProfileInput, now: Date, actor: Actor): Promise<SiteProfile> {
  if ((await queries.countSiteProfiles(db, tenantId)) >= queries.SITE_PROFILE_LIMIT) {
    throw new ApiError(409, 'conflict', `A company can teach Parley at most ${queries.SITE_PROFILE_LIMIT} sites; delete one first.`);
  }
  const at = now.toISOString();
  const [inserted] = await db
    .batch<queries.SiteProfileRow>([
      queries.insertSiteProfileStatement(db, tenantId, newId('site'), valuesOf(input, actor), at),
      settingsAuditStatement(db, tenantId, 'site_profile.created', actor, describe(input), now),
    ])
    .catch(rethrowDuplicateHost(input));
  const row = inserted?.results[0];
  if (!row) throw new Error('site profile insert returned no row');
  return toSiteProfile(row);
}

export async function updateSiteProfile(db: D1Database, tenantId: string, id: string, input: SiteProfileInput, now: Date, actor: Actor): Promise<SiteProfile> {
  // Checked first: the audit event must not be written for a profile that is not there.
  if (!(await queries.findSiteProfile(db, tenantId, id))) throw notFound('The site profile');
  const [updated] = await db
    .batch<queries.SiteProfileRow>([
      queries.updateSiteProfileStatement(db, tenantId, id, valuesOf(input, actor), now.toISOString()),
      settingsAuditStatement(db, tenantId, 'site_profile.updated', actor, describe(input), now),
    ])
    .catch(rethrowDuplicateHost(input));
  const row = updated?.results[0];
  if (!row) throw notFound('The site profile');
  return toSiteProfile(row);
}

export async function deleteSiteProfile(db: D1Database, tenantId: string, id: string, now: Date, actor: Actor): Promise<void> {
  const existing = await queries.findSiteProfile(db, tenantId, id);
  if (!existing) throw notFound('The site profile');
  await db.batch([
    queries.deleteSiteProfileStatement(db, tenantId, id),
    settingsAuditStatement(db, tenantId, 'site_profile.deleted', actor, describe(toSiteProfile(existing)), now),
  ]);
}

/**
 * The hosts a candidate of `ats` may have its profile page on: a built-in adapter's, else the
 * host of the tenant's site profile with that ats id; none for an ATS Parley does not know.
 */
export async function profileHostsOf(db: D1Database, tenantId: string, ats: string): Promise<readonly string[]> {
  const builtIn = builtInAtsHosts[ats];
  if (builtIn) return builtIn;
  const profile = await queries.findSiteProfileByAts(db, tenantId, ats);
  return profile ? [siteHostMatch(profile.host)] : [];
}

/** True when `profileUrl` is a page of the ATS `ats` names for this tenant. */
export async function isProfileUrlOf(db: D1Database, tenantId: string, ats: string, profileUrl: string): Promise<boolean> {
  return isOnHosts(profileUrl, await profileHostsOf(db, tenantId, ats));
}
