/**
 * Finding a taught field on a page, and deriving how to find it again from the element an admin
 * clicked. Locators are data (shared/domain/site-profiles.ts); this is the only code that turns
 * them into elements, for taught sites and for the built-in adapters' fields (ats/profile.ts). Derivation keeps a locator only when evaluating it finds the clicked
 * element again, so what the teaching UI shows is what the content script will read.
 * @module
 */
import type { Locator, SiteProfileField } from '@shared/domain/site-profiles.ts';
// Relative, not `@shared`: the built-in adapters read their fields here, and wxt.config.ts loads
// them in Node (ats/manifest.ts), where that alias does not resolve.
import { locatorAttribute, locatorProblem } from '../../shared/domain/site-profiles.ts';
import { textOf } from '../ats/dom.ts';
import { emailFromLink, languageTag, phoneFromLink, phoneFromText } from '../ats/fields.ts';

/** Labels are short ("Phone", "Mobile number:"); longer text is a value, not a label. */
const maxLabelLength = 40;

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim().replace(/\s*:$/, '').toLowerCase();

/** Ids and attribute values frameworks generate per render (`:r1:`, `ember123`, `a8f3…`) or per candidate. */
const looksGenerated = (value: string) => /\d{3,}|[0-9a-f]{8,}|^:|:$/i.test(value);
const simpleId = /^[A-Za-z][\w-]{0,119}$/;

/** The value element a label names: `label[for]`, `dt → dd`, a table cell → the next cell, else what follows it. */
function valueAfterLabel(label: Element): Element | null {
  const doc = label.ownerDocument;
  const target = label.tagName === 'LABEL' ? label.getAttribute('for') : null;
  if (target) return doc.getElementById(target);
  let next = label.nextElementSibling;
  if (label.tagName === 'DT') while (next && next.tagName !== 'DD') next = next.nextElementSibling;
  return next ?? label.parentElement?.nextElementSibling ?? null;
}

/**
 * Where locators look: a whole page (a taught site), or one element of it (a built-in adapter's
 * candidate root, so a fallback such as "any dial link" never reads the page's header).
 */
export type LocatorScope = Document | Element;

const documentOf = (scope: LocatorScope): Document => scope.ownerDocument ?? (scope as Document);

/** Every element whose own text is exactly `text` (case, spacing and a trailing colon aside): a text-node walk, cheap on big pages. */
function elementsLabelled(scope: LocatorScope, text: string): Element[] {
  const wanted = normalise(text);
  const found: Element[] = [];
  const doc = documentOf(scope);
  const walker = doc.createTreeWalker(scope === doc ? (doc.body ?? doc.documentElement) : scope, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const raw = node.nodeValue ?? '';
    if (raw.length > maxLabelLength * 2 || normalise(raw) !== wanted) continue;
    const parent = node.parentElement;
    // The label is the element whose whole text the node is (`<dt>Phone</dt>`, `<span><b>Phone</b></span>`).
    if (parent && normalise(parent.textContent ?? '') === wanted) found.push(parent);
  }
  return found;
}

/** The element a locator finds in `scope`, or null. Never throws: a page may contain anything. */
export function findByLocator(scope: LocatorScope, locator: Locator): Element | null {
  if (locatorProblem(locator)) return null;
  switch (locator.kind) {
    case 'id': {
      const element = documentOf(scope).getElementById(locator.id);
      return element && scope.contains(element) ? element : null;
    }
    case 'attribute':
      return [...scope.querySelectorAll(`[${locator.name}]`)].find((element) => element.getAttribute(locator.name) === locator.value) ?? null;
    case 'label':
      for (const label of elementsLabelled(scope, locator.text)) {
        const value = valueAfterLabel(label);
        if (value && scope.contains(value) && textOf(value)) return value;
      }
      return null;
    case 'css':
      try {
        return scope.querySelector(locator.selector);
      } catch {
        return null;
      }
  }
}

/** What a field's element says, read the way the built-in adapters read it; null when it does not read as that field. */
export function readField(field: SiteProfileField, element: Element): string | null {
  const link = (scheme: string) => (element.matches(`a[href^="${scheme}"]`) ? element : element.querySelector(`a[href^="${scheme}"]`));
  switch (field) {
    case 'phone': {
      const tel = link('tel:');
      return tel ? phoneFromLink(tel) : phoneFromText(textOf(element));
    }
    case 'email':
      return emailFromLink(link('mailto:') ?? element);
    case 'language': {
      return languageTag(textOf(element));
    }
    default:
      return textOf(element)?.slice(0, 200) ?? null;
  }
}

export type FieldReading = { value: string; locatorIndex: number } | { value: null; locatorIndex: null };

/** The saved order decides: the first locator that finds an element reading as the field wins. */
export function evaluateField(scope: LocatorScope, field: SiteProfileField, locators: readonly Locator[]): FieldReading {
  for (const [locatorIndex, locator] of locators.entries()) {
    const element = findByLocator(scope, locator);
    const value = element && readField(field, element);
    if (value) return { value, locatorIndex };
  }
  return { value: null, locatorIndex: null };
}

