/**
 * The candidate's interview page, mounted at `/i`: `GET|POST /i/{token}` and
 * `GET /i/{token}/interview.ics`. Plain HTML forms (POST), no JavaScript, phone first, in the
 * invitation's language, the time in the candidate's zone with the zone named. Every value goes
 * through hono/html's escaping.
 * @module
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { candidateTime } from '../../shared/domain/interviews.ts';
import type { AppEnv } from '../env.ts';
import { type Html, htmlPage, tokenPageHeaders } from '../lib/html-page.ts';
import { requestOrigin } from '../services/audit.ts';
import { type ClosedInterviewPage, answerOnPage, interviewCalendar, type OpenInterviewPage, openInterviewPage } from '../services/interview-pages.ts';
import { interviewPageWording } from '../services/interview-wording.ts';
import type { CandidateAnswer } from '../services/interviews.ts';

const closedStatus = { unknown: 404, expired: 410 } as const;

function closed(page: ClosedInterviewPage) {
  const w = interviewPageWording.en;
  return htmlPage({ language: 'en', title: w.title, body: html`<h1>${w.title}</h1><p data-testid="interview-link-gone">${w.linkGone[page.reason]}</p>` });
}

const when = (page: OpenInterviewPage, startsAt: string) => {
  const t = candidateTime(new Date(startsAt), page.interview.candidate_time_zone, page.language);
  return `${t.date}, ${t.time}`;
};

/** The page as it stands: the details, then what the candidate can do now (or what they did). */
function render(page: OpenInterviewPage, token: string, notice: { text: string; error: boolean } | null): Html {
  const w = interviewPageWording[page.language];
  const { interview } = page;
  const free = page.slots.filter((slot) => slot.available === 1);
  const status: Record<string, string | null> = {
    confirmed: w.confirmed,
    declined: w.declined,
    reschedule_requested: w.rescheduleRequested(page.company),
    cancelled: w.cancelled,
    invited: null,
    awaiting_pick: free.length ? null : w.noneFree(page.company),
  };
  const answerButton = (answer: string, label: string) =>
    html`<form method="post" action="/i/${token}"><input type="hidden" name="answer" value="${answer}" /><button data-testid="interview-${answer}">${label}</button></form>`;
  const actions =
    interview.state === 'invited'
      ? html`${answerButton('confirm', w.confirm)}${answerButton('decline', w.decline)}${answerButton('reschedule', w.askReschedule)}`
      : interview.state === 'awaiting_pick' && free.length
        ? html`<h2>${w.pickTitle}</h2>
            <form method="post" action="/i/${token}">
              <input type="hidden" name="answer" value="pick" />
              <fieldset data-testid="interview-slots">
                ${free.map(
                  (slot, index) =>
                    html`<label><input type="radio" name="slot" value="${slot.id}" required ${index === 0 ? 'checked' : ''} /> ${when(page, slot.starts_at)}</label>`,
                )}
              </fieldset>
              <button data-testid="interview-pick">${w.pick}</button>
            </form>
            ${answerButton('decline', w.decline)}${answerButton('reschedule', w.askReschedule)}`
        : interview.state === 'confirmed'
          ? html`${
              // Still possible after confirming: they may no longer be able to come.
              answerButton('decline', w.decline)
            }`
          : '';
  const statusText = status[interview.state];
  return htmlPage({
    language: page.language,
    title: `${w.title}: ${interview.title}`,
    body: html`<h1>${interview.title}</h1>
      <p>${page.company}</p>
      ${notice ? html`<p class="${notice.error ? 'error' : ''}" role="${notice.error ? 'alert' : 'status'}" data-testid="interview-notice">${notice.text}</p>` : ''}
      <dl>
        ${interview.starts_at ? html`<dt>${w.when}</dt><dd data-testid="interview-when">${when(page, interview.starts_at)}</dd>` : ''}
        ${interview.location ? html`<dt>${w.where}</dt><dd>${interview.location}</dd>` : ''}
        ${interview.video_link ? html`<dt>${w.video}</dt><dd><a href="${interview.video_link}">${interview.video_link}</a></dd>` : ''}
        <dt>${w.with}</dt><dd>${interview.interviewer_name}</dd>
      </dl>
      ${statusText ? html`<p data-testid="interview-state" data-state="${interview.state}">${statusText}</p>` : ''}
      ${
        (interview.state === 'confirmed' || interview.state === 'cancelled') && interview.starts_at
          ? html`<p><a href="/i/${token}/interview.ics" download="interview.ics" data-testid="interview-ics">${w.calendar}</a></p>`
          : ''
      }
      ${actions}`,
  });
}

const parseAnswer = (form: Record<string, unknown>): CandidateAnswer | null => {
  switch (form.answer) {
    case 'confirm':
      return { kind: 'confirm' };
    case 'decline':
      return { kind: 'decline' };
    case 'reschedule':
      return { kind: 'ask_reschedule' };
    case 'pick':
      return typeof form.slot === 'string' && /^slot_[0-9a-f]{32}$/.test(form.slot) ? { kind: 'pick', slotId: form.slot } : null;
    default:
      return null;
  }
};

export const interviewPageRoutes = new Hono<AppEnv>()
  .use(tokenPageHeaders)
  .get('/:token', async (c) => {
    const token = c.req.param('token');
    const page = await openInterviewPage(c.env, token, c.var.clock.now());
    if (!page.ok) return c.html(closed(page), closedStatus[page.reason]);
    return c.html(render(page, token, null));
  })
  .post('/:token', async (c) => {
    const token = c.req.param('token');
    const now = c.var.clock.now();
    const page = await openInterviewPage(c.env, token, now);
    if (!page.ok) return c.html(closed(page), closedStatus[page.reason]);
    const w = interviewPageWording[page.language];
    const answer = parseAnswer(await c.req.parseBody());
    if (!answer) return c.html(render(page, token, { text: w.notOpen, error: true }), 422);
    const outcome = await answerOnPage(c.env, page, answer, requestOrigin(c.req.raw), now);
    const after = await openInterviewPage(c.env, token, now);
    if (!after.ok) return c.html(closed(after), closedStatus[after.reason]);
    if (outcome.ok) return c.html(render(after, token, null));
    // A slot (or the invited time) the interviewer gave to someone else meanwhile: the remaining slots.
    if (outcome.reason === 'taken') return c.html(render(after, token, { text: w.taken, error: true }), 409);
    return c.html(render(after, token, { text: w.notOpen, error: true }), 409);
  })
  .get('/:token/interview.ics', async (c) => {
    const token = c.req.param('token');
    const now = c.var.clock.now();
    const page = await openInterviewPage(c.env, token, now);
    if (!page.ok) return c.html(closed(page), closedStatus[page.reason]);
    const calendar = interviewCalendar(c.env, page.interview, token, now);
    if (!calendar) return c.html(render(page, token, { text: interviewPageWording[page.language].notOpen, error: true }), 409);
    return c.body(calendar, 200, {
      'Content-Type': `text/calendar; charset=utf-8; method=${page.interview.state === 'cancelled' ? 'CANCEL' : 'REQUEST'}`,
      'Content-Disposition': 'attachment; filename="interview.ics"',
      'Cache-Control': 'no-store',
    });
  });
