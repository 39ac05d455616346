/**
 * Test-only: reading and driving the DOM that extension/testing/render.tsx mounts, the way a
 * recruiter would — by test id, typing, clicking — each step inside act() so React has settled.
 * @module
 */
import { act } from 'react';

export const byTestId = <T extends Element = HTMLElement>(id: string) => document.querySelector<T>(`[data-testid="${id}"]`);
export const allByTestId = (id: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];

/** Lets effects and fetches settle until `find` returns something, or fails after `timeoutMs`. */
export async function until<T>(find: () => T | null | undefined | false, timeoutMs = 2000): Promise<T> {
  // performance, not Date: a test that fakes the clock still gets its failure on time.
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${find.toString()}`);
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
}

export async function typeInto(element: HTMLInputElement | HTMLTextAreaElement, value: string) {
  // The prototype's setter, so React's value tracking sees a change.
  const prototype = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(prototype, 'value')!.set!.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export const click = (element: Element | null | undefined) => act(async () => (element as HTMLElement).click());
