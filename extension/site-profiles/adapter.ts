/**
 * A site profile (an ATS an admin taught) as an ATS adapter: the same contract the built-in ones
 * implement, so the content script mounts the panel the same way. The candidate id comes from the
 * URL pattern; each field from its locators in their saved order. A field whose locators all fail
 * is reported missing (the panel says which), never guessed.
 * @module
 */
import type { SiteProfile } from '@shared/api/site-profiles.ts';
import { candidateIdFromPattern, type SiteProfileField, siteHostMatch, siteProfileFields } from '@shared/domain/site-profiles.ts';
import type { AtsAdapter } from '../ats/types.ts';
import { evaluateField, type FieldReading } from './locators.ts';

/** What the page check shows per field: the value read and which locator (index) found it. */
export type SiteReading = { candidateId: string | null; fields: Partial<Record<SiteProfileField, FieldReading>>; missing: SiteProfileField[] };

/** The taught fields read on this page; `missing` lists those whose every locator failed. */
export function readSite(profile: SiteProfile, doc: Document, url: URL): SiteReading {
  const fields: SiteReading['fields'] = {};
  const missing: SiteProfileField[] = [];
  for (const field of siteProfileFields) {
    const locators = profile.fields[field];
    if (!locators) continue;
    const reading = evaluateField(doc, field, locators);
    fields[field] = reading;
    if (reading.value === null) missing.push(field);
  }
  return { candidateId: candidateIdFromPattern(profile.urlPattern, url), fields, missing };
}

/** Marks the panel's own container on taught sites, which have no sidebar slot Parley knows. */
export const siteAnchorMarker = 'data-parley-site-anchor';

/** A fixed column at the right edge: taught pages have no place for the panel Parley could know of. */
function siteAnchor(doc: Document): Element | null {
  const existing = doc.querySelector(`[${siteAnchorMarker}]`);
  if (existing) return existing;
  if (!doc.body) return null;
  const anchor = doc.createElement('div');
  anchor.setAttribute(siteAnchorMarker, '');
  // No background or border of its own: empty (no candidate on the page), it shows nothing.
  anchor.style.cssText = 'position:fixed;right:16px;bottom:16px;width:360px;z-index:2147483000;';
  doc.body.append(anchor);
  return anchor;
}

export type SiteAdapter = AtsAdapter & { readonly profile: SiteProfile; missingFields(doc: Document, url: URL): SiteProfileField[] };

export function siteProfileAdapter(profile: SiteProfile): SiteAdapter {
  return {
    id: profile.ats,
    label: profile.host,
    hostMatches: [siteHostMatch(profile.host)],
    access: 'on-request',
    profile,
    matches: (url) => url.protocol === 'https:' && url.hostname === profile.host && candidateIdFromPattern(profile.urlPattern, url) !== null,
    // Any rendered page: what a taught page shows is decided by its field locators.
    candidateRoot: ['body'],
    readCandidate(doc, url) {
      const { candidateId, fields } = readSite(profile, doc, url);
      const name = fields.name?.value;
      // Without a name the page has not rendered the candidate yet (or the name moved: the panel says which).
      if (!candidateId || !name) return null;
      return {
        ats: profile.ats,
        atsCandidateId: candidateId,
        name,
        phone: fields.phone?.value ?? null,
        email: fields.email?.value ?? null,
        jobTitle: fields.jobTitle?.value ?? null,
        language: fields.language?.value ?? null,
      };
    },
    panelAnchor: siteAnchor,
    missingFields: (doc, url) => readSite(profile, doc, url).missing,
  };
}
