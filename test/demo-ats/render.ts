/**
 * Pure HTML rendering of the demo ATS, shared by the server (full pages and the JSON the
 * client-side router swaps in) and by the fixture saver, so fixtures are exactly what is served.
 *
 * The profile markup is a contract with the extension's demo adapter: the classes and data
 * attributes on `.candidate-profile`, `.candidate-name`, `.candidate-phone`, `.candidate-email`,
 * `.candidate-job` and `.profile-sidebar__apps` must not change without changing the adapter, and
 * `.profile-column` is what app.js swaps when moving between profiles (the sidebar stays).
 * @module
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { demoCandidates, demoJob, demoJobs, type DemoCandidate, type DemoNote, type DemoStage } from '../../worker/sandbox/demo-data.ts';

/** Markup that is safe to insert as is: only `html` (which escapes) and constants make it. */
class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
}

type Interpolation = SafeHtml | string | number | null | undefined | false | readonly Interpolation[];

/** A template tag that HTML-escapes every interpolated value unless it is already SafeHtml. */
function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += interpolate(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

function interpolate(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(interpolate).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEscapes[char] ?? char);
}

/** A page as the server sends it, and as the client-side router receives it from the API. */
export type PageView = { title: string; main: string };

export function renderListPage(): string {
  return renderDocument(listView());
}

export function renderProfilePage(candidate: DemoCandidate): string {
  return renderDocument(profileView(candidate));
}

export function renderDocument(view: PageView): string {
  return `<!doctype html>\n${
    html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="application-name" content="Parley Demo ATS">
<title>${view.title}</title>
<link rel="icon" href="${favicon}">
<style>${styles}</style>
<script src="/app.js" defer></script>
</head>
<body>
${topBar()}
<main id="app" class="app">${new SafeHtml(view.main)}</main>
</body>
</html>
`.value
  }`;
}

export function listView(): PageView {
  const main = html`<div class="page">
  <header class="page-header">
    <h1>Candidates</h1>
    <p class="muted">${demoCandidates.length} candidates in ${demoJobs.length} open jobs</p>
  </header>
  <section class="card card--flush">
    <table class="table">
      <thead><tr><th>Candidate</th><th>Job</th><th>Job ad language</th><th>Stage</th><th>Applied</th></tr></thead>
      <tbody>
${demoCandidates.map(candidateRow)}      </tbody>
    </table>
  </section>
</div>`;
  return { title: pageTitle('Candidates'), main: main.value };
}

function candidateRow(candidate: DemoCandidate): SafeHtml {
  const job = demoJob(candidate.jobId);
  return html`        <tr>
          <td><div class="person">${avatar(candidate, 'sm')}<div><a class="person__name" href="${profilePath(candidate)}" data-nav>${candidate.name}</a><div class="muted">${candidate.profile.location}</div></div></div></td>
          <td>${job.title}<div class="muted">${job.department} · ${job.location}</div></td>
          <td>${languageBadge(job.language)}</td>
          <td>${stagePill(candidate.profile.stage)}</td>
          <td>${formatDate(candidate.profile.appliedOn)}</td>
        </tr>
`;
}

export function profileView(candidate: DemoCandidate): PageView {
  const job = demoJob(candidate.jobId);
  const { profile } = candidate;
  // The column and the sidebar are siblings: the client-side router swaps only the column's
  // content between profiles and keeps the sidebar (and any panel mounted in it), as real ATSs do.
  const main = html`<div class="profile-layout">
<div class="profile-column">
<article class="candidate-profile" data-candidate-id="${candidate.id}">
  <div class="profile-main">
    <nav class="breadcrumb" aria-label="Breadcrumb"><a href="/candidates" data-nav>Candidates</a><span aria-hidden="true">/</span><span>${candidate.name}</span></nav>
    <section class="card profile-header">
      ${avatar(candidate, 'lg')}
      <div class="profile-header__body">
        <h1 class="candidate-name">${candidate.name}</h1>
        <p class="profile-header__headline">${profile.headline}</p>
        <ul class="contact">
          <li>${icons.phone}${phoneLink(candidate.phone)}</li>
          <li>${icons.mail}<a class="candidate-email" href="mailto:${candidate.email}">${candidate.email}</a></li>
          <li>${icons.pin}<span>${profile.location}</span></li>
        </ul>
      </div>
      ${stagePill(profile.stage)}
    </section>
    <div class="profile-grid">
      <section class="card">
        <h2>Application</h2>
        <dl class="facts">
          <dt>Job</dt><dd><div class="candidate-job" data-job-id="${job.id}" data-job-language="${job.language}">${job.title}</div></dd>
          <dt>Department</dt><dd>${job.department} · ${job.location}</dd>
          <dt>Job ad language</dt><dd>${languageBadge(job.language)}</dd>
          <dt>Stage</dt><dd>${profile.stage}</dd>
          <dt>Applied</dt><dd><time datetime="${profile.appliedOn}">${formatDate(profile.appliedOn)}</time></dd>
          <dt>Source</dt><dd>${profile.source}</dd>
        </dl>
      </section>
      <section class="card">
        <h2>Resume summary</h2>
        <p class="summary">${profile.summary}</p>
        <ul class="chips">${profile.skills.map((skill) => html`<li>${skill}</li>`)}</ul>
      </section>
    </div>
    <section class="card">
      <h2>Notes <span class="count">${profile.notes.length}</span></h2>
      ${profile.notes.length > 0 ? html`<ol class="notes">${profile.notes.map(noteItem)}</ol>` : html`<p class="muted">No notes yet.</p>`}
    </section>
    <section class="card">
      <h2>Other candidates</h2>
      <ul class="others">${demoCandidates.filter((other) => other.id !== candidate.id).map(otherCandidateItem)}</ul>
    </section>
  </div>
