/**
 * Teaching a site, start to finish, for the toolbar menu and the panel's "Re-teach": pick the
 * fields on one candidate's page, confirm them on a second candidate's page (which also shows
 * where the candidate id is in the URL), save the profile for the tenant.
 * @module
 */
import { browser } from 'wxt/browser';
import type { SiteProfile, SiteProfileInput } from '@shared/api/site-profiles.ts';
import { deriveUrlPattern, requiredSiteProfileFields, type SiteProfileField, siteProfileFields } from '@shared/domain/site-profiles.ts';
import type { Api } from '../api/client.ts';
import { fieldLabels } from '../panel/missing-fields.tsx';
import type { SiteProfilesRefresh } from './background.ts';
import { runSiteTools } from './injected.ts';
import type { Confirmation, DraftFields } from './page-check.ts';
import type { PickRequest, Pick as PickedField } from './picker.ts';

export const pickRequests = (fields: readonly SiteProfileField[] = siteProfileFields): PickRequest[] =>
  fields.map((field) => ({ field, label: fieldLabels[field], required: requiredSiteProfileFields.includes(field) }));

export const draftOf = (picks: readonly PickedField[]): DraftFields => Object.fromEntries(picks.map((pick) => [pick.field, pick.locators]));

const urlParts = (href: string) => {
  const url = new URL(href);
  return { pathname: url.pathname, search: url.search, hash: url.hash };
};

/**
 * The profile to save, or what stops it: the two pages must be two candidates of one site, and
 * every picked field needs two locators that worked on both.
 */
export function profileFromConfirmation(firstUrl: string, confirmation: Confirmation): { input: SiteProfileInput } | { problem: string } {
  const [first, second] = [new URL(firstUrl), new URL(confirmation.url)];
  if (first.hostname !== second.hostname) return { problem: `Open a second candidate on ${first.hostname}, not ${second.hostname}.` };
  const urlPattern = deriveUrlPattern(urlParts(firstUrl), urlParts(confirmation.url));
  if (!urlPattern) return { problem: "Parley cannot tell where the candidate's id is in these two addresses: open another candidate's profile page." };
  const fields: Partial<Record<SiteProfileField, SiteProfileInput['fields']['name']>> = {};
  for (const field of siteProfileFields) {
    const locators = confirmation.fields[field];
    if (!locators) continue;
    if (locators.length < 2) return { problem: `The ${fieldLabels[field]} could be found in fewer than two ways on this page: re-teach it here.` };
    fields[field] = locators;
  }
  if (!fields.name || !fields.phone) return { problem: 'Teach at least the name and the phone number.' };
  return { input: { host: first.hostname, urlPattern, fields: { ...fields, name: fields.name, phone: fields.phone } } };
}

/** Saves the profile (a new one, or over the host's existing one) and has every open ATS tab use it. */
export async function saveProfile(api: Pick<Api, 'createSiteProfile' | 'updateSiteProfile'>, input: SiteProfileInput, existing: SiteProfile | undefined) {
  const saved = existing ? await api.updateSiteProfile(existing.id, input) : await api.createSiteProfile(input);
  await browser.runtime.sendMessage({ type: 'parley:site-profiles-refresh' } satisfies SiteProfilesRefresh).catch(() => undefined);
  return saved;
}

/** "Re-teach this field": one pick on the current page, its two best locators replace the field's. */
export async function reteachField(
  api: Pick<Api, 'siteProfiles' | 'createSiteProfile' | 'updateSiteProfile'>,
  tabId: number,
  profileId: string,
  field: SiteProfileField,
): Promise<string | null> {
  const profile = (await api.siteProfiles()).profiles.find((candidate) => candidate.id === profileId);
  if (!profile) return 'This site profile was deleted meanwhile.';
  const picked = await runSiteTools(tabId, { mode: 'pick', requests: pickRequests([field]).map((request) => ({ ...request, required: true })) });
  if (!picked.ok) return picked.reason;
  const locators = picked.picks[0]?.locators.slice(0, 2) ?? [];
  if (locators.length < 2) return `Parley found only one way to find the ${fieldLabels[field]} on this page; it needs two.`;
  const { host, urlPattern } = profile;
  await saveProfile(api, { host, urlPattern, fields: { ...profile.fields, [field]: locators } }, profile);
  return null;
}
