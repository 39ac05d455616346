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
import { siteProfileFields } from '@shared/domain/site-profiles.ts';
import { type CandidateQuery, fromParley, type ShownCandidate, type TaughtSite } from './shown-candidate.ts';

type PanelContextQuery = { type: 'parley:panel-context' };
export type PanelContextAnswer = { tabId: number; shown: ShownCandidate } | null;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const typeOf = (message: unknown) => (isObject(message) ? message.type : undefined);

function parseTaught(value: unknown): TaughtSite | undefined {
  if (!isObject(value) || typeof value.profileId !== 'string' || typeof value.host !== 'string' || !Array.isArray(value.missing)) return undefined;
  const missing = siteProfileFields.filter((field) => (value.missing as unknown[]).includes(field));
  return { profileId: value.profileId, host: value.host, missing };
}

/** Validated again on the receiving side: a message is data from another context. */
function parseShown(value: unknown): ShownCandidate | null {
  if (!isObject(value) || typeof value.seq !== 'number') return null;
  if (value.context === null) return { seq: value.seq, context: null };
  const context = CandidateContext.safeParse(value.context);
  return context.success ? { seq: value.seq, context: context.data, taught: parseTaught(value.taught) } : null;
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
 * Panel: the candidate of the page it is mounted in, as it changes. `context: null` when the
 * page shows none or Parley does not run on the page that framed it.
 * @returns unsubscribe
 */
/** What the panel shows: the page's candidate, and the tab it is in (the panel's "Re-teach" works on it). */
export type PanelCandidate = Omit<ShownCandidate, 'seq'> & { tabId?: number };

export function followShownCandidate(onChange: (shown: PanelCandidate) => void): () => void {
  let tabId: number | undefined;
  let seq = -1;
  let stopped = false;
  const take = (shown: ShownCandidate) => {
    if (stopped || shown.seq <= seq) return;
    seq = shown.seq;
    onChange({ context: shown.context, taught: shown.taught, ...(tabId === undefined ? {} : { tabId }) });
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
      if (!answer) return onChange({ context: null });
      tabId = answer.tabId;
      const shown = parseShown(answer.shown);
      if (shown) take(shown);
      else onChange({ context: null });
    })
    .catch(() => {
      if (!stopped) onChange({ context: null });
    });
  return () => {
    stopped = true;
    browser.runtime.onMessage.removeListener(onBroadcast);
  };
}