</article>
</div>
<aside class="profile-sidebar" aria-label="Apps"><div class="profile-sidebar__apps"></div></aside>
</div>`;
  return { title: pageTitle(candidate.name), main: main.value };
}

/** The adapter treats a missing `.candidate-phone` as "no number", so none is rendered. */
function phoneLink(phone: string | null): SafeHtml {
  if (phone === null) return html`<span class="muted">No phone number</span>`;
  return html`<a class="candidate-phone" href="tel:${toE164(phone)}">${phone}</a>`;
}

/** @throws on an invalid number: the demo data must only hold numbers Parley can text. */
function toE164(phone: string): string {
  const parsed = parsePhoneNumberFromString(phone);
  if (!parsed?.isValid()) throw new Error(`Invalid demo phone number: ${phone}`);
  return parsed.number;
}

function noteItem(note: DemoNote): SafeHtml {
  return html`<li class="note">
        <div class="note__meta"><span class="avatar avatar--xs avatar--tone-${toneOf(note.author)}" aria-hidden="true">${initials(note.author)}</span><strong>${note.author}</strong><time datetime="${note.on}">${formatDate(note.on)}</time></div>
        <p>${note.text}</p>
      </li>`;
}

function otherCandidateItem(candidate: DemoCandidate): SafeHtml {
  return html`
        <li>${avatar(candidate, 'xs')}<a href="${profilePath(candidate)}" data-nav>${candidate.name}</a><span class="muted">${demoJob(candidate.jobId).title}</span>${stagePill(candidate.profile.stage)}</li>`;
}

export function notFoundView(message: string): PageView {
  const main = html`<div class="page empty-state">
  <h1>Not found</h1>
  <p class="muted">${message}</p>
  <p><a href="/candidates" data-nav>Back to candidates</a></p>
</div>`;
  return { title: pageTitle('Not found'), main: main.value };
}

function profilePath(candidate: DemoCandidate): string {
  return `/candidates/${encodeURIComponent(candidate.id)}`;
}

function pageTitle(subject: string): string {
  return `${subject} – Demo ATS`;
}

function topBar(): SafeHtml {
  return html`<header class="topbar">
  <a class="topbar__brand" href="/candidates" data-nav><span class="topbar__logo" aria-hidden="true">D</span>Demo ATS</a>
  <nav class="topbar__nav" aria-label="Main">
    <a class="topbar__link topbar__link--active" href="/candidates" data-nav>Candidates</a>
    <span class="topbar__link" aria-disabled="true">Jobs</span>
    <span class="topbar__link" aria-disabled="true">Interviews</span>
    <span class="topbar__link" aria-disabled="true">Reports</span>
  </nav>
  <div class="topbar__user"><span class="avatar avatar--xs avatar--tone-${toneOf(recruiter)}" aria-hidden="true">${initials(recruiter)}</span>${recruiter}</div>
