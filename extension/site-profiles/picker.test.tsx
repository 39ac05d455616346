import { afterEach, expect, test } from 'vitest';
import { fixtureHtml } from '../testing/ats-fixtures.ts';
import { type PickResult, startPicker } from './picker.ts';

/** The Workable-like page as the admin sees it (the picker runs in the live document). */
function showPage() {
  document.body.innerHTML = new DOMParser().parseFromString(fixtureHtml('unknown', 'workable-like-1.html'), 'text/html').body.innerHTML;
}
const click = (element: Element) => element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
const hover = (element: Element) => element.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, composed: true }));
const text = (root: ShadowRoot, role: string) => root.querySelector(`[data-role="${role}"]`)?.textContent;

afterEach(() => document.body.replaceChildren());

test('name and phone are picked by clicking, each pick shows the value read; optional fields can be skipped', async () => {
  showPage();
  const { result, root } = startPicker(document, [
    { field: 'name', label: 'name', required: true },
    { field: 'phone', label: 'phone number', required: true },
    { field: 'email', label: 'email', required: false },
  ]);
  expect(text(root, 'prompt')).toBe("Click the candidate's name.");
  expect(root.querySelector<HTMLElement>('[data-role="skip"]')!.hidden).toBe(true);

  hover(document.querySelector('h2')!);
  expect(root.querySelector<HTMLElement>('.box')!.style.display).toBe('block');
  // A click on the Source value is not a phone number: Parley says so and waits.
  click(document.querySelector('h2')!);
  expect(text(root, 'read')).toBe('name: Ada Lovelace');
  click(document.querySelector('.details .row:nth-child(3) .val')!);
  expect(text(root, 'problem')).toMatch(/does not read as the candidate's phone number/);
  click(document.querySelector('.details .row:nth-child(2) .val')!);
  expect(text(root, 'read')).toBe('phone number: +1 415 555 0101');
  expect(text(root, 'prompt')).toBe("Click the candidate's email (optional).");
  root.querySelector<HTMLButtonElement>('[data-role="skip"]')!.click();

  const picked = (await result) as Extract<PickResult, { ok: true }>;
  expect(picked.ok).toBe(true);
  expect(picked.picks.map((pick) => [pick.field, pick.value, pick.locators.map((l) => l.kind)])).toEqual([
    ['name', 'Ada Lovelace', ['attribute', 'css']],
    ['phone', '+1 415 555 0101', ['label', 'css']],
  ]);
  expect(document.querySelector('[data-parley-picker]')).toBeNull();
});

test('Escape cancels and leaves the page as it was', async () => {
  showPage();
  const before = document.body.innerHTML;
  const { result } = startPicker(document, [{ field: 'name', label: 'name', required: true }]);
  window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', cancelable: true }));
  expect(await result).toEqual({ ok: false, reason: 'Cancelled: nothing was saved.' });
  expect(document.body.innerHTML).toBe(before);
});

test('the click does not reach the page (a link is not followed)', () => {
  showPage();
  const link = document.querySelector('.details a')!;
  let reached = false;
  link.addEventListener('click', () => {
    reached = true;
  });
  startPicker(document, [{ field: 'email', label: 'email', required: true }]);
  click(link);
  expect(reached).toBe(false);
});
