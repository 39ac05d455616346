/**
 * Site profiles (issue 18): what an admin taught Parley about an ATS it has no adapter for. The
 * rules both sides need: which URLs are a candidate's profile and where the candidate's id is in
 * them (the worker validates a pattern, the extension matches and derives one), which locators are
 * valid, and the order they are tried in. Profiles are data, never code: locators are plain
 * descriptions the content script evaluates, checked here for length and syntax.
 * @module
 */

/** The fields a profile reads; name and phone are required, the rest optional. */
export const siteProfileFields = ['name', 'phone', 'email', 'jobTitle', 'language'] as const;
export type SiteProfileField = (typeof siteProfileFields)[number];
export const requiredSiteProfileFields: readonly SiteProfileField[] = ['name', 'phone'];

/**
 * How a field's element is found, most robust first (the teaching UI derives them in this order):
 * an element id, a data-* / ARIA / itemprop attribute, the visible label next to the value
 * ("Phone", "Mobile", "Telefon"), and positional CSS as the last resort.
 */
export type Locator =
  | { kind: 'id'; id: string }
  | { kind: 'attribute'; name: string; value: string }
  | { kind: 'label'; text: string }
  | { kind: 'css'; selector: string };
export const locatorKinds = ['id', 'attribute', 'label', 'css'] as const;

/** Attributes a locator may name: stable hooks pages set on purpose, never `class` or `style`. */
export const locatorAttribute = /^(?:data-[a-z0-9_.:-]{1,40}|aria-label|itemprop|name|title)$/;

/**
 * Positional CSS as the teaching UI writes it (`main > div:nth-of-type(2) > span`): tag names,
 * ids, classes, attribute tests, child/descendant combinators and `:nth-of-type()`. Nothing that
 * could be more than a selector (no braces, semicolons, `<`, backslashes, `@`, url()).
 */
