/**
 * The content script's side of messaging/candidate-context.ts, apart so the content script does
 * not bundle the schemas the panel validates with (its gzip budget).
 * @module
 */
import { browser, type Browser } from 'wxt/browser';
import type { CandidateContext } from '@shared/api/candidates.ts';
import type { SiteProfileField } from '@shared/domain/site-profiles.ts';

/** On a taught site: which profile read the page, and the fields none of its locators found. */
export type TaughtSite = { profileId: string; host: string; missing: SiteProfileField[] };

/** The content script's current candidate; null while the page shows none. */
export type ShownCandidate = { seq: number; context: CandidateContext | null; taught?: TaughtSite | undefined };
export type CandidateBroadcast = { type: 'parley:candidate' } & ShownCandidate;
export type CandidateQuery = { type: 'parley:candidate?' };

/** Runtime messages come only from this extension's own contexts; checked anyway, cheaply. */
export const fromParley = (sender: Browser.runtime.MessageSender) => sender.id === browser.runtime.id;

/** Content script: answers the background's question and announces each change. */
export function serveShownCandidate(current: () => ShownCandidate): { announce(): void; stop(): void } {
  const answer = (message: unknown, sender: Browser.runtime.MessageSender) => {
    if ((message as Partial<CandidateQuery> | null)?.type !== 'parley:candidate?' || !fromParley(sender)) return undefined;
    return Promise.resolve(current());
  };
  browser.runtime.onMessage.addListener(answer);
  return {
    announce() {
      // Rejects when no panel is open to listen yet; the panel asks once it has loaded.
      browser.runtime.sendMessage({ type: 'parley:candidate', ...current() } satisfies CandidateBroadcast).catch(() => undefined);
    },
    stop: () => browser.runtime.onMessage.removeListener(answer),
  };
}
