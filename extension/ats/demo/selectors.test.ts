/**
 * Every selector against the saved pages (refined-github's `selectors.test.ts`, on fixtures).
 * The first entry of each list must match the current markup; each fallback must, on its own, find
 * the same element or one containing it (the anchor's fallback is the whole sidebar), so a fallback
 * that no longer finds anything is noticed before it is needed.
 */
import { describe, expect, test } from 'vitest';
import { queryFirst } from '../dom.ts';
import type { SelectorList } from '../types.ts';
import { fixtureNames, parseFixture, type FixtureName } from './fixtures.ts';
import * as selectors from './selectors.ts';

type SelectorName = keyof typeof selectors;

/** How many elements the current markup has for each selector, per page (0: not on that page). */
const expectedCounts: Record<SelectorName, Record<FixtureName, number>> = {
  candidateRoot: { 'profile-c-1001.html': 1, 'profile-c-1002.html': 1, 'profile-c-1007.html': 1, 'candidates.html': 0 },
  candidateName: { 'profile-c-1001.html': 1, 'profile-c-1002.html': 1, 'profile-c-1007.html': 1, 'candidates.html': 0 },
  candidatePhone: { 'profile-c-1001.html': 1, 'profile-c-1002.html': 1, 'profile-c-1007.html': 0, 'candidates.html': 0 },
  candidateEmail: { 'profile-c-1001.html': 1, 'profile-c-1002.html': 1, 'profile-c-1007.html': 1, 'candidates.html': 0 },
  candidateJob: { 'profile-c-1001.html': 1, 'profile-c-1002.html': 1, 'profile-c-1007.html': 1, 'candidates.html': 0 },
  panelAnchor: { 'profile-c-1001.html': 1, 'profile-c-1002.html': 1, 'profile-c-1007.html': 1, 'candidates.html': 0 },
};

/** Selectors looked up inside the candidate root rather than the whole document. */
const scopedToRoot = new Set<SelectorName>(['candidateName', 'candidatePhone', 'candidateEmail', 'candidateJob']);

function scopeFor(name: SelectorName, doc: Document): ParentNode | null {
  return scopedToRoot.has(name) ? queryFirst(doc, selectors.candidateRoot) : doc;
}

const cases = (Object.keys(expectedCounts) as SelectorName[]).flatMap((name) =>
  fixtureNames.map((fixture) => [name, fixture] as const),
);

describe('demo ATS selectors', () => {
  test.each(cases)('%s on %s', (name, fixture) => {
    const list: SelectorList = selectors[name];
    const doc = parseFixture(fixture);
    const [current, ...fallbacks] = list;
    const expected = expectedCounts[name][fixture];

    expect(doc.querySelectorAll(current).length, `current markup: ${current}`).toBe(expected);

    const scope = scopeFor(name, doc);
    if (expected === 0 || !scope) return;
    const found = scope.querySelector(current);
    for (const fallback of fallbacks) {
      const fallbackFound = scope.querySelector(fallback);
      expect(fallbackFound?.contains(found), `fallback ${fallback} finds ${fallbackFound?.outerHTML.slice(0, 80)}`).toBe(true);
    }
  });
});
