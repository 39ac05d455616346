/**
 * Stands in for the background and the content script of the panel's tab
 * (messaging/candidate-context.ts), so panel tests put a candidate on the page as Parley does.
 * @module
 */
import { fakeBrowser } from 'wxt/testing';
import type { CandidateContext } from '@shared/api/candidates.ts';
import type { TaughtSite } from '../messaging/shown-candidate.ts';

export const panelTabId = 7;

/** Call after `fakeBrowser.reset()`. `show()` is the content script announcing the next candidate. */
export function fakeShownCandidate(first: CandidateContext | null, taught?: TaughtSite) {
  let shown = { seq: 0, context: first, taught };
  fakeBrowser.runtime.onMessage.addListener((message: unknown) =>
    (message as { type?: unknown }).type === 'parley:panel-context' ? Promise.resolve({ tabId: panelTabId, shown }) : undefined,
  );
  const sender = { id: fakeBrowser.runtime.id, tab: { id: panelTabId }, frameId: 0 };
  return {
    /** `context` is what the message carries: a test may send one the schema refuses. */
    async show(context: CandidateContext | null | Record<string, unknown>, from: object = sender) {
      shown = { seq: shown.seq + 1, context: context as CandidateContext | null, taught };
      await fakeBrowser.runtime.onMessage.trigger({ type: 'parley:candidate', ...shown }, from);
    },
  };
}
