import { beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { workableProfile as profile } from '../testing/site-profiles.ts';
import { type SiteProfilesRefresh, serveSiteProfiles, siteProfilesItem } from './background.ts';

/** Tab 1 loaded after the content script was registered (it answers); tab 2 before (nobody listens there). */
const listening = new Set([1]);
const sendMessage = vi.fn(async (tabId: number, _message: unknown) => {
  if (!listening.has(tabId)) throw new Error('Could not establish connection. Receiving end does not exist.');
});
const executeScript = vi.fn(async (_injection: unknown) => [{ result: undefined }]);
const query = vi.fn(async (_filter: { url: string[] }) => [{ id: 1 }, { id: 2 }]);

beforeEach(() => {
  fakeBrowser.reset();
  vi.clearAllMocks();
  fakeBrowser.tabs.query = query as unknown as typeof fakeBrowser.tabs.query;
  fakeBrowser.tabs.sendMessage = sendMessage as unknown as typeof fakeBrowser.tabs.sendMessage;
  fakeBrowser.permissions.contains = vi.fn(async () => true);
  Object.assign(fakeBrowser.scripting, {
    executeScript,
    getRegisteredContentScripts: vi.fn(async () => []),
    registerContentScripts: vi.fn(async () => undefined),
    unregisterContentScripts: vi.fn(async () => undefined),
  });
});

test('a refresh tells open tabs of taught hosts, and starts the content script in those that loaded before it was registered', async () => {
  await serveSiteProfiles({ siteProfiles: async () => ({ profiles: [profile] }) }).refresh();

  expect(await siteProfilesItem.getValue()).toEqual([profile]);
  expect(query).toHaveBeenCalledWith({ url: ['https://acme.workable-like.example/*'] });
  expect(sendMessage.mock.calls.map(([tabId]) => tabId)).toEqual([1, 2]);
  expect(executeScript.mock.calls).toEqual([[{ target: { tabId: 2 }, files: ['/content-scripts/ats.js'] }]]);
});

test('no taught site: no tab is looked up, so nothing is started anywhere', async () => {
  await serveSiteProfiles({ siteProfiles: async () => ({ profiles: [] }) }).refresh();

  expect(query).not.toHaveBeenCalled();
  expect(executeScript).not.toHaveBeenCalled();
});

test("a refresh is asked for by Parley's own pages, the panel framed in an ATS tab included; never by a content script", async () => {
  const siteProfiles = vi.fn(async () => ({ profiles: [profile] }));
  serveSiteProfiles({ siteProfiles });
  const refresh: SiteProfilesRefresh = { type: 'parley:site-profiles-refresh' };
  const id = fakeBrowser.runtime.id;
  const tab = { id: 1, index: 0, highlighted: true, active: true, pinned: false, incognito: false };

  await fakeBrowser.runtime.onMessage.trigger(refresh, { id, tab, url: 'https://acme.workable-like.example/backend/candidates/ada-lovelace-1' });
  expect(siteProfiles, 'the content script').not.toHaveBeenCalled();

  await fakeBrowser.runtime.onMessage.trigger(refresh, { id, tab, url: `chrome-extension://${id}/panel.html` });
  expect(siteProfiles, "the panel's Re-teach").toHaveBeenCalledTimes(1);
  await fakeBrowser.runtime.onMessage.trigger(refresh, { id, url: `chrome-extension://${id}/sidepanel.html` });
  expect(siteProfiles, 'the side panel').toHaveBeenCalledTimes(2);
});