const cssSelector =
  /^(?:[a-zA-Z][a-zA-Z0-9-]*|[#.][a-zA-Z_-][\w-]*|\[[a-zA-Z][\w:-]*(?:[~|^$*]?="[^"\\<>{};]*")?\]|:nth-of-type\(\d{1,3}\)|:first-of-type|:last-of-type|\s*[>+~]\s*|\s+)+$/;

/** Why a locator is refused, or null when it is valid. */
export function locatorProblem(locator: Locator): string | null {
  switch (locator.kind) {
    case 'id':
      return locator.id.length >= 1 && locator.id.length <= 120 && !/\s/.test(locator.id) ? null : 'an id is 1–120 characters without spaces';
    case 'attribute':
      if (!locatorAttribute.test(locator.name)) return `attribute "${locator.name}": only data-*, aria-label, itemprop, name or title`;
      return locator.value.length <= 200 ? null : 'an attribute value is at most 200 characters';
    case 'label':
      return locator.text.trim().length >= 1 && locator.text.length <= 60 ? null : 'a label is 1–60 characters';
    case 'css':
      return locator.selector.length <= 300 && cssSelector.test(locator.selector)
        ? null
        : 'not a selector Parley writes (tags, ids, classes, attributes, :nth-of-type)';
  }
}

/** Two locators are independent when they rest on different things: a different kind. */
export function locatorsAreIndependent(locators: readonly Locator[]): boolean {
  return new Set(locators.map((locator) => locator.kind)).size === locators.length;
}

/**
 * The profile URL pattern: a path where one part is `{id}`, each other part literal or `*` (any
 * one segment); the id may instead be a query parameter (`/people?candidate={id}`), and a hash
 * route follows `#` (`/app#/candidates/{id}`). Examples:
 * `/candidates/{id}`, `/t/*\/applicants/{id}/profile`, `/app#/people/{id}`, `/view?cid={id}`.
 */
export type UrlPattern = string;

type ParsedPattern = { path: string[]; hash: string[] | null; queryParam: string | null };

/** Candidate ids: what a URL segment or query value holds once decoded. */
const idValue = /^[A-Za-z0-9._~@:+-]{1,128}$/;
const literalSegment = /^[A-Za-z0-9._~@:+-]{1,100}$/;

const segmentsOf = (path: string) => path.split('/').filter((segment) => segment !== '');

function parsePattern(pattern: UrlPattern): ParsedPattern | string {
  if (pattern.length > 300) return 'at most 300 characters';
  const match = /^(\/[^?#]*)(?:\?([A-Za-z0-9_.-]{1,60})=\{id\})?(?:#(\/[^?#]*))?$/.exec(pattern);
  if (!match) return 'a path starting with "/", e.g. /candidates/{id}';
  const [, path = '/', queryParam = null, hash = null] = match;
  const parsed: ParsedPattern = { path: segmentsOf(path), hash: hash === null ? null : segmentsOf(hash), queryParam };
  const parts = [...parsed.path, ...(parsed.hash ?? [])];
  const ids = parts.filter((part) => part === '{id}').length + (queryParam ? 1 : 0);
  if (ids !== 1) return 'exactly one {id}';
  const bad = parts.find((part) => part !== '{id}' && part !== '*' && !literalSegment.test(part));
  if (bad !== undefined) return `"${bad}" is not a path segment`;
  // `/{id}` or `/*/{id}` would make every page of the host a candidate.
  if (!queryParam && !parts.some((part) => literalSegment.test(part))) return 'name at least one fixed part of the path, or it matches every page of the site';
  return parsed;
}

/** Why a profile URL pattern is refused, or null when it is valid. */
export function urlPatternProblem(pattern: UrlPattern): string | null {
  const parsed = parsePattern(pattern);
  return typeof parsed === 'string' ? parsed : null;
}

/** A query string's parameters, decoded (shared code has no URLSearchParams in its types). */
function queryParams(search: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (!pair) continue;
    const [key = '', value = ''] = pair.split('=', 2).map((part) => decode(part.replace(/\+/g, ' ')) ?? '');
    if (!params.has(key)) params.set(key, value);
  }
  return params;
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Matches path segments against the pattern's; the id (decoded) when the pattern holds one. */
function matchSegments(pattern: readonly string[], actual: readonly string[]): { ok: boolean; id: string | null } {
  if (pattern.length !== actual.length) return { ok: false, id: null };
  let id: string | null = null;
  for (const [index, part] of pattern.entries()) {
    const segment = decode(actual[index] ?? '');
    if (segment === null) return { ok: false, id: null };
    if (part === '{id}') {
      if (!idValue.test(segment)) return { ok: false, id: null };
      id = segment;
    } else if (part !== '*' && part !== segment) return { ok: false, id: null };
  }
  return { ok: true, id };
}

/** A URL's parts as the pattern sees them (no URL class: shared code runs without the DOM's types). */
export type UrlParts = { pathname: string; search: string; hash: string };

/** The candidate id a profile URL names, or null when the URL is not a profile page of the pattern. */
export function candidateIdFromPattern(pattern: UrlPattern, url: UrlParts): string | null {
  const parsed = parsePattern(pattern);
  if (typeof parsed === 'string') return null;
  const path = matchSegments(parsed.path, segmentsOf(url.pathname));
  if (!path.ok) return null;
  let id = path.id;
  if (parsed.hash) {
    const hashPath = url.hash.replace(/^#/, '').split('?')[0] ?? '';
    if (!hashPath.startsWith('/')) return null;
    const hash = matchSegments(parsed.hash, segmentsOf(hashPath));
    if (!hash.ok) return null;
    id = id ?? hash.id;
  }
  if (parsed.queryParam) {
    const value = queryParams(url.search).get(parsed.queryParam);
    id = value !== undefined && idValue.test(value) ? value : null;
  }
  return id;
}

/** Looks like an id rather than a word: digits, a UUID, or a slug with a digit in it. */
const idLike = (segment: string) => /\d/.test(segment) && idValue.test(segment);

function templateFor(first: string[], second: string[]): string[] | null {
  if (first.length !== second.length) return null;
  const differing = first.flatMap((segment, index) => (segment !== second[index] ? [index] : []));
  if (differing.length !== 1) return null;
  const [at] = differing;
  return first.map((segment, index) => (index === at ? '{id}' : segment));
}

/**
 * The pattern two candidates' profile URLs share: the one path segment (or hash-route segment,
 * or query parameter) that differs between them is the id. Null when they differ in more than
 * one place or not at all — the admin then opens another candidate.
 */
export function deriveUrlPattern(first: UrlParts, second: UrlParts): UrlPattern | null {
  const [path1, path2] = [segmentsOf(first.pathname), segmentsOf(second.pathname)];
  const hash1 = first.hash.replace(/^#/, '').split('?')[0] ?? '';
  const hash2 = second.hash.replace(/^#/, '').split('?')[0] ?? '';
  const isRoute = hash1.startsWith('/') && hash2.startsWith('/');
  const pathname = (segments: string[]) => `/${segments.join('/')}`;
  const candidates: UrlPattern[] = [];

  const path = templateFor(path1, path2);
  if (path) candidates.push(pathname(path) + (isRoute && hash1 === hash2 ? `#${hash1}` : ''));
  if (isRoute && first.pathname === second.pathname) {
    const hash = templateFor(segmentsOf(hash1), segmentsOf(hash2));
    if (hash) candidates.push(`${first.pathname}#${pathname(hash)}`);
  }
  if (first.pathname === second.pathname && !candidates.length) {
    const [query1, query2] = [queryParams(first.search), queryParams(second.search)];
    const differing = [...query1.keys()].filter((key) => query2.has(key) && query1.get(key) !== query2.get(key));
    if (differing.length === 1) candidates.push(`${first.pathname}?${differing[0]}={id}`);
  }
  return (
    candidates.find(
      (pattern) => urlPatternProblem(pattern) === null && candidateIdFromPattern(pattern, first) !== null && candidateIdFromPattern(pattern, second) !== null,
    ) ?? null
  );
}

/**
 * From one profile URL alone, the guess the teaching UI starts with: the last path (or hash-route)
 * segment that looks like an id. The admin confirms it on a second candidate (`deriveUrlPattern`).
 */
export function guessUrlPattern(url: UrlParts): UrlPattern | null {
  const hash = url.hash.replace(/^#/, '').split('?')[0] ?? '';
  const guess = (segments: string[]) => {
    let at = segments.length - 1;
    while (at >= 0 && !idLike(segments[at] ?? '')) at -= 1;
    return at < 0 ? null : `/${segments.map((segment, index) => (index === at ? '{id}' : segment)).join('/')}`;
  };
  const inPath = guess(segmentsOf(url.pathname));
  const inHash = hash.startsWith('/') ? guess(segmentsOf(hash)) : null;
  const pattern = inHash ? `${url.pathname}#${inHash}` : inPath;
  if (pattern && urlPatternProblem(pattern) === null && candidateIdFromPattern(pattern, url) !== null) return pattern;
  const query = [...queryParams(url.search).entries()].find(([, value]) => idLike(value));
  return query ? `${url.pathname}?${query[0]}={id}` : null;
}

/** Hosts a site profile may be for: a DNS name (no IP literal, no port), lowercase. */
export const siteHost = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The `ats` id candidates read through a site profile are stored under: stable per host. */
export function siteAtsId(host: string): string {
  return `site-${host.replace(/[^a-z0-9]+/g, '-')}`.slice(0, 32).replace(/-+$/, '');
}

/** The match pattern of a site profile's host, for host permissions and content script registration. */
export const siteHostMatch = (host: string) => `https://${host}/*`;
