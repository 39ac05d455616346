/**
 * Test-only: the saved demo ATS pages (test/fixtures/ats/demo, rendered by test/demo-ats), by name,
 * for the demo adapter's and the content script's tests.
 * @module
 */
import { parseFixture as parseSavedPage } from './ats-fixtures.ts';

/** Three profiles (with phone, German job, no phone) and the candidate list. */
export const fixtureNames = ['profile-c-1001.html', 'profile-c-1002.html', 'profile-c-1007.html', 'candidates.html'] as const;
export type FixtureName = (typeof fixtureNames)[number];

/** A detached document: scripts in the fixture are not run. */
export function parseFixture(name: FixtureName): Document {
  return parseSavedPage('demo', name);
}
