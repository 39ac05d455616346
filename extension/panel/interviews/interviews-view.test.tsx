import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Candidate } from '@shared/api/candidates.ts';
import type { Interview, ScheduleInterviewBody } from '@shared/api/interviews.ts';
import { candidateTime, wallTimeOf, zonedInstant } from '@shared/domain/interviews.ts';
import { createApi } from '../../api/client.ts';
import { allByTestId, byTestId, click, typeInto, until } from '../../testing/dom.ts';
import { renderAsync } from '../../testing/render.tsx';
import { ApiProvider } from '../../ui/api-context.tsx';
import { InterviewsView } from './interviews-view.tsx';
import { recruiterZone } from './labels.ts';

// Noon on 4 December 2026 (UTC); the form starts tomorrow at 10:00 in the recruiter's zone.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime('2026-12-04T12:00:00Z');
});
afterEach(() => vi.useRealTimers());

// A Berlin mobile number: the candidate's zone comes from it.
const ada: Candidate = {
  id: 'cand-1',
  ats: 'demo',
  atsCandidateId: 'c-1',
  name: 'Ada Lovelace',
  phone: '+4915112345678',
  phoneCountry: 'DE',
  email: 'ada@example.com',
  jobTitle: 'Backend Engineer',
  language: 'en',
  consent: { sms: 'granted', whatsapp: 'none' },
  quietHours: null,
};

/** The invitation as the recruiter reads it: its text with what each field holds (or suggests) in place. */
const asRead = (form: Element) =>
  [...form.childNodes].map((node) => (node instanceof HTMLInputElement ? node.value || node.placeholder : node.textContent)).join('');

const INVITATION = 'Hi {{candidate.first_name}}, {{interview.title}} on {{interview.date}} at {{interview.time}}. Reply 1 or YES. {{interview.link}}';
const tomorrow = () => wallTimeOf(new Date('2026-12-05T12:00:00Z'), recruiterZone()).date;
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The worker's interview routes as the panel sees them, keeping what was scheduled. */
function fakeWorker(slotsBody = 'Pick a time: {{interview.link}}') {
  const interviews: Interview[] = [];
  const posted: { path: string; body: unknown }[] = [];
  const asInterview = (body: ScheduleInterviewBody): Interview => {
    const startsAt = body.time.kind === 'fixed' ? body.time.startsAt : null;
    return {
      id: `int-${interviews.length + 1}`,
      candidateId: body.candidateId,
      title: body.title,
      kind: body.time.kind,
      state: body.time.kind === 'fixed' ? 'invited' : 'awaiting_pick',
      startsAt,
      endsAt: startsAt && new Date(new Date(startsAt).getTime() + body.time.durationMinutes * 60_000).toISOString(),
      durationMinutes: body.time.durationMinutes,
      slots:
        body.time.kind === 'self_schedule' && 'starts' in body.time.slots
          ? body.time.slots.starts.map((s, i) => ({ id: `slot-${i}`, startsAt: s, endsAt: s, available: true }))
          : [],
      location: body.location,
      videoLink: body.videoLink,
      interviewer: { userId: 'u-1', name: 'Rita Recruiter' },
      channel: body.channel,
      candidateTimeZone: body.candidateTimeZone ?? 'UTC',
      language: body.language ?? 'en',
      reminders: (body.reminders ?? []).map((r, i) => ({
        id: `rem-${i}`,
        offsetMinutes: r.offsetMinutes,
        channel: r.channel ?? body.channel,
        templateId: null,
        body: '',
        state: 'pending',
        dueAt: startsAt && new Date(new Date(startsAt).getTime() - r.offsetMinutes * 60_000).toISOString(),
        reason: null,
        messageId: null,
      })),
      lastMessageId: 'msg-1',
      sequence: 0,
      createdAt: '2026-12-04T12:00:00.000Z',
      updatedAt: '2026-12-04T12:00:00.000Z',
    };
  };
  const api = createApi({
    origin: 'http://worker.test',
    getToken: async () => 'token',
    fetch: async (input, init) => {
      const url = new URL(String(input));
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : null;
      if (init?.method === 'POST') posted.push({ path: url.pathname, body });
      if (url.pathname === '/v1/me')
        return json(200, {
          id: 'u-1',
          tenantId: 't-1',
          tenantName: 'Acme',
          email: 'r@acme.test',
          name: 'Rita Recruiter',
          role: 'recruiter',
          seat: true,
          seatAdmins: [],
        });
      if (url.pathname === '/v1/templates')
        return json(200, {
          templates: [
            {
              id: 'tpl-1',
              name: 'Invitation',
              language: 'en',
              channels: ['sms', 'whatsapp'],
              body: INVITATION,
              purpose: 'interview_invitation',
              whatsapp: null,
            },
            {
              id: 'tpl-2',
              name: 'Slots',
              language: 'en',
              channels: ['sms', 'whatsapp'],
              body: slotsBody,
              purpose: 'interview_slots',
              whatsapp: null,
            },
          ],
        });
      if (url.pathname === '/v1/interview-settings')
        return json(200, {
          defaultReminders: [
            { offsetMinutes: 1440, channel: null },
            { offsetMinutes: 60, channel: null },
          ],
        });
      if (url.pathname.endsWith('/sender')) return json(200, { phoneNumber: '+4930555000', country: 'DE', international: false });
      if (url.pathname === '/v1/interviews' && init?.method === 'POST') {
        const interview = asInterview(body as ScheduleInterviewBody);
        interviews.unshift(interview);
        return json(201, interview);
      }
      if (url.pathname === '/v1/interviews') return json(200, { interviews });
      const cancel = /^\/v1\/interviews\/([^/]+)\/cancel$/.exec(url.pathname);
      if (cancel) {
        const index = interviews.findIndex((i) => i.id === cancel[1]);
        interviews[index] = { ...interviews[index]!, state: 'cancelled', reminders: interviews[index]!.reminders.map((r) => ({ ...r, state: 'cancelled' })) };
        return json(200, interviews[index]);
      }
      return json(404, { error: { code: 'not_found', message: `no fake for ${url.pathname}`, requestId: 'r' } });
    },
  });
  return { api, posted };
}

