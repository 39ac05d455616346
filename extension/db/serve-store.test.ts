import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { StoreRequest } from '../messaging/store.ts';
import { sessionItem } from '../storage/items.ts';
import { fakeSession } from '../testing/fake-worker.ts';
import { servePanelStore } from './serve-store.ts';

beforeEach(() => {
  fakeBrowser.reset();
  servePanelStore();
});

const ask = async (request: unknown, senderUrl: string) => (await fakeBrowser.runtime.onMessage.trigger(request, { url: senderUrl })).find(Boolean);
const loadDraft: StoreRequest = { type: 'parley:store', operation: 'loadDraft', args: ['cand_1', 'sms'] };
const panelPage = () => fakeBrowser.runtime.getURL('/panel.html');

test('a content script (an ATS page’s origin) is refused; other messages are not answered', async () => {
  await sessionItem.setValue(fakeSession);
  expect(await ask(loadDraft, 'https://ats.example/candidates/1')).toEqual({ ok: false, error: 'Only Parley’s own pages use its store.' });
  expect(await ask({ ...loadDraft, operation: 'constructor' }, panelPage())).toBeUndefined();
  expect(await ask({ type: 'parley:events', events: [] }, panelPage())).toBeUndefined();
});

test('an extension page is served for the signed-in user only', async () => {
  expect(await ask(loadDraft, panelPage())).toEqual({ ok: false, error: 'Nobody is signed in.' });
  await sessionItem.setValue(fakeSession);
  // Past both gates, the request reaches the database (which happy-dom lacks: the error says so).
  expect(await ask(loadDraft, panelPage())).toMatchObject({ ok: false, error: expect.stringMatching(/indexedDB/i) });
});
