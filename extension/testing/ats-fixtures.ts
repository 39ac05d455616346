/**
 * Test-only: the saved ATS pages (test/fixtures/ats/<adapter id>/) the adapters' tests read.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const fixturesRoot = resolve(import.meta.dirname, '../../test/fixtures/ats');

export function fixtureHtml(adapterId: string, name: string): string {
  return readFileSync(resolve(fixturesRoot, adapterId, name), 'utf8');
}

/** A detached document: scripts in the fixture are not run. */
export function parseFixture(adapterId: string, name: string): Document {
  return new DOMParser().parseFromString(fixtureHtml(adapterId, name), 'text/html');
}

/** The saved pages of one ATS; empty when it has none. */
export function fixturePages(adapterId: string): string[] {
  try {
    return readdirSync(resolve(fixturesRoot, adapterId)).filter((name) => name.endsWith('.html'));
  } catch {
    return [];
  }
}