describe('the Interviews view', () => {
  test('schedules a fixed time entered in the recruiter’s zone, shows it in the candidate’s, with the default reminders, then cancels it', async () => {
    const { api, posted } = fakeWorker();
    await renderAsync(
      <ApiProvider api={api}>
        <InterviewsView candidate={ada} />
      </ApiProvider>,
    );
    await until(() => byTestId('interviews-empty'));
    await click(byTestId('schedule-interview'));

    // The template's text, rendered as Ada will read it: her local time, naming her zone.
    const start = zonedInstant(tomorrow(), '10:00', recruiterZone());
    const there = candidateTime(start, 'Europe/Berlin', 'en');
    const preview = await until(() => byTestId('merge-form')?.textContent?.includes(there.time) && byTestId('merge-form'));
    expect(preview.textContent).toBe(`Hi Ada, Interview: Backend Engineer on ${there.date} at ${there.time}. Reply 1 or YES. [link to their interview page]`);
    expect(byTestId('interview-zones')?.textContent).toContain('in Europe/Berlin for Ada');
    // WhatsApp has no consent: offered, but not choosable, and says why.
    const whatsapp = [...document.querySelectorAll<HTMLInputElement>('input[type="radio"]')][1]!;
    expect(whatsapp.disabled).toBe(true);
    expect(whatsapp.parentElement?.textContent).toContain('no consent yet');
    await until(() => allByTestId('interview-form-reminders')[0]?.textContent?.includes('1 day before'));

    await click(byTestId('send-invitation'));
    const card = await until(() => byTestId('interview-card'));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body).toMatchObject({
      candidateId: 'cand-1',
      title: 'Interview: Backend Engineer',
      time: { kind: 'fixed', startsAt: start.toISOString(), durationMinutes: 45 },
      channel: 'sms',
      candidateTimeZone: 'Europe/Berlin',
      language: 'en',
      body: INVITATION,
      reminders: [{ offsetMinutes: 1440 }, { offsetMinutes: 60 }],
    });
    expect(card.querySelector('[data-testid="interview-state"]')?.textContent).toBe('Invited, waiting for an answer');
    expect(card.querySelector('[data-testid="interview-when"]')?.textContent).toContain('in Europe/Berlin for the candidate');
    expect(allByTestId('interview-reminder').map((r) => r.textContent?.split(' (')[0])).toEqual([
      '1 day before · SMS · Scheduled',
      '1 hour before · SMS · Scheduled',
    ]);

    await click([...card.querySelectorAll('button')].find((b) => b.textContent === 'Cancel interview'));
    await click(byTestId('confirm-cancel'));
    await until(() => byTestId('interview-state')?.getAttribute('data-state') === 'cancelled');
    expect(posted[1]).toEqual({ path: '/v1/interviews/int-1/cancel', body: { notifyCandidate: true } });
    expect(allByTestId('interview-reminder').every((r) => r.dataset.state === 'cancelled')).toBe(true);
  });

  test('offers times cut from a range, and refuses to send a message with a broken merge field', async () => {
    const { api, posted } = fakeWorker();
    await renderAsync(
      <ApiProvider api={api}>
        <InterviewsView candidate={ada} />
      </ApiProvider>,
    );
    await click(await until(() => byTestId('schedule-interview')));
    await click(byTestId('interview-mode')!.querySelector('[data-value="self_schedule"]'));
    await click(byTestId('fill-range'));
    // 09:00 to 12:00 in 45-minute slots: 09:00, 09:45, 10:30, 11:15 (ends 12:00).
    const starts = ['09:00', '09:45', '10:30', '11:15'].map((time) => zonedInstant(tomorrow(), time, recruiterZone()).toISOString());
    expect(byTestId('interview-slots')!.querySelectorAll('li')).toHaveLength(4);

    // The template as Ada reads it, the page link standing in for the one the worker makes; edited as text, never as syntax.
    await until(() => byTestId('merge-form')?.textContent === 'Pick a time: [link to their interview page]');
    await click(byTestId('interview-edit-as-text'));
    const message = byTestId<HTMLTextAreaElement>('interview-message')!;
    expect(message.value).toBe('Pick a time: [link to their interview page]');
    // Own words are still a template to the worker: a merge field typed wrong is caught here.
    await typeInto(message, 'Pick a time: {{interview.lnk}}');
    expect(byTestId('template-problems')?.textContent).toContain('interview.link');
    expect(byTestId<HTMLButtonElement>('send-invitation')!.disabled).toBe(true);

    await typeInto(message, 'Pick a time that suits you: [link to their interview page]');
    await click(byTestId('send-invitation'));
    await until(() => byTestId('interview-offered'));
    expect(posted[0]!.body).toMatchObject({
      time: { kind: 'self_schedule', durationMinutes: 45, slots: { starts } },
      body: 'Pick a time that suits you: {{interview.link}}',
    });
    expect(byTestId('interview-state')?.textContent).toBe('Times offered, waiting for a pick');
  });

  test('asks in the invitation for what neither Parley nor the form knows, and sends it written in, the rest for the worker', async () => {
    const { api, posted } = fakeWorker(
      'Hi {{candidate.first_name | "there"}}, pick a time for the {{job.title}} role, {{interview.location | "online"}}: {{interview.link}}',
    );
    await renderAsync(
      <ApiProvider api={api}>
        <InterviewsView candidate={{ ...ada, jobTitle: null }} />
      </ApiProvider>,
    );
    await click(await until(() => byTestId('schedule-interview')));
    await click(byTestId('interview-mode')!.querySelector('[data-value="self_schedule"]'));
    const form = await until(() => byTestId('merge-form'));
    expect(form.textContent).toBe('Hi Ada, pick a time for the  role, online: [link to their interview page]');
    const jobTitle = form.querySelector<HTMLInputElement>('input[aria-label="Job title"]')!;
    expect(jobTitle.required).toBe(true);
    expect(byTestId('merge-missing')!.textContent).toBe('To send, fill in: job title.');
    expect(byTestId<HTMLButtonElement>('send-invitation')!.disabled).toBe(true);

    await typeInto(jobTitle, 'Data Engineer');
    expect(asRead(form)).toBe('Hi Ada, pick a time for the Data Engineer role, online: [link to their interview page]');
    expect(byTestId('template-encoding')!.textContent).toBe('GSM-7 · 1 segment');

    // Edited as text, then the place changes: the text no longer says what the form does.
    await click(byTestId('interview-edit-as-text'));
    expect(byTestId<HTMLTextAreaElement>('interview-message')!.value).toBe(
      'Hi Ada, pick a time for the Data Engineer role, online: [link to their interview page]',
    );
    await typeInto(document.querySelector<HTMLInputElement>('input[placeholder="Office, address"]')!, '1 Market Street');
    expect(byTestId('interview-message-stale')!.textContent).toBe(
      'The time or place changed after you edited the message: check its text, or fill the template again.',
    );
    expect(byTestId<HTMLButtonElement>('send-invitation')!.disabled).toBe(true);
    await click(byTestId('interview-use-template'));
    expect(byTestId('merge-form')!.querySelector<HTMLInputElement>('input[aria-label="Job title"]')!.value).toBe('Data Engineer');
    expect(asRead(byTestId('merge-form')!)).toBe('Hi Ada, pick a time for the Data Engineer role, 1 Market Street: [link to their interview page]');

    await click(byTestId('send-invitation'));
    await until(() => byTestId('interview-offered'));
    expect(posted[0]!.body).toMatchObject({
      body: 'Hi {{candidate.first_name | "there"}}, pick a time for the Data Engineer role, {{interview.location | "online"}}: {{interview.link}}',
    });
  });
});
