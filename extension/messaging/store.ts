/**
 * The panel's way to its database, which lives in the background (see db/app-db.ts for why): one
 * runtime message per operation of `panelStoreOperations`, answered with its result. The
 * background (db/serve-store.ts) picks the database of the stored session's user itself, and serves
 * extension pages only, never a content script. This side stays free of Dexie, keeping the panel
 * bundle small.
 * @module
 */
import { browser } from 'wxt/browser';
import type { PanelDatabase } from '../db/app-db.ts';
import { panelStoreOperations } from '../db/panel-store.ts';

type Operations = typeof panelStoreOperations;
type Operation = keyof Operations;
type ArgsOf<K extends Operation> = Operations[K] extends (db: PanelDatabase, ...args: infer A) => unknown ? A : never;
type ResultOf<K extends Operation> = Awaited<ReturnType<Operations[K]>>;

/** The panel's database operations, without the database: the background supplies it. */
export type PanelStore = { [K in Operation]: (...args: ArgsOf<K>) => Promise<ResultOf<K>> } & {
  /** Deletes the signed-in user's database: their cache, drafts and unsent messages. */
  forget(): Promise<void>;
};

export type StoreRequest = { type: 'parley:store'; operation: Operation | 'forget'; args: unknown[] };
export type StoreAnswer = { ok: true; value: unknown } | { ok: false; error: string };

export function isStoreRequest(message: unknown): message is StoreRequest {
  const request = message as Partial<StoreRequest> | null;
  return (
    typeof request === 'object' &&
    request !== null &&
    request.type === 'parley:store' &&
    (request.operation === 'forget' || Object.hasOwn(panelStoreOperations, request.operation ?? '')) &&
    Array.isArray(request.args)
  );
}

/** For the panel: rejects when the background cannot answer (then the panel uses the worker alone). */
export function remotePanelStore(): PanelStore {
  const call = async (operation: Operation | 'forget', args: unknown[]): Promise<unknown> => {
    const answer = (await browser.runtime.sendMessage({ type: 'parley:store', operation, args } satisfies StoreRequest)) as StoreAnswer | undefined;
    if (!answer || typeof answer !== 'object' || !('ok' in answer)) throw new Error('The local store did not answer.');
    if (!answer.ok) throw new Error(answer.error);
    return answer.value;
  };
  const store = Object.fromEntries(
    [...Object.keys(panelStoreOperations), 'forget'].map((operation) => [operation, (...args: unknown[]) => call(operation as Operation, args)]),
  );
  return store as PanelStore;
}
