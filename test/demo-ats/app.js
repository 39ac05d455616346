// @ts-check
// Client-side navigation for the demo ATS, so it behaves like the single-page apps real ATSs
// are: the URL changes without a page load, the old candidate is torn down, and the new candidate
// element only appears after a data fetch. The extension has to cope with exactly that. Between two
// profiles only the main column re-renders and the sidebar stays, as in real ATSs; any other
// navigation replaces the whole view.

/** Real ATSs take a moment to fetch a candidate; an extension must wait for the element. */
const SIMULATED_LATENCY_MS = 100;

const app = /** @type {HTMLElement} */ (document.getElementById('app'));
/** Only the latest navigation may render, however the responses interleave. */
let navigationSeq = 0;

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return; // new tab/window
  const link = event.target instanceof Element ? event.target.closest('a[data-nav]') : null;
  if (!(link instanceof HTMLAnchorElement) || link.origin !== location.origin) return;
  if (!apiPathFor(link.pathname)) return;
  event.preventDefault();
  history.pushState(null, '', link.pathname);
  void show(link.pathname, { scrollToTop: true });
});

window.addEventListener('popstate', () => {
  void show(location.pathname, { scrollToTop: false });
});

/** The part of a profile that changes from one candidate to the next; its sibling sidebar stays. */
const COLUMN = '.profile-column';

/** @param {string} path */
function isProfilePath(path) {
  return /^\/candidates\/[^/]+$/.test(path);
}

/**
 * Trusted markup: rendered and escaped by our own server.
 * @param {string} markup
 * @param {Element | null} column the current profile column to refill, or null to replace the view
 */
function render(markup, column) {
  const template = document.createElement('template');
  template.innerHTML = markup;
  const nextColumn = template.content.querySelector(COLUMN);
  if (column?.isConnected && nextColumn) column.replaceChildren(...nextColumn.childNodes);
  else app.replaceChildren(template.content);
}

/** @param {string} path */
function apiPathFor(path) {
  return /^\/candidates(\/[^/]+)?$/.test(path) ? `/api${path}` : null;
}

/**
 * @param {string} path
 * @param {{ scrollToTop: boolean }} options
 */
async function show(path, options) {
  const apiPath = apiPathFor(path);
  if (!apiPath) {
    location.reload();
    return;
  }
  const seq = ++navigationSeq;
  const column = isProfilePath(path) ? app.querySelector(COLUMN) : null;
  showLoading(column ?? app);
  try {
    const [view] = await Promise.all([fetchView(apiPath), delay(SIMULATED_LATENCY_MS)]);
    if (seq !== navigationSeq) return;
    render(view.main, column);
    app.removeAttribute('aria-busy');
    document.title = view.title;
    if (options.scrollToTop) window.scrollTo(0, 0);
  } catch {
    // A real SPA would show an error; a full load of the same URL is the honest fallback here.
    if (seq === navigationSeq) location.reload();
  }
}

/** @param {Element} region */
function showLoading(region) {
  const loading = document.createElement('div');
  loading.className = 'loading';
  loading.setAttribute('role', 'status');
  const spinner = document.createElement('span');
  spinner.className = 'spinner';
  loading.append(spinner, 'Loading…');
  app.setAttribute('aria-busy', 'true');
  region.replaceChildren(loading);
}

/**
 * The API answers 404 with a renderable "not found" view, so only other failures throw.
 * @param {string} apiPath
 * @returns {Promise<{ title: string; main: string }>}
 */
async function fetchView(apiPath) {
  const response = await fetch(apiPath, { headers: { accept: 'application/json' } });
  if (!response.ok && response.status !== 404) throw new Error(`HTTP ${response.status}`);
  const body = await response.json();
  return body.view;
}

/** @param {number} ms */
function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
