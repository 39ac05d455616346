/**
 * The background side of messaging/store.ts: the only place the panel database is opened.
 * @module
 */
import { browser, type Browser } from 'wxt/browser';
import { isStoreRequest, type StoreAnswer, type StoreRequest } from '../messaging/store.ts';
import { sessionItem } from '../storage/items.ts';
import type { PanelDatabase } from './app-db.ts';
import { deletePanelDatabase, panelDatabaseFor } from './db.ts';
import { panelStoreOperations } from './panel-store.ts';

/** For the background: answers the panel's store requests. */
export function servePanelStore(): void {
  const extensionPages = browser.runtime.getURL('/');
  // One request at a time, in the order sent: a draft's keystrokes must land in order.
  let previous: Promise<unknown> = Promise.resolve();
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    if (!isStoreRequest(message)) return undefined;
    if (!sender.url?.startsWith(extensionPages)) return Promise.resolve<StoreAnswer>({ ok: false, error: 'Only Parley’s own pages use its store.' });
    const answered = previous.then(() => answer(message));
    previous = answered.catch(() => undefined);
    return answered.then(
      (value): StoreAnswer => ({ ok: true, value }),
      (error: unknown): StoreAnswer => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

async function answer({ operation, args }: StoreRequest): Promise<unknown> {
  const userId = (await sessionItem.getValue())?.user.id;
  if (!userId) throw new Error('Nobody is signed in.');
  if (operation === 'forget') return deletePanelDatabase(userId);
  const run = panelStoreOperations[operation] as (db: PanelDatabase, ...args: unknown[]) => Promise<unknown>;
  return run(panelDatabaseFor(userId), ...args);
}
