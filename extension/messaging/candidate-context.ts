/**
 * How the panel iframe learns which candidate its ATS page shows. Never from its own URL: any page
 * allowed to frame panel.html could write that. Only Parley's content script can send runtime
 * messages, and the panel takes them only from the top frame of the tab it is mounted in:
 *
 * 1. The panel asks the background (`parley:panel-context`); the background, which sees the
 *    panel's tab in `sender.tab`, asks that tab's top-frame content script for its candidate and
 *    answers with it and the tab's id.
 * 2. When the recruiter moves to another candidate, the content script broadcasts it
 *    (`parley:candidate`); the panel keeps it only when `sender.tab` is its own tab and the sender
 *    is the top frame. A sequence number keeps a late answer from replacing a newer broadcast.
 * @module
 */
import { browser, type Browser } from 'wxt/browser';
import { CandidateContext } from '@shared/api/candidates.ts';
import { type CandidateQuery, fromParley, type ShownCandidate } from './shown-candidate.ts';

type PanelContextQuery = { type: 'parley:panel-context' };
export type PanelContextAnswer = { tabId: number; shown: ShownCandidate } | null;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const typeOf = (message: unknown) => (isObject(message) ? message.type : undefined);

/** Validated again on the receiving side: a message is data from another context. */
function parseShown(value: unknown): ShownCandidate | null {
  if (!isObject(value) || typeof value.seq !== 'number') return null;
  if (value.context === null) return { seq: value.seq, context: null };
  const context = CandidateContext.safeParse(value.context);
  return context.success ? { seq: value.seq, context: context.data } : null;
}

/** Background: relays a panel's question to the content script of the tab that panel is in. */
export function relayPanelContext(panelPage: string): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    if (typeOf(message) !== 'parley:panel-context') return undefined;
    const tabId = sender.tab?.id;
    // Only the panel, framed into a tab, asks; anything else gets nothing.
    if (tabId === undefined || !fromParley(sender) || !sender.url?.startsWith(panelPage)) return Promise.resolve<PanelContextAnswer>(null);
    return (
      browser.tabs
        .sendMessage(tabId, { type: 'parley:candidate?' } satisfies CandidateQuery, { frameId: 0 })
        .then((answer: unknown): PanelContextAnswer => {
          const shown = parseShown(answer);
          return shown && { tabId, shown };
        })
        // No content script in that tab's top frame: the panel was framed by a page Parley does not run on.
        .catch((): PanelContextAnswer => null)
    );
  });
}

/**
 * Panel: the candidate of the page it is mounted in, as it changes. `onChange(null)` when the
 * page shows none or Parley does not run on the page that framed it.
 * @returns unsubscribe
 */
export function followShownCandidate(onChange: (context: CandidateContext | null) => void): () => void {
  let tabId: number | undefined;
  let seq = -1;
  let stopped = false;
  const take = (shown: ShownCandidate) => {
    if (stopped || shown.seq <= seq) return;
    seq = shown.seq;
    onChange(shown.context);
  };
  const onBroadcast = (message: unknown, sender: Browser.runtime.MessageSender) => {
    if (typeOf(message) !== 'parley:candidate' || tabId === undefined) return undefined;
    // Another tab's candidate, or a content script in a sub-frame, is not this panel's.
    if (!fromParley(sender) || sender.tab?.id !== tabId || sender.frameId !== 0) return undefined;
    const shown = parseShown(message);
    if (shown) take(shown);
    return undefined;
  };
  browser.runtime.onMessage.addListener(onBroadcast);
  browser.runtime
    .sendMessage({ type: 'parley:panel-context' } satisfies PanelContextQuery)
    .then((answer: PanelContextAnswer) => {
      if (stopped) return;
      if (!answer) return onChange(null);
      tabId = answer.tabId;
      const shown = parseShown(answer.shown);
      if (shown) take(shown);
      else onChange(null);
    })
    .catch(() => {
      if (!stopped) onChange(null);
    });
  return () => {
    stopped = true;
    browser.runtime.onMessage.removeListener(onBroadcast);
  };
}
