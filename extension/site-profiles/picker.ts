/**
 * The point-and-click picker an admin teaches a site with, injected into the ATS tab only when
 * asked (entrypoints/picker.ts): a highlight follows the mouse, a click picks the element under
 * it for the current field and shows the value Parley read from it, Escape cancels. Everything
 * Parley adds lives in one closed shadow root, so the page's styles cannot reach it and its
 * scripts cannot read it.
 * @module
 */
import type { Locator, SiteProfileField } from '@shared/domain/site-profiles.ts';
import { deriveLocators, readField, unpickableReason } from './locators.ts';

export type PickRequest = { field: SiteProfileField; label: string; required: boolean };
export type Pick = { field: SiteProfileField; value: string; locators: Locator[] };
export type PickResult = { ok: true; url: string; picks: Pick[] } | { ok: false; reason: string };

/** Up to four, one per kind: the second candidate's page keeps the two that still work there. */
const candidatesPerField = 4;

const hostMarker = 'data-parley-picker';

/** `root` is the picker's own shadow root (closed to the page), for its tests. */
export function startPicker(doc: Document, requests: readonly PickRequest[]): { result: Promise<PickResult>; root: ShadowRoot } {
  doc.querySelector(`[${hostMarker}]`)?.remove();
  const host = doc.createElement('div');
  host.setAttribute(hostMarker, '');
  host.style.cssText = 'all:initial;position:fixed;inset:0;pointer-events:none;z-index:2147483647;';
  const root = host.attachShadow({ mode: 'closed' });
  root.innerHTML = `
    <style>
      .box { position: fixed; outline: 2px solid #1f6feb; background: rgba(31,111,235,.12); pointer-events: none; display: none; }
      .bar { position: fixed; top: 12px; left: 50%; transform: translateX(-50%); max-width: 560px; pointer-events: auto;
             font: 14px/1.4 system-ui, sans-serif; color: #111; background: #fff; border: 1px solid #d0d7de; border-radius: 8px;
             box-shadow: 0 4px 16px rgba(0,0,0,.2); padding: 10px 14px; }
      .read { color: #116329; margin-top: 4px; } .problem { color: #a40e26; margin-top: 4px; }
      button { font: inherit; margin: 6px 6px 0 0; }
    </style>
    <div class="box" part="box"></div>
    <div class="bar" role="dialog" aria-label="Teach Parley this page">
      <div data-role="prompt"></div><div data-role="read" class="read" aria-live="polite"></div>
      <div data-role="problem" class="problem" role="alert"></div>
      <button type="button" data-role="skip">Skip this field</button><button type="button" data-role="cancel">Cancel (Esc)</button>
    </div>`;
  const part = (role: string) => root.querySelector<HTMLElement>(`[data-role="${role}"]`)!;
  const box = root.querySelector<HTMLElement>('.box')!;
  doc.body.append(host);

  const picks: Pick[] = [];
  let step = 0;

  const result = new Promise<PickResult>((resolve) => {
    const win = doc.defaultView ?? window;
    const finish = (result: PickResult) => {
      win.removeEventListener('mousemove', onMove, true);
      win.removeEventListener('click', onClick, true);
      win.removeEventListener('keydown', onKey, true);
      host.remove();
      resolve(result);
    };
    const prompt = () => {
      const request = requests[step];
      if (!request) return finish({ ok: true, url: doc.location?.href ?? '', picks });
      part('prompt').textContent = `Click the candidate's ${request.label}${request.required ? '' : ' (optional)'}.`;
      part('skip').hidden = request.required;
      part('problem').textContent = '';
    };
    /** The page's element under the pointer; never Parley's own bar. */
    const target = (event: Event): Element | null => {
      const element = event.composedPath()[0];
      return element instanceof win.Element && element !== host && !host.contains(element) ? element : null;
    };
    function onMove(event: MouseEvent) {
      const element = target(event);
      if (!element) return;
      const rect = element.getBoundingClientRect();
      Object.assign(box.style, { display: 'block', left: `${rect.left}px`, top: `${rect.top}px`, width: `${rect.width}px`, height: `${rect.height}px` });
    }
    function onClick(event: MouseEvent) {
      if (event.composedPath().includes(host)) return; // the bar's own buttons
      const element = target(event);
      const request = requests[step];
      if (!element || !request) return;
      // The page must not act on a click meant for Parley (following a link, opening a menu).
      event.preventDefault();
      event.stopPropagation();
      const unpickable = unpickableReason(element, doc);
      const value = unpickable ? null : readField(request.field, element);
      if (!value) {
        part('problem').textContent = unpickable ?? `That does not read as the candidate's ${request.label}: click the ${request.label} itself.`;
        return;
      }
      const locators = deriveLocators(element, request.field, candidatesPerField);
      if (locators.length === 0) {
        part('problem').textContent = `Parley read "${value}" but found no way to find it again on the next candidate's page.`;
        return;
      }
      picks.push({ field: request.field, value, locators });
      part('read').textContent = `${request.label}: ${value}`;
      step += 1;
      prompt();
    }
    function onKey(event: KeyboardEvent) {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      finish({ ok: false, reason: 'Cancelled: nothing was saved.' });
    }
    part('skip').addEventListener('click', () => {
      step += 1;
      prompt();
    });
    part('cancel').addEventListener('click', () => finish({ ok: false, reason: 'Cancelled: nothing was saved.' }));
    win.addEventListener('mousemove', onMove, true);
    win.addEventListener('click', onClick, true);
    win.addEventListener('keydown', onKey, true);
    prompt();
  });
  return { result, root };
}
