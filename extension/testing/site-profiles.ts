/**
 * Test-only: what an admin saves after teaching the Workable-like pages of
 * test/fixtures/ats/unknown — the profile saved beside them, which the e2e's admin produces by
 * clicking those pages in the real picker.
 * @module
 */
import type { SiteProfile } from '@shared/api/site-profiles.ts';
import { fixtureHtml } from './ats-fixtures.ts';

const taught = JSON.parse(fixtureHtml('unknown', 'workable-like.profile.json')) as Pick<SiteProfile, 'host' | 'urlPattern' | 'fields'>;

export const workableProfile: SiteProfile = {
  ...taught,
  id: 'site_1',
  ats: 'site-acme-workable-like-example',
  updatedBy: 'admin@example.com',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
