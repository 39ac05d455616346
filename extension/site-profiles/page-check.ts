/**
 * "Check this page": which adapter or site profile matches the page, what it reads per field and
 * which locator found it; and the report an admin can send to support, which carries the page's
 * structure only (never a value Parley read, so no candidate data leaves the browser).
 * @module
 */
import type { SiteProfile } from '@shared/api/site-profiles.ts';
import { type Locator, type SiteProfileField, siteProfileFields } from '@shared/domain/site-profiles.ts';
import { queryFirst } from '../ats/dom.ts';
import type { AtsAdapter } from '../ats/types.ts';
import { readSite, siteProfileAdapter } from './adapter.ts';
import { confirmLocators, evaluateField, type LocatorScope } from './locators.ts';

export type FieldCheck = {
  field: SiteProfileField;
  value: string | null;
  /** Which locator found it (its position and kind); null when none did, or a built-in adapter read it in code (the tab title, say). */
  foundBy: { index: number; kind: Locator['kind'] } | null;
  /** Each saved locator on its own: whether it still finds the field here. */
  locators: { kind: Locator['kind']; works: boolean }[];
};

export type PageCheck = {
  host: string;
  path: string;
  matched: { kind: 'site'; id: string; host: string; urlPattern: string } | { kind: 'built-in'; id: string; label: string } | null;
  candidateId: string | null;
  fields: FieldCheck[];
};

/** Which of a field's locators finds it in `scope`, and whether each still does on its own. */
function locatorChecks(scope: LocatorScope, field: SiteProfileField, locators: readonly Locator[]): Pick<FieldCheck, 'foundBy' | 'locators'> {
  const index = evaluateField(scope, field, locators).locatorIndex;
  return {
    foundBy: index === null ? null : { index, kind: locators[index]?.kind ?? 'css' },
    locators: locators.map((locator) => ({ kind: locator.kind, works: evaluateField(scope, field, [locator]).value !== null })),
  };
}

/** The values as the adapter reads them; the locators' checks inside its candidate root, where it has locators. */
function builtInFields(adapter: AtsAdapter, doc: Document, url: URL): FieldCheck[] {
  const context = adapter.readCandidate(doc, url);
  const root = queryFirst(doc, adapter.candidateRoot);
  return siteProfileFields.map((field) => {
    const value = context?.[field] ?? null;
    const locators = adapter.fields?.[field];
    if (!context || !root || !locators) return { field, value, foundBy: null, locators: [] };
    return { field, value, ...locatorChecks(root, field, locators) };
  });
}

function siteFields(profile: SiteProfile, doc: Document, url: URL): FieldCheck[] {
  const reading = readSite(profile, doc, url);
  return siteProfileFields.flatMap((field) => {
    const locators = profile.fields[field];
    if (!locators || !reading.fields[field]) return [];
    return [{ field, value: reading.fields[field].value, ...locatorChecks(doc, field, locators) }];
  });
}

/** The tenant's profile for the host first (it wins), then the built-in adapters, as the content script decides. */
export function checkPage(doc: Document, url: URL, profiles: readonly SiteProfile[], builtIns: readonly AtsAdapter[]): PageCheck {
  const base = { host: url.hostname, path: url.pathname };
  const profile = profiles.find((candidate) => siteProfileAdapter(candidate).matches(url));
  if (profile) {
    const matched = { kind: 'site' as const, id: profile.id, host: profile.host, urlPattern: profile.urlPattern };
    return { ...base, matched, candidateId: readSite(profile, doc, url).candidateId, fields: siteFields(profile, doc, url) };
  }
  const adapter = builtIns.find((candidate) => candidate.matches(url));
  if (!adapter) return { ...base, matched: null, candidateId: null, fields: [] };
  const context = adapter.readCandidate(doc, url);
  return {
    ...base,
    matched: { kind: 'built-in', id: adapter.id, label: adapter.label },
    candidateId: context?.atsCandidateId ?? null,
    fields: builtInFields(adapter, doc, url),
  };
}

/**
 * What the admin copies for support: the host, the matched adapter or profile, and per field
 * whether it was found and by which locator. No value, no candidate id, no path (ids live there).
 */
export function structureReport(check: PageCheck, at: string): string {
  const matched =
    check.matched === null
      ? 'no adapter or site profile matches this page'
      : check.matched.kind === 'site'
        ? `site profile for ${check.matched.host}, URL pattern ${check.matched.urlPattern}`
        : `built-in adapter "${check.matched.id}" (${check.matched.label})`;
  const lines = [
    `Parley page check, ${at}`,
    `host: ${check.host}`,
    `matched: ${matched}`,
    `candidate id from URL: ${check.candidateId ? 'found' : 'not found'}`,
  ];
  for (const field of check.fields) {
    const found = field.value === null ? 'MISSING' : field.foundBy ? `found by locator ${field.foundBy.index + 1} (${field.foundBy.kind})` : 'found';
    const locators = field.locators.map((locator, index) => `${index + 1}:${locator.kind}=${locator.works ? 'ok' : 'broken'}`).join(' ');
    lines.push(`${field.field}: ${found}${locators ? `; locators ${locators}` : ''}`);
  }
  return lines.join('\n');
}

export type DraftFields = Partial<Record<SiteProfileField, Locator[]>>;
export type Confirmation = { url: string; fields: DraftFields; values: Partial<Record<SiteProfileField, string | null>> };

/** On the second candidate's page: per field, the taught locators that still read it (at most two) and the value. */
export function confirmDraft(doc: Document, url: URL, draft: DraftFields): Confirmation {
  const fields: DraftFields = {};
  const values: Confirmation['values'] = {};
  for (const field of siteProfileFields) {
    const locators = draft[field];
    if (!locators) continue;
    fields[field] = confirmLocators(doc, field, locators);
    values[field] = evaluateField(doc, field, fields[field]).value;
  }
  return { url: url.href, fields, values };
}
