/**
 * The panel iframe on the ATS page: at most one, ever. The panel is an extension page
 * (`panel.html`), so the host page can neither read nor script what it shows.
 * @module
 */
import type { CandidateContext } from '@shared/api/candidates.ts';
import { encodeCandidateHash } from '../../lib/candidate-hash.ts';

/** Marks our iframe, so a re-run (or a second content script) finds and replaces it. */
export const panelMarker = 'data-parley-panel';

export interface PanelFrame {
  /** Mounts the panel into `anchor` or, if it is already there, points it at `context`. */
  show(anchor: Element, context: CandidateContext): void;
  remove(): void;
}

/** @param panelPage the extension URL of panel.html, without a hash. */
export function createPanelFrame(doc: Document, panelPage: string): PanelFrame {
  let frame: HTMLIFrameElement | null = null;
  let shownUrl = '';

  function removeAll(): void {
    for (const stray of doc.querySelectorAll(`[${panelMarker}]`)) stray.remove();
    frame = null;
    shownUrl = '';
  }

  return {
    show(anchor, context) {
      const url = `${panelPage}#${encodeCandidateHash(context)}`;
      if (frame?.isConnected && frame.parentElement === anchor) {
        if (url !== shownUrl) switchCandidate(frame, url);
        shownUrl = url;
        return;
      }
      // First mount, or the ATS re-rendered the anchor and dropped our frame with the old one.
      removeAll();
      frame = createFrame(doc, url);
      anchor.append(frame);
      shownUrl = url;
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

/**
 * A hash-only navigation: the panel keeps running and gets `hashchange`. `location.replace`
 * rather than a new `src`, which would add an entry to the ATS tab's back/forward history.
 */
function switchCandidate(frame: HTMLIFrameElement, url: string): void {
  frame.contentWindow?.location.replace(url);
}