/** The picked element, or an ancestor showing exactly the same text (ids and hooks often sit on the wrapper). */
function sameTextAncestors(element: Element): Element[] {
  const text = textOf(element);
  const chain = [element];
  for (let parent = element.parentElement; parent && chain.length < 3 && textOf(parent) === text; parent = parent.parentElement) chain.push(parent);
  return chain;
}

/** Label elements near a value: the `label[for]`, the `dt`/table header cell, the element before it or before its wrapper. */
function labelCandidates(element: Element): Element[] {
  const doc = element.ownerDocument;
  const candidates: Element[] = [];
  if (element.id && simpleId.test(element.id)) candidates.push(...doc.querySelectorAll(`label[for="${element.id}"]`));
  for (let node: Element | null = element, depth = 0; node && depth < 3; node = node.parentElement, depth += 1) {
    let previous = node.previousElementSibling;
    if (node.tagName === 'DD') while (previous && previous.tagName !== 'DT') previous = previous.previousElementSibling;
    // A heading or a link next to the value is content (the candidate's name, a job link), not a label.
    if (previous && !/^(H[1-6]|A)$/.test(previous.tagName) && !previous.querySelector('a, h1, h2, h3, h4, h5, h6')) candidates.push(previous);
  }
  return candidates;
}

/** A CSS path from the nearest ancestor with a stable id (else the body): positional, the last resort. */
function cssPath(element: Element): string | null {
  const parts: string[] = [];
  for (let node: Element | null = element; node && node.tagName !== 'HTML'; node = node.parentElement) {
    if (node.id && simpleId.test(node.id) && !looksGenerated(node.id)) {
      parts.unshift(`#${node.id}`);
      break;
    }
    const tag = node.tagName.toLowerCase();
    if (tag === 'body') {
      parts.unshift('body');
      break;
    }
    const sameType = node.parentElement ? [...node.parentElement.children].filter((sibling) => sibling.tagName === node?.tagName) : [node];
    parts.unshift(sameType.length > 1 ? `${tag}:nth-of-type(${sameType.indexOf(node) + 1})` : tag);
  }
  const selector = parts.join(' > ');
  return selector.length <= 300 ? selector : null;
}

/** Every locator that would find `element` again, most robust first: ids, hooks, labels, then CSS. */
function locatorCandidates(element: Element, field: SiteProfileField): Locator[] {
  const value = readField(field, element);
  const candidates: Locator[] = [];
  const chain = sameTextAncestors(element);
  for (const node of chain) if (node.id && !looksGenerated(node.id)) candidates.push({ kind: 'id', id: node.id });
  for (const node of chain) {
    for (const attribute of node.attributes) {
      // A hook naming the field (data-field="phone"), never one holding the candidate's own data.
      if (!locatorAttribute.test(attribute.name) || !attribute.value || looksGenerated(attribute.value) || attribute.value === value) continue;
      candidates.push({ kind: 'attribute', name: attribute.name, value: attribute.value });
    }
  }
  for (const label of labelCandidates(element)) {
    const text = textOf(label);
    if (text && text.length <= maxLabelLength) candidates.push({ kind: 'label', text: text.replace(/\s*:$/, '') });
  }
  const css = cssPath(element);
  if (css) candidates.push({ kind: 'css', selector: css });
  return candidates;
}

/**
 * Independent locators (one per kind, most robust first) for the element an admin picked, each
 * checked to find that same element (or the wrapper it reads through) with the same value. The
 * teaching UI derives up to four and keeps the first two that also work on a second candidate
 * (`confirmLocators`); fewer when the page offers no second way (it then says so).
 */
export function deriveLocators(element: Element, field: SiteProfileField, limit = 2): Locator[] {
  const doc = element.ownerDocument;
  const value = readField(field, element);
  if (!value || element.getRootNode() !== doc) return [];
  const chosen: Locator[] = [];
  for (const candidate of locatorCandidates(element, field)) {
    if (chosen.some((locator) => locator.kind === candidate.kind) || locatorProblem(candidate)) continue;
    const found = findByLocator(doc, candidate);
    if (found && (found === element || found.contains(element) || element.contains(found)) && readField(field, found) === value) chosen.push(candidate);
    if (chosen.length === limit) break;
  }
  return chosen;
}

/**
 * The locators that also read the field on another candidate's page, at most two: a label that
 * was really the first candidate's data ("Ada Lovelace" above the job title) drops out here.
 */
export function confirmLocators(doc: Document, field: SiteProfileField, locators: readonly Locator[]): Locator[] {
  return locators.filter((locator) => evaluateField(doc, field, [locator]).value !== null).slice(0, 2);
}

/**
 * Why the picker cannot teach from an element, or null when it can: content inside a frame is
 * another document the content script does not run in, and a shadow root hides its inside from
 * the page's selectors.
 */
export function unpickableReason(element: Element, doc: Document): string | null {
  if (element.tagName === 'IFRAME' || element.tagName === 'FRAME') return 'This part of the page is a separate frame Parley cannot read.';
  if (element.ownerDocument !== doc) return 'This part of the page is a separate frame Parley cannot read.';
  if (element.getRootNode() !== doc) return 'This part of the page is hidden in a component (shadow DOM) Parley cannot read.';
  return null;
}
