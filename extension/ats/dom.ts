import type { SelectorList } from './types.ts';

/** The first element matched by the earliest selector in the list that matches anything. */
export function queryFirst(root: ParentNode, selectors: SelectorList): Element | null {
  for (const selector of selectors) {
    const element = root.querySelector(selector);
    if (element) return element;
  }
  return null;
}

/** Visible text with runs of whitespace collapsed; null when empty. */
export function textOf(element: Element | null): string | null {
  const text = element?.textContent?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}
