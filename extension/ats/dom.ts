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

/** Every element the earliest selector in the list that matches anything matches. */
export function queryAllFirst(root: ParentNode, selectors: SelectorList): Element[] {
  for (const selector of selectors) {
    const elements = root.querySelectorAll(selector);
    if (elements.length > 0) return [...elements];
  }
  return [];
}

/**
 * True when the profile on screen links to the candidate `url` names. SPAs change the URL before
 * they render the next candidate; reading the page in between would show the previous one.
 */
export function linksToCandidate(root: ParentNode, links: SelectorList, url: URL, candidateIdFromUrl: (url: URL) => string | null): boolean {
  const href = queryFirst(root, links)?.getAttribute('href');
  if (!href) return false;
  const wanted = candidateIdFromUrl(url);
  return wanted !== null && candidateIdFromUrl(new URL(href, url)) === wanted;
}