</header>`;
}

/** The signed-in ATS user the demo pretends to be. */
const recruiter = 'Rita Ortiz';

function avatar(candidate: DemoCandidate, size: 'xs' | 'sm' | 'lg'): SafeHtml {
  return html`<span class="avatar avatar--${size} avatar--tone-${toneOf(candidate.name)}" aria-hidden="true">${initials(candidate.name)}</span>`;
}

function initials(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

const toneCount = 6;

/** A stable colour per person, so the same face keeps its colour across pages. */
function toneOf(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % toneCount;
}

function stagePill(stage: DemoStage): SafeHtml {
  return html`<span class="stage stage--${stage.toLowerCase().replace(/\s+/g, '-')}">${stage}</span>`;
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

function languageBadge(language: string): SafeHtml {
  return html`<span class="lang"><span class="lang__code">${language.toUpperCase()}</span>${languageNames.of(language) ?? language}</span>`;
}

// UTC and a fixed locale keep the saved fixtures identical on every machine.
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

function formatDate(isoDate: string): string {
  return dateFormat.format(new Date(`${isoDate}T00:00:00Z`));
}

const icon = (path: string): SafeHtml =>
  new SafeHtml(
    `<svg class="icon" viewBox="0 0 24 24" width="15" height="15" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${path}</svg>`,
  );

const icons = {
  phone: icon('<path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2"/>'),
  mail: icon('<rect x="3" y="5" width="18" height="14" rx="2"/><path d="m3 7 9 6 9-6"/>'),
  pin: icon('<path d="M12 21s-7-6.2-7-11a7 7 0 0 1 14 0c0 4.8-7 11-7 11z"/><circle cx="12" cy="10" r="2.5"/>'),
};

// Inline, so browsers do not request /favicon.ico and log a 404 in every e2e run.
const favicon =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#3457d5"/><text x="16" y="22" font-family="Arial,sans-serif" font-size="17" font-weight="700" fill="#fff" text-anchor="middle">D</text></svg>',
  );

const styles = new SafeHtml(`
:root {
  --bg: #f4f5f7; --surface: #fff; --border: #e2e5ea; --text: #1c2430; --muted: #667085;
  --accent: #3457d5; --accent-soft: #edf1fd; --topbar: 56px; --sidebar: 400px;
  color-scheme: light;
}
* { box-sizing: border-box; }
html, body { margin: 0; }
body {
  font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
  color: var(--text); background: var(--bg); -webkit-font-smoothing: antialiased;
}
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
h1, h2, p { margin: 0; }
.muted { color: var(--muted); }

