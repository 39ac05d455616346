/**
 * The panel iframe on the ATS page: at most one, ever. The panel is an extension page
 * (`panel.html`), so the host page can neither read nor script what it shows. Its candidate goes
 * to it by runtime message (messaging/candidate-context.ts), never in its URL, which the page
 * could write.
 * @module
 */
import type { CandidateContext } from '@shared/api/candidates.ts';
import type { TaughtSite } from '../../messaging/shown-candidate.ts';

/** Marks our iframe, so a re-run (or a second content script) finds and replaces it. */
export const panelMarker = 'data-parley-panel';

export interface PanelFrame {
  /** Mounts the panel into `anchor` or, if it is already there, points it at `context` (`taught`: read through a site profile). */
  show(anchor: Element, context: CandidateContext, taught?: TaughtSite): void;
  remove(): void;
}

/**
 * @param panelPage the extension URL of panel.html.
 * @param publish tells the panel which candidate it shows (null: none); called only on a change.
 */
export function createPanelFrame(doc: Document, panelPage: string, publish: (context: CandidateContext | null, taught?: TaughtSite) => void): PanelFrame {
  let frame: HTMLIFrameElement | null = null;
  let shownKey = '';

  function removeAll(): void {
    for (const stray of doc.querySelectorAll(`[${panelMarker}]`)) stray.remove();
    frame = null;
    if (shownKey !== '') publish(null);
    shownKey = '';
  }

  return {
    show(anchor, context, taught) {
      const key = JSON.stringify([context, taught]);
      // First mount, or the ATS re-rendered the anchor and dropped our frame with the old one.
      if (!frame?.isConnected || frame.parentElement !== anchor) {
        removeAll();
        frame = createFrame(doc, panelPage);
        anchor.append(frame);
      }
      if (key !== shownKey) publish(context, taught);
      shownKey = key;
    },
    remove: removeAll,
  };
}

function createFrame(doc: Document, url: string): HTMLIFrameElement {
  const frame = doc.createElement('iframe');
  frame.setAttribute(panelMarker, '');
  frame.title = 'Parley: messages with this candidate';
  // Fills a flex-column sidebar (the demo's) and is 600px tall anywhere else.
  frame.style.cssText = 'display:block;width:100%;height:600px;flex:1 0 auto;border:0;';
  frame.src = url;
  return frame;
}
