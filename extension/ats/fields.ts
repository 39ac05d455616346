/**
 * Turning what an ATS page shows into `CandidateContext` fields. Shared by adapters because
 * `tel:`/`mailto:` links and language attributes look the same on every ATS.
 * @module
 */

/** The number a `tel:` link dials, else the link's text; the worker normalises it to E.164. */
export function phoneFromLink(link: Element | null): string | null {
  if (!link) return null;
  const href = link.getAttribute('href') ?? '';
  const fromHref = href.startsWith('tel:') ? safeDecode(href.slice('tel:'.length)).trim() : '';
  const phone = fromHref || (link.textContent ?? '').trim();
  return phone ? phone : null;
}

/** The address of a `mailto:` link, else the link's text; null unless it looks like an address. */
export function emailFromLink(link: Element | null): string | null {
  if (!link) return null;
  const href = link.getAttribute('href') ?? '';
  // mailto: may carry ?subject=… and several comma-separated recipients: keep the first.
  const fromHref = href.startsWith('mailto:')
    ? safeDecode(href.slice('mailto:'.length).split('?')[0] ?? '')
        .split(',')[0]
        ?.trim()
    : '';
  const email = fromHref || (link.textContent ?? '').trim();
  // A malformed address would make the worker refuse the whole context; better no email at all.
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}

/**
 * "de", "DE", "de_at", "de-AT" → "de" / "de-AT"; anything else → null: the page does not say, and
 * the worker keeps what it knows (or English texts, when nobody said).
 */
export function languageTag(raw: string | null | undefined): string | null {
  const match = /^([a-z]{2})(?:[-_]([a-z]{2}))?$/i.exec(raw?.trim() ?? '');
  if (!match?.[1]) return null;
  const language = match[1].toLowerCase();
  return match[2] ? `${language}-${match[2].toUpperCase()}` : language;
}

/** " - ", " – ", " — " or " | " between a page's subject and the product in a tab title. */
const titleSeparator = /\s+[|\u2013\u2014-]\s+/;

/**
 * The candidate's name from a tab title such as "Ada Lovelace – Lever Hire": the part before the
 * first separator, and only when the last part names the product (so a list or settings page's
 * title is never taken for a person).
 */
export function nameFromTitle(title: string, product: RegExp): string | null {
  const parts = title.trim().split(titleSeparator);
  const name = parts[0]?.trim();
  if (parts.length < 2 || !name || !product.test(parts.at(-1) ?? '')) return null;
  return name;
}

/** The text itself when it reads as a phone number (7 to 15 digits, the usual punctuation). */
export function phoneFromText(text: string | null): string | null {
  const trimmed = text?.trim() ?? '';
  const digits = trimmed.replace(/\D/g, '').length;
  return /^\+?[\d\s()./-]+$/.test(trimmed) && digits >= 7 && digits <= 15 ? trimmed : null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
