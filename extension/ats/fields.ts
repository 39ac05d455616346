/**
 * Turning what an ATS page shows into `CandidateContext` fields. Shared by adapters because
 * `tel:`/`mailto:` links and language attributes look the same on every ATS.
 * @module
 */

/** Job ads without a readable language get English consent and opt-in texts. */
export const fallbackLanguage = 'en';

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
    ? safeDecode(href.slice('mailto:'.length).split('?')[0] ?? '').split(',')[0]?.trim()
    : '';
  const email = fromHref || (link.textContent ?? '').trim();
  // A malformed address would make the worker refuse the whole context; better no email at all.
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}

/** "de", "DE", "de_at", "de-AT" → "de" / "de-AT"; anything else → the fallback language. */
export function languageTag(raw: string | null | undefined): string {
  const match = /^([a-z]{2})(?:[-_]([a-z]{2}))?$/i.exec(raw?.trim() ?? '');
  if (!match?.[1]) return fallbackLanguage;
  const language = match[1].toLowerCase();
  return match[2] ? `${language}-${match[2].toUpperCase()}` : language;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
