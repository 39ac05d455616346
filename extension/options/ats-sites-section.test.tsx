import { beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { siteProfilesItem } from '../site-profiles/background.ts';
import { byTestId, click, until } from '../testing/dom.ts';
import { workableProfile } from '../testing/site-profiles.ts';
import { renderAsync } from '../testing/render.tsx';
import { AtsSitesSection } from './ats-sites-section.tsx';

const granted = new Set<string>(['https://acme.workable-like.example/*']);
let registered: string[] = [];

beforeEach(async () => {
  fakeBrowser.reset();
  registered = ['https://acme.workable-like.example/*'];
  Object.assign(fakeBrowser.permissions, {
    contains: vi.fn(async ({ origins }: { origins: string[] }) => origins.every((origin) => granted.has(origin))),
    remove: vi.fn(async ({ origins }: { origins: string[] }) => {
      for (const origin of origins) granted.delete(origin);
      return true;
    }),
  });
  Object.assign(fakeBrowser.scripting, {
    getRegisteredContentScripts: vi.fn(async () => (registered.length ? [{ id: 'parley-ats' }] : [])),
    unregisterContentScripts: vi.fn(async () => {
      registered = [];
    }),
    registerContentScripts: vi.fn(async (scripts: { matches: string[] }[]) => {
      registered = scripts.flatMap((script) => script.matches);
    }),
  });
  await siteProfilesItem.setValue([workableProfile]);
});

test('a taught site is listed with the built-in ATSs; "Remove access" revokes its host and unregisters the content script there', async () => {
  await renderAsync(<AtsSitesSection />);
  const row = await until(() => byTestId('ats-site-site-acme-workable-like-example'));
  expect(row.textContent).toContain('acme.workable-like.example (taught)');
  expect(byTestId('ats-site-greenhouse')).not.toBeNull();

  await click(await until(() => [...row.querySelectorAll('button')].find((button) => button.textContent === 'Remove access')));
  await until(() => registered.length === 0);
  expect(fakeBrowser.permissions.remove).toHaveBeenCalledWith({ origins: ['https://acme.workable-like.example/*'] });
  await until(() => row.querySelector('button')?.textContent === 'Allow');
});
