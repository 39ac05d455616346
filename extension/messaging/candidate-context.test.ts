import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { adaContext as ada } from '../testing/candidates.ts';
import { relayPanelContext } from './candidate-context.ts';
const panelPage = () => fakeBrowser.runtime.getURL('/panel.html');
const ask = (sender: object) =>
  fakeBrowser.runtime.onMessage.trigger({ type: 'parley:panel-context' }, sender).then((answers) => answers.find(Boolean) ?? null);
const tabsSendMessage = vi.fn();

beforeEach(() => {
  fakeBrowser.reset();
  tabsSendMessage.mockReset().mockResolvedValue({ seq: 3, context: ada });
  fakeBrowser.tabs.sendMessage = tabsSendMessage;
  relayPanelContext(panelPage());
});

describe("the background relays a panel's question to its own tab's content script", () => {
  test("answers the panel with its tab's top-frame candidate", async () => {
    const answer = await ask({ id: fakeBrowser.runtime.id, url: panelPage(), tab: { id: 12 }, frameId: 4 });
    expect(answer).toEqual({ tabId: 12, shown: { seq: 3, context: ada } });
    expect(tabsSendMessage).toHaveBeenCalledWith(12, { type: 'parley:candidate?' }, { frameId: 0 });
  });

  test.each([
    ['a page of another extension', { id: 'other', url: panelPage(), tab: { id: 12 }, frameId: 4 }],
    ['an extension page outside a tab', { id: 'test-extension-id', url: panelPage() }],
    ['another Parley page', { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/options.html', tab: { id: 12 } }],
  ])('%s gets nothing', async (_, sender) => {
    expect(await ask(sender)).toBeNull();
    expect(tabsSendMessage).not.toHaveBeenCalled();
  });

  test('a panel framed where no Parley content script runs gets nothing', async () => {
    tabsSendMessage.mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    expect(await ask({ id: fakeBrowser.runtime.id, url: panelPage(), tab: { id: 12 }, frameId: 4 })).toBeNull();
  });

  test('an answer that is not a candidate is dropped', async () => {
    tabsSendMessage.mockResolvedValue({ seq: 1, context: { name: 'x' } });
    expect(await ask({ id: fakeBrowser.runtime.id, url: panelPage(), tab: { id: 12 }, frameId: 4 })).toBeNull();
  });
});
