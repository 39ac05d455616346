/**
 * The selectors test every adapter runs against its saved pages (refined-github's
 * `selectors.test.ts`, on fixtures). The first entry of each list must match the current markup
 * exactly as often as expected; each fallback must, on its own, find the same element or one
 * containing it, so a fallback that no longer finds anything is noticed before it is needed.
 * The field locators are held to the same: each on its own reads what the page shows.
 * Test-only.
 * @module
 */
import { describe, expect, test } from 'vitest';
import { locatorProblem, type SiteProfileField } from '@shared/domain/site-profiles.ts';
import { queryFirst } from '../ats/dom.ts';
import type { AdapterFields, SelectorList } from '../ats/types.ts';
import { evaluateField } from '../site-profiles/locators.ts';
import { parseFixture } from './ats-fixtures.ts';

export type SelectorExpectations<Name extends string, Page extends string> = {
  adapterId: string;
  selectors: Record<Name, SelectorList>;
  /** How many elements the current markup has for each selector, per page (0: not on that page). */
  counts: Record<Name, Record<Page, number>>;
  /** Looked up inside the first element `root` finds, rather than the whole document. */
  scopedToRoot: ReadonlySet<Name>;
  root: SelectorList;
};

export function describeSelectors<Name extends string, Page extends string>(expectations: SelectorExpectations<Name, Page>) {
  const { adapterId, selectors, counts, scopedToRoot, root } = expectations;
  const cases = (Object.keys(counts) as Name[]).flatMap((name) => (Object.keys(counts[name]) as Page[]).map((page) => [name, page] as const));

  describe(`${adapterId} selectors`, () => {
    test.each(cases)('%s on %s', (name, page) => {
      const doc = parseFixture(adapterId, page);
      const [current, ...fallbacks] = selectors[name];
      const expected = counts[name][page];

      expect(doc.querySelectorAll(current).length, `current markup: ${current}`).toBe(expected);

      const scope = scopedToRoot.has(name) ? queryFirst(doc, root) : doc;
      if (expected === 0 || !scope) return;
      const found = scope.querySelector(current);
      for (const fallback of fallbacks) {
        const fallbackFound = scope.querySelector(fallback);
        expect(fallbackFound?.contains(found), `fallback ${fallback} finds ${fallbackFound?.outerHTML.slice(0, 80)}`).toBe(true);
      }
    });
  });
}

export type FieldExpectations<Page extends string> = {
  adapterId: string;
  fields: AdapterFields;
  /** The candidate root the locators are scoped to; on a page without one they read nothing. */
  root: SelectorList;
  /** What each located field reads, per page; a field left out reads nothing there. */
  values: Record<Page, Partial<Record<SiteProfileField, string>>>;
};

export function describeFieldLocators<Page extends string>({ adapterId, fields, root, values }: FieldExpectations<Page>) {
  const located = Object.keys(fields) as SiteProfileField[];
  const cases = (Object.keys(values) as Page[]).flatMap((page) => located.map((field) => [field, page] as const));

  describe(`${adapterId} field locators`, () => {
    test.each(cases)('%s on %s', (field, page) => {
      const scope = queryFirst(parseFixture(adapterId, page), root);
      for (const [index, locator] of (fields[field] ?? []).entries()) {
        const named = `locator ${index + 1}: ${JSON.stringify(locator)}`;
        // The engine skips a locator a taught site could not save; a built-in's must pass the same check.
        expect(locatorProblem(locator), named).toBeNull();
        expect(scope && evaluateField(scope, field, [locator]).value, named).toBe(values[page][field] ?? null);
      }
    });
  });
}