.topbar {
  position: sticky; top: 0; z-index: 10; height: var(--topbar);
  display: flex; align-items: center; gap: 36px; padding: 0 24px;
  background: var(--surface); border-bottom: 1px solid var(--border);
}
.topbar__brand { display: flex; align-items: center; gap: 10px; font-weight: 700; font-size: 15px; color: var(--text); }
.topbar__brand:hover { text-decoration: none; }
.topbar__logo {
  display: grid; place-items: center; width: 28px; height: 28px; border-radius: 7px;
  background: linear-gradient(135deg, #3457d5, #6a84f0); color: #fff; font-size: 14px;
}
.topbar__nav { display: flex; align-self: stretch; gap: 4px; }
.topbar__link {
  display: flex; align-items: center; padding: 0 12px; color: var(--muted); font-weight: 500;
  border-bottom: 2px solid transparent; margin-bottom: -1px;
}
.topbar__link:hover { text-decoration: none; color: var(--text); }
.topbar__link[aria-disabled="true"] { cursor: default; color: #98a2b3; }
.topbar__link--active { color: var(--text); border-bottom-color: var(--accent); }
.topbar__user { margin-left: auto; display: flex; align-items: center; gap: 8px; color: var(--muted); font-weight: 500; }

.app { min-height: calc(100vh - var(--topbar)); }
.page { max-width: 1160px; margin: 0 auto; padding: 28px 28px 48px; }
.page-header { display: flex; align-items: baseline; gap: 12px; margin-bottom: 18px; }
.page-header h1 { font-size: 22px; font-weight: 650; }

.card { background: var(--surface); border: 1px solid var(--border); border-radius: 10px; padding: 18px 22px; }
.card--flush { padding: 0; overflow: hidden; }
.card h2 {
  display: flex; align-items: center; gap: 8px; margin-bottom: 12px;
  font-size: 12px; font-weight: 650; letter-spacing: .05em; text-transform: uppercase; color: var(--muted);
}
.count { padding: 0 7px; border-radius: 9px; background: #eef0f3; font-size: 11px; letter-spacing: 0; }

.table { width: 100%; border-collapse: collapse; }
.table th {
  padding: 10px 18px; text-align: left; font-size: 12px; font-weight: 600; letter-spacing: .04em;
  text-transform: uppercase; color: var(--muted); background: #f9fafb; border-bottom: 1px solid var(--border);
}
.table td { padding: 12px 18px; border-bottom: 1px solid var(--border); vertical-align: middle; }
.table tbody tr:last-child td { border-bottom: 0; }
.table tbody tr:hover { background: #fafbff; }
.table .muted { font-size: 13px; }
.person { display: flex; align-items: center; gap: 12px; }
.person__name { font-weight: 600; }

.avatar {
  display: inline-grid; place-items: center; flex: none; border-radius: 50%;
  font-weight: 650; color: #fff; background: #667085;
}
.avatar--xs { width: 24px; height: 24px; font-size: 10px; }
.avatar--sm { width: 34px; height: 34px; font-size: 12px; }
.avatar--lg { width: 60px; height: 60px; font-size: 20px; }
.avatar--tone-0 { background: #4f6bd8; }
.avatar--tone-1 { background: #2f8f83; }
.avatar--tone-2 { background: #b0644b; }
.avatar--tone-3 { background: #7a5bc0; }
.avatar--tone-4 { background: #c08a2b; }
.avatar--tone-5 { background: #4b7fa3; }

.stage {
  display: inline-block; flex: none; padding: 2px 10px; border-radius: 999px;
  font-size: 12px; font-weight: 600; white-space: nowrap;
}
.stage--applied { background: #eef0f3; color: #475467; }
.stage--screening { background: #e6f0fd; color: #1f5fb4; }
.stage--phone-screen { background: #efeafc; color: #5b3fb0; }
.stage--interview { background: #fdf1dc; color: #95600c; }
.stage--offer { background: #e3f6ec; color: #1b7a48; }

.lang { display: inline-flex; align-items: center; gap: 7px; white-space: nowrap; }
.lang__code {
  padding: 0 5px; border: 1px solid var(--border); border-radius: 4px;
  font-size: 11px; font-weight: 650; color: var(--muted); background: #f9fafb;
}

.profile-layout {
  display: grid; grid-template-columns: minmax(0, 1fr) var(--sidebar); align-items: start;
  /* Paints the sidebar column down to the end of a long page, below the sticky aside. */
  background: linear-gradient(to left, var(--surface) calc(var(--sidebar) - 1px), var(--border) 0 var(--sidebar), transparent 0);
}
.profile-main { display: flex; flex-direction: column; gap: 16px; min-width: 0; padding: 18px 28px 48px; }
.profile-sidebar {
  position: sticky; top: var(--topbar); height: calc(100vh - var(--topbar));
  overflow: auto; background: var(--surface); border-left: 1px solid var(--border);
}
.profile-sidebar__apps { display: flex; flex-direction: column; height: 100%; }
.breadcrumb { display: flex; gap: 8px; font-size: 13px; color: var(--muted); }

.profile-header { display: flex; align-items: flex-start; gap: 18px; padding: 22px; }
.profile-header__body { flex: 1; min-width: 0; }
.profile-header h1 { font-size: 22px; font-weight: 650; line-height: 1.25; }
.profile-header__headline { margin-top: 2px; color: var(--muted); }
.contact { display: flex; flex-wrap: wrap; gap: 6px 20px; margin: 12px 0 0; padding: 0; list-style: none; }
.contact li { display: flex; align-items: center; gap: 6px; }
.icon { flex: none; color: var(--muted); }

.profile-grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 8px 18px; margin: 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; min-width: 0; }
.candidate-job { font-weight: 600; }
.summary { line-height: 1.6; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 14px 0 0; padding: 0; list-style: none; }
.chips li { padding: 2px 10px; border-radius: 999px; background: var(--accent-soft); color: #2b4bb8; font-size: 12px; font-weight: 500; }

.notes { display: flex; flex-direction: column; gap: 14px; margin: 0; padding: 0; list-style: none; }
.note + .note { padding-top: 14px; border-top: 1px solid var(--border); }
.note__meta { display: flex; align-items: center; gap: 8px; margin-bottom: 4px; }
.note__meta time { color: var(--muted); font-size: 13px; }
.note p { padding-left: 32px; }

.others { margin: 0; padding: 0; list-style: none; }
.others li { display: flex; align-items: center; gap: 10px; padding: 8px 0; border-top: 1px solid var(--border); }
.others li:first-child { border-top: 0; padding-top: 0; }
.others a { font-weight: 600; white-space: nowrap; }
.others .muted { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }

.empty-state { text-align: center; padding-top: 96px; }
.empty-state h1 { font-size: 22px; margin-bottom: 6px; }
.empty-state p + p { margin-top: 16px; }

.loading { display: flex; align-items: center; justify-content: center; gap: 10px; padding: 120px 0; color: var(--muted); }
.spinner {
  width: 18px; height: 18px; border-radius: 50%;
  border: 2px solid var(--border); border-top-color: var(--accent); animation: spin .7s linear infinite;
}
@keyframes spin { to { transform: rotate(360deg); } }

@media (max-width: 1100px) { .profile-grid { grid-template-columns: minmax(0, 1fr); } }
@media (max-width: 900px) {
  .profile-layout { grid-template-columns: minmax(0, 1fr); background: none; }
  .profile-sidebar { position: static; height: 640px; border-left: 0; border-top: 1px solid var(--border); }
}
`);
