/**
 * Sends that failed for lack of a connection go again, in order and once each, when the browser is
 * back online; a send the worker refused waits for the recruiter — through the real panel, API
 * client and outbox against the fake worker, with an in-memory local store.
 */
import { act } from 'react';
import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { IDatabasePendingMessage } from '../db/app-db.ts';
import type { PanelStore } from '../messaging/store.ts';
import { sessionItem } from '../storage/items.ts';
import { allByTestId, byTestId, click, typeInto, until } from '../testing/dom.ts';
import { createFakeWorker, fakeSession } from '../testing/fake-worker.ts';
import { renderAsync } from '../testing/render.tsx';
import { ApiProvider } from '../ui/api-context.tsx';
import { createSessionApi } from '../ui/session-api.ts';
import { CandidatePanel } from './candidate-panel.tsx';
import { PanelStoreProvider } from './store-context.tsx';
import { ADA_ID as ADA, adaContext as ada } from '../testing/candidates.ts';

const granted = { sms: 'granted', whatsapp: 'granted' } as const;

/** The background's database, kept in memory: only unsent messages matter here. */
function memoryPanelStore(): PanelStore {
  const pending = new Map<string, IDatabasePendingMessage>();
  return {
    cachedCandidate: async () => null,
    cacheCandidate: async () => undefined,
    cachedThread: async () => [],
    cacheMessages: async () => undefined,
    loadDraft: async () => null,
    saveDraft: async () => undefined,
    pendingMessages: async (candidateId, channel) => [...pending.values()].filter((row) => row.candidateId === candidateId && row.channel === channel),
    stagePending: async (row) => void pending.set(row.id, row),
    discardPending: async (pendingId) => void pending.delete(pendingId),
    settlePending: async (pendingId) => void pending.delete(pendingId),
    forget: async () => pending.clear(),
  };
}

let worker: ReturnType<typeof createFakeWorker>;

beforeEach(async () => {
  fakeBrowser.reset();
  await sessionItem.setValue(fakeSession);
  worker = createFakeWorker();
  worker.setConsent(ADA, granted);
  await renderAsync(
    <ApiProvider api={createSessionApi('http://worker.test', worker.fetch)}>
      <PanelStoreProvider store={memoryPanelStore()}>
        <CandidatePanel context={ada} />
      </PanelStoreProvider>
    </ApiProvider>,
  );
  await until(() => byTestId('thread')?.getAttribute('aria-busy') === 'false');
});

const composer = () => until(() => !byTestId('composer')?.hasAttribute('disabled') && byTestId<HTMLTextAreaElement>('composer'));
const unsent = () => allByTestId('pending-message').filter((bubble) => bubble.dataset.state === 'unsent');
const sentBodies = () => worker.requests.filter((r) => r.method === 'POST').map((r) => (r.body as { body: string }).body);
const goOnline = () => act(async () => void window.dispatchEvent(new Event('online')));

async function sendOffline(body: string) {
  await typeInto(await composer(), body);
  await click(byTestId('send'));
  await until(() => unsent().some((bubble) => bubble.textContent?.includes(body)));
}

test('back online, the sends that failed offline go again in order, once each; one the worker refused waits', async () => {
  // Failed offline, then sent again by hand and refused by the worker: only the recruiter decides its fate.
  worker.setOnline(false);
  await sendOffline('Refused by the worker');
  worker.setOnline(true);
  worker.setConsent(ADA, { sms: 'revoked', whatsapp: 'granted' });
  await click(byTestId('send-again'));
  await until(() => unsent()[0]?.textContent?.includes('withdrew consent'));
  worker.setConsent(ADA, granted);

  worker.setOnline(false);
  await sendOffline('First');
  await sendOffline('Second');
  expect(sentBodies()).toEqual(['Refused by the worker']);

  worker.setOnline(true);
  await goOnline();
  await until(() => allByTestId('message').length === 2);
  expect(allByTestId('message').map((bubble) => bubble.textContent)).toEqual([expect.stringContaining('First'), expect.stringContaining('Second')]);
  expect(sentBodies()).toEqual(['Refused by the worker', 'First', 'Second']);
  expect(unsent()).toHaveLength(1);
  expect(unsent()[0]!.textContent).toContain('Refused by the worker');

  // Another online event finds nothing left that failed for lack of a connection.
  await goOnline();
  expect(sentBodies()).toEqual(['Refused by the worker', 'First', 'Second']);
});

test('a send that fails again for lack of a connection waits for the next time the browser is back online', async () => {
  worker.setOnline(false);
  await sendOffline('Still there?');

  // The browser says online, but the worker is still out of reach.
  await goOnline();
  await until(() => unsent().length === 1);
  expect(sentBodies()).toEqual([]);

  worker.setOnline(true);
  await goOnline();
  await until(() => allByTestId('message').length === 1);
  expect(sentBodies()).toEqual(['Still there?']);
});
