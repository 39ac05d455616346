/**
 * Saved demo ATS pages (test/fixtures/ats/demo, rendered by test/demo-ats) for the adapter's tests.
 * Test-only: nothing in the extension's bundles imports this file.
 * @module
 */
import { fixtureHtml as savedPage } from '../fixtures.ts';

/** Three profiles (with phone, German job, no phone) and the candidate list. */
export const fixtureNames = ['profile-c-1001.html', 'profile-c-1002.html', 'profile-c-1007.html', 'candidates.html'] as const;
export type FixtureName = (typeof fixtureNames)[number];

export function fixtureHtml(name: FixtureName): string {
  return savedPage('demo', name);
}

/** A detached document: scripts in the fixture are not run. */
export function parseFixture(name: FixtureName): Document {
  return new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
}
