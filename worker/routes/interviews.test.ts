/**
 * Interviews through the API, the candidate's replies and page, and the reminders scheduler: D1 in
 * workerd, the demo tenant (no quiet hours), Ada (SMS and WhatsApp consent, +14155550101).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Interview } from '../../shared/api/interviews.ts';
import { authed, call, clock, count, DEMO, env, fromNow, outboxSettled, seedDemo, seedOtherTenant, signIn } from '../../test/worker/support.ts';
import { DUE_SCAN_SQL } from '../db/queries/interview-reminders.ts';
import { sendDueReminders } from '../services/interview-reminders.ts';

const ADA = 'cand_demo_c1001';
const ADA_PHONE = '+14155550101';
const HOUR = 3_600_000;
let rita: string;
let admin: string;

beforeAll(async () => {
  await seedDemo();
  rita = await signIn();
  admin = await signIn(DEMO.admin.email);
});

/** A whole hour some days ahead, so tests do not depend on the minute they run. */
const ahead = (days: number, hour = 0) => new Date(Math.ceil(fromNow(days * 24 * HOUR).getTime() / HOUR) * HOUR + hour * HOUR);

async function schedule(body: Record<string, unknown>, token = rita): Promise<Interview> {
  const response = await call('/v1/interviews', authed(token, 'POST', { candidateId: ADA, title: 'Interview: Backend Engineer', channel: 'sms', ...body }));
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Interview;
}
const fixedAt = (start: Date, durationMinutes = 45) => ({ kind: 'fixed', startsAt: start.toISOString(), durationMinutes });
const get = async (id: string) => (await (await call(`/v1/interviews/${id}`, authed(rita))).json()) as Interview;
const bodyOf = async (messageId: string | null) =>
  (await env.DB.prepare(`SELECT body FROM messages WHERE id = ?`).bind(messageId).first<{ body: string }>())?.body ?? '';
const reply = (body: string, channel = 'sms') =>
  call(`/sandbox/phone/${encodeURIComponent(ADA_PHONE)}/reply`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ body, to: '+14155550100', channel, integrationId: 'int_demo_sandbox' }),
  });
const pagePath = (text: string) => /\/i\/[A-Za-z0-9_-]{48}/.exec(text)?.[0] ?? '';
const audits = (action: string) => count('audit_events', 'action = ?', action);
/** Interviews in other tests use other days: each test's interviews and their interviewer's calendar are its own. */
let day = 2;
const nextDay = () => day++;

describe('scheduling at a fixed time', () => {
  it('sends the invitation through the gate with the time in the candidate’s zone, the keywords and the link', async () => {
    const start = ahead(nextDay());
    const interview = await schedule({ time: fixedAt(start), location: '1 Market St' });
    expect(interview).toMatchObject({
      state: 'invited',
      kind: 'fixed',
      startsAt: start.toISOString(),
      candidateTimeZone: 'America/Los_Angeles',
      language: 'en',
      interviewer: { userId: DEMO.recruiter.id, name: 'Rita Ortiz' },
      sequence: 0,
    });
    // The tenant's defaults: 24 h and 1 h before.
    expect(interview.reminders.map((r) => [r.offsetMinutes, r.state, r.dueAt])).toEqual([
      [1440, 'pending', new Date(start.getTime() - 24 * HOUR).toISOString()],
      [60, 'pending', new Date(start.getTime() - HOUR).toISOString()],
    ]);
    const text = await bodyOf(interview.lastMessageId);
    expect(text).toContain('(America/Los Angeles)');
    expect(text).toContain('Reply 1 or YES to confirm, 2 or NO to decline');
    expect(text).toContain('http://parley.test/i/');
    expect(await audits('interview.scheduled')).toBeGreaterThan(0);
    await outboxSettled();
    expect(await count('sandbox_traffic', `direction = 'to_phone' AND body = ?`, text)).toBe(1);
  });

  it('a reply "1" confirms while the invitation waits, is stored in the thread, and a second "1" is an ordinary message', async () => {
    const interview = await schedule({ time: fixedAt(ahead(nextDay())) });
    expect((await reply('1')).status).toBe(303);
    expect((await get(interview.id)).state).toBe('confirmed');
    expect(
      await count(
        'events',
        `kind = 'interview.changed' AND json_extract(payload, '$.interviewId') = ? AND json_extract(payload, '$.state') = 'confirmed'`,
        interview.id,
      ),
    ).toBe(1);
    expect(await count('audit_events', `action = 'interview.confirmed' AND detail LIKE ?`, `%${interview.id}%`)).toBe(1);
    await reply('1');
    const thread = (await (await call(`/v1/candidates/${ADA}/messages?channel=sms`, authed(rita))).json()) as {
      messages: { body: string; direction: string }[];
    };
    expect(thread.messages.filter((m) => m.direction === 'inbound' && m.body === '1').length).toBeGreaterThanOrEqual(2);
    expect((await get(interview.id)).state).toBe('confirmed');
  });

  it('a reply "NO" declines and cancels the pending reminders', async () => {
    const interview = await schedule({ time: fixedAt(ahead(nextDay())) });
    await reply('No.');
    const declined = await get(interview.id);
    expect(declined.state).toBe('declined');
    expect(declined.reminders.map((r) => [r.state, r.reason])).toEqual([
      ['cancelled', 'The candidate declined the interview.'],
      ['cancelled', 'The candidate declined the interview.'],
    ]);
  });

  it('a reply on the other channel, or STOP, is no answer (STOP revokes, as always)', async () => {
    const interview = await schedule({ time: fixedAt(ahead(nextDay())) });
    await reply('yes', 'whatsapp');
    expect((await get(interview.id)).state).toBe('invited');
    await reply('STOP');
    expect((await get(interview.id)).state).toBe('invited');
    expect((await env.DB.prepare(`SELECT state FROM consents WHERE candidate_id = ? AND channel = 'sms'`).bind(ADA).first<{ state: string }>())?.state).toBe(
      'revoked',
    );
    // Consent back for the tests that follow (as an admin's import would).
    await env.DB.prepare(`UPDATE consents SET state = 'granted' WHERE candidate_id = ? AND channel = 'sms'`).bind(ADA).run();
  });
});

describe('the candidate’s list', () => {
  it('puts open interviews before declined or cancelled ones, each upcoming soonest first', async () => {
    const [first, second, third] = [nextDay(), nextDay(), nextDay()];
    const soonCancelled = await schedule({ title: 'Soon, cancelled', time: fixedAt(ahead(first)) });
    expect((await call(`/v1/interviews/${soonCancelled.id}/cancel`, authed(rita, 'POST', { notifyCandidate: false }))).status).toBe(200);
    const later = await schedule({ title: 'Later, open', time: fixedAt(ahead(third)) });
    const sooner = await schedule({ title: 'Sooner, open', time: fixedAt(ahead(second)) });
    const { interviews } = (await (await call(`/v1/interviews?candidateId=${ADA}`, authed(rita))).json()) as { interviews: Interview[] };
    const ids = interviews.map((i) => i.id);
    expect(ids.indexOf(sooner.id)).toBeLessThan(ids.indexOf(later.id));
    expect(ids.indexOf(later.id)).toBeLessThan(ids.indexOf(soonCancelled.id));
    expect(interviews.slice(ids.indexOf(soonCancelled.id)).every((i) => i.state === 'declined' || i.state === 'cancelled')).toBe(true);
  });
});

describe('self-scheduling on the candidate page (no JavaScript)', () => {
  it('shows the slots in the candidate’s zone, takes a pick, offers the .ics; a cancel makes it METHOD:CANCEL with a higher SEQUENCE', async () => {
    const first = ahead(nextDay(), 17);
    const interview = await schedule({
      time: {
        kind: 'self_schedule',
        durationMinutes: 30,
        slots: { range: { from: first.toISOString(), to: new Date(first.getTime() + 2 * HOUR).toISOString() } },
      },
    });
    expect(interview.state).toBe('awaiting_pick');
    expect(interview.slots).toHaveLength(4);
    expect(interview.reminders.every((r) => r.dueAt === null)).toBe(true);
    const path = pagePath(await bodyOf(interview.lastMessageId));
    const page = await call(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('<script');
    expect(html).toContain('(America/Los Angeles)');
    expect(html).toContain('data-testid="interview-slots"');

    const slot = interview.slots[1]!;
    const picked = await call(path, { method: 'POST', body: new URLSearchParams({ answer: 'pick', slot: slot.id }) });
    expect(picked.status).toBe(200);
    expect(await picked.text()).toContain('data-state="confirmed"');
    const confirmed = await get(interview.id);
    expect(confirmed).toMatchObject({ state: 'confirmed', startsAt: slot.startsAt, endsAt: slot.endsAt });
    expect(confirmed.reminders.map((r) => r.dueAt)).toEqual([
      new Date(Date.parse(slot.startsAt) - 24 * HOUR).toISOString(),
      new Date(Date.parse(slot.startsAt) - HOUR).toISOString(),
    ]);

    const ics = await call(`${path}/interview.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('Content-Type')).toContain('text/calendar');
    const calendar = await ics.text();
    expect(calendar).toContain(`\r\nUID:${interview.id}@parley.test\r\n`);
    expect(calendar).toContain('\r\nMETHOD:REQUEST\r\n');
    expect(calendar).toContain('\r\nSEQUENCE:0\r\n');

    const cancel = await call(`/v1/interviews/${interview.id}/cancel`, authed(rita, 'POST', {}));
    expect(cancel.status).toBe(200);
    const cancelled = (await cancel.json()) as Interview;
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.reminders.every((r) => r.state === 'cancelled')).toBe(true);
    const after = await (await call(`${path}/interview.ics`)).text();
    expect(after).toContain(`\r\nUID:${interview.id}@parley.test\r\n`);
    expect(after).toContain('\r\nMETHOD:CANCEL\r\n');
    expect(after).toContain('\r\nSEQUENCE:1\r\n');
    expect(await bodyOf(cancelled.lastMessageId)).toContain('will not take place');
  });

  it('cancels an offer nobody picked yet, telling the candidate (no time to name)', async () => {
    const first = ahead(nextDay(), 17);
    const interview = await schedule({ time: { kind: 'self_schedule', durationMinutes: 30, slots: { starts: [first.toISOString()] } } });
    const cancel = await call(`/v1/interviews/${interview.id}/cancel`, authed(rita, 'POST', {}));
    expect(cancel.status, await cancel.clone().text()).toBe(200);
    const cancelled = (await cancel.json()) as Interview;
    expect(cancelled.state).toBe('cancelled');
    expect(await bodyOf(cancelled.lastMessageId)).toContain('will not take place');
    // Nothing to put in a calendar: it never had a time.
    expect((await call(`${pagePath(await bodyOf(interview.lastMessageId))}/interview.ics`)).status).toBe(409);
  });

  it('refuses a forged, altered or expired link, and an unknown answer changes nothing', async () => {
    expect((await call(`/i/${'A'.repeat(48)}`)).status).toBe(404);
    expect((await call('/i/short')).status).toBe(404);
    const interview = await schedule({ time: fixedAt(ahead(nextDay())) });
    const path = pagePath(await bodyOf(interview.lastMessageId));
    const altered = `${path.slice(0, -2)}${path.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await call(altered)).status).toBe(404);
    const bad = await call(path, { method: 'POST', body: new URLSearchParams({ answer: 'maybe' }) });
    expect(bad.status).toBe(422);
    expect((await get(interview.id)).state).toBe('invited');
    // Not confirmed yet: no calendar file.
    expect((await call(`${path}/interview.ics`)).status).toBe(409);
  });
});

describe('two confirmations of overlapping times for one interviewer', () => {
  it('cannot both win, even at the same moment: the loser is told and shown the slots still free', async () => {
    const start = ahead(nextDay(), 15);
    const offer = { kind: 'self_schedule', durationMinutes: 60, slots: { starts: [start.toISOString(), new Date(start.getTime() + 2 * HOUR).toISOString()] } };
    const a = await schedule({ time: offer });
    const b = await schedule({ time: offer });
    const [pathA, pathB] = [pagePath(await bodyOf(a.lastMessageId)), pagePath(await bodyOf(b.lastMessageId))];
    const [ra, rb] = await Promise.all([
      call(pathA, { method: 'POST', body: new URLSearchParams({ answer: 'pick', slot: a.slots[0]!.id }) }),
      call(pathB, { method: 'POST', body: new URLSearchParams({ answer: 'pick', slot: b.slots[0]!.id }) }),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const loser = ra.status === 409 ? { response: ra, interview: a } : { response: rb, interview: b };
    const page = await loser.response.text();
    expect(page).toContain('that time was just taken');
    expect(page).toContain(`value="${loser.interview.slots[1]!.id}"`);
    expect(page).not.toContain(`value="${loser.interview.slots[0]!.id}"`);
    expect((await get(loser.interview.id)).state).toBe('awaiting_pick');
    expect(await count('interviews', `state = 'confirmed' AND starts_at = ? AND interviewer_user_id = ?`, start.toISOString(), DEMO.recruiter.id)).toBe(1);
  });
});

describe('the reminders scheduler', () => {
  it('sends a due reminder exactly once under overlapping runs, through the outbox to the phone', async () => {
    const start = ahead(nextDay(), 18);
    const interview = await schedule({
      time: fixedAt(start),
      reminders: [{ offsetMinutes: 120, body: 'Once only: {{interview.title}} at {{interview.time}}' }],
    });
    const due = new Date(start.getTime() - 119 * 60_000);
    const runs = await Promise.all([sendDueReminders(env, due), sendDueReminders(env, due), sendDueReminders(env, due)]);
    expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(1);
    expect((await sendDueReminders(env, due)).sent).toBe(0);
    const [reminder] = (await get(interview.id)).reminders;
    expect(reminder).toMatchObject({ state: 'sent', messageId: expect.any(String) });
    await outboxSettled();
    expect(await count('sandbox_traffic', `direction = 'to_phone' AND body LIKE 'Once only:%'`)).toBe(1);
  });

  it('does not send before its time, and skips with a reason once consent is withdrawn', async () => {
    const start = ahead(nextDay(), 18);
    const interview = await schedule({ time: fixedAt(start), reminders: [{ offsetMinutes: 60 }] });
    expect((await sendDueReminders(env, new Date(start.getTime() - 61 * 60_000))).sent).toBe(0);
    await env.DB.prepare(`UPDATE consents SET state = 'revoked' WHERE candidate_id = ? AND channel = 'sms'`).bind(ADA).run();
    await sendDueReminders(env, new Date(start.getTime() - 59 * 60_000));
    await env.DB.prepare(`UPDATE consents SET state = 'granted' WHERE candidate_id = ? AND channel = 'sms'`).bind(ADA).run();
    expect((await get(interview.id)).reminders[0]).toMatchObject({ state: 'skipped', reason: 'Not sent: The candidate withdrew consent to SMS messages.' });
  });

  it('skips a WhatsApp reminder once the 24-hour window closed (no approved template)', async () => {
    const start = ahead(nextDay(), 18);
    await env.DB.prepare(
      `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at) VALUES (?, ?, 'whatsapp', 'granted', 'admin_import', ?)
       ON CONFLICT DO UPDATE SET state = 'granted'`,
    )
      .bind(DEMO.tenantId, ADA, clock.now().toISOString())
      .run();
    const interview = await schedule({ time: fixedAt(start), reminders: [{ offsetMinutes: 60, channel: 'whatsapp' }] });
    // Ada's last WhatsApp message, if any, is days before the reminder's time: the window is closed.
    await sendDueReminders(env, new Date(start.getTime() - 59 * 60_000));
    const [reminder] = (await get(interview.id)).reminders;
    expect(reminder?.state).toBe('skipped');
    expect(reminder?.reason).toMatch(/^Not sent: More than 24 hours have passed/);
  });

  it('skips a reminder quiet hours would hold past the start, and lets one go whose hold ends before', async () => {
    // 21:00–08:00 in Ada's zone (America/Los_Angeles); an interview at 08:30 local the day after tomorrow.
    await call('/v1/compliance-settings', authed(admin, 'PUT', { defaultOptIn: 'double', defaultQuietHours: { start: '21:00', end: '08:00' }, countries: [] }));
    try {
      const d = ahead(nextDay());
      const localDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(d);
      const { zonedInstant } = await import('../../shared/domain/interviews.ts');
      const start = zonedInstant(localDate, '08:30', 'America/Los_Angeles');
      const interview = await schedule({ time: fixedAt(start), reminders: [{ offsetMinutes: 60 }, { offsetMinutes: 10 * 60 }] });
      // Both due in the night (22:30 and 07:30 local): each is held until 08:00, before the 08:30 start.
      await sendDueReminders(env, new Date(start.getTime() - 10 * 60 * 60_000 + 60_000));
      await sendDueReminders(env, new Date(start.getTime() - 59 * 60_000));
      const reminders = (await get(interview.id)).reminders;
      const byOffset = Object.fromEntries(reminders.map((r) => [r.offsetMinutes, r]));
      // 22:30 the night before: held until 08:00, which is before 08:30 — it goes (held).
      expect(byOffset[600]).toMatchObject({ state: 'sent' });
      const held = await env.DB.prepare(`SELECT status, send_at FROM messages WHERE id = ?`)
        .bind(byOffset[600]!.messageId)
        .first<{ status: string; send_at: string }>();
      expect(held?.status).toBe('scheduled');
      // 07:30: held until 08:00, also before the start.
      expect(byOffset[60]).toMatchObject({ state: 'sent' });

      const late = zonedInstant(localDate, '08:00', 'America/Los_Angeles');
      const tooLate = await schedule({ time: fixedAt(new Date(late.getTime() + 24 * HOUR)), reminders: [{ offsetMinutes: 30 }] });
      await sendDueReminders(env, new Date(late.getTime() + 24 * HOUR - 29 * 60_000));
      expect((await get(tooLate.id)).reminders[0]?.reason).toMatch(/^Not sent: Quiet hours .* after the interview starts\.$/);
    } finally {
      await call(
        '/v1/compliance-settings',
        authed(admin, 'PUT', { defaultOptIn: 'double', defaultQuietHours: { start: '00:00', end: '00:00' }, countries: [] }),
      );
    }
  });

  it('finds due reminders through the (state, due_at) index', async () => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${DUE_SCAN_SQL}`).bind(clock.now().toISOString(), 200).all<{ detail: string }>();
    expect(results.map((r) => r.detail).join(' | ')).toMatch(/USING (COVERING )?INDEX interview_reminders_due/);
  });
});

describe('reschedule and reminders CRUD', () => {
  it('re-invites with the update, re-times the reminders and raises the sequence', async () => {
    const interview = await schedule({ time: fixedAt(ahead(nextDay())) });
    await reply('1');
    const later = ahead(nextDay(), 3);
    const response = await call(`/v1/interviews/${interview.id}/reschedule`, authed(rita, 'POST', { time: fixedAt(later, 60) }));
    expect(response.status).toBe(200);
    const moved = (await response.json()) as Interview;
    expect(moved).toMatchObject({ state: 'invited', startsAt: later.toISOString(), durationMinutes: 60, sequence: 1 });
    expect(moved.reminders.map((r) => r.dueAt)).toEqual([new Date(later.getTime() - 24 * HOUR).toISOString(), new Date(later.getTime() - HOUR).toISOString()]);
    expect(await bodyOf(moved.lastMessageId)).toContain('has moved to');
  });

  it('adds, edits and deletes reminders; a sent one no longer changes', async () => {
    const start = ahead(nextDay(), 19);
    const interview = await schedule({ time: fixedAt(start), reminders: [] });
    const added = await call(`/v1/interviews/${interview.id}/reminders`, authed(rita, 'POST', { offsetMinutes: 30, body: 'Soon: {{interview.time}}' }));
    expect(added.status).toBe(201);
    const reminder = ((await added.json()) as Interview).reminders[0]!;
    const edited = await call(`/v1/interviews/${interview.id}/reminders/${reminder.id}`, authed(rita, 'PATCH', { offsetMinutes: 90 }));
    expect(((await edited.json()) as Interview).reminders[0]).toMatchObject({
      offsetMinutes: 90,
      dueAt: new Date(start.getTime() - 90 * 60_000).toISOString(),
    });
    await sendDueReminders(env, new Date(start.getTime() - 89 * 60_000));
    expect((await call(`/v1/interviews/${interview.id}/reminders/${reminder.id}`, authed(rita, 'PATCH', { offsetMinutes: 20 }))).status).toBe(409);
    expect((await call(`/v1/interviews/${interview.id}/reminders/${reminder.id}`, authed(rita, 'DELETE'))).status).toBe(200);
    expect((await get(interview.id)).reminders).toEqual([]);
  });

  it('keeps default reminders as an admin setting', async () => {
    expect((await call('/v1/interview-settings', authed(rita, 'PUT', { defaultReminders: [] }))).status).toBe(403);
    const put = await call('/v1/interview-settings', authed(admin, 'PUT', { defaultReminders: [{ offsetMinutes: 120, channel: null }] }));
    expect(put.status).toBe(200);
    const interview = await schedule({ time: fixedAt(ahead(nextDay())) });
    expect(interview.reminders.map((r) => r.offsetMinutes)).toEqual([120]);
    await call(
      '/v1/interview-settings',
      authed(admin, 'PUT', {
        defaultReminders: [
          { offsetMinutes: 1440, channel: null },
          { offsetMinutes: 60, channel: null },
        ],
      }),
    );
    expect(await audits('interview_settings.updated')).toBe(2);
  });
});

describe('bad input and other tenants', () => {
  const cases: [string, string, string, unknown][] = [
    [
      'no title',
      'POST',
      '/v1/interviews',
      { candidateId: ADA, channel: 'sms', time: { kind: 'fixed', startsAt: '2030-01-01T10:00:00Z', durationMinutes: 30 } },
    ],
    [
      'a start in the past',
      'POST',
      '/v1/interviews',
      { candidateId: ADA, title: 'x', channel: 'sms', time: { kind: 'fixed', startsAt: '2001-01-01T10:00:00Z', durationMinutes: 30 } },
    ],
    [
      'a duration of 0',
      'POST',
      '/v1/interviews',
      { candidateId: ADA, title: 'x', channel: 'sms', time: { kind: 'fixed', startsAt: '2030-01-01T10:00:00Z', durationMinutes: 0 } },
    ],
    [
      'an unknown zone',
      'POST',
      '/v1/interviews',
      {
        candidateId: ADA,
        title: 'x',
        channel: 'sms',
        candidateTimeZone: 'Mars/Olympus',
        time: { kind: 'fixed', startsAt: '2030-01-01T10:00:00Z', durationMinutes: 30 },
      },
    ],
    [
      'a broken merge field',
      'POST',
      '/v1/interviews',
      {
        candidateId: ADA,
        title: 'x',
        channel: 'sms',
        body: 'See you {{interview.dat}}',
        time: { kind: 'fixed', startsAt: '2030-01-01T10:00:00Z', durationMinutes: 30 },
      },
    ],
    [
      'a range without a slot',
      'POST',
      '/v1/interviews',
      {
        candidateId: ADA,
        title: 'x',
        channel: 'sms',
        time: { kind: 'self_schedule', durationMinutes: 60, slots: { range: { from: '2030-01-01T10:00:00Z', to: '2030-01-01T10:30:00Z' } } },
      },
    ],
    [
      'a reminder 0 minutes before',
      'POST',
      '/v1/interviews',
      {
        candidateId: ADA,
        title: 'x',
        channel: 'sms',
        reminders: [{ offsetMinutes: 0 }],
        time: { kind: 'fixed', startsAt: '2030-01-01T10:00:00Z', durationMinutes: 30 },
      },
    ],
    [
      'settings with a reminder twice',
      'PUT',
      '/v1/interview-settings',
      {
        defaultReminders: [
          { offsetMinutes: 60, channel: null },
          { offsetMinutes: 60, channel: null },
        ],
      },
    ],
  ];
  it.each(cases)('%s: 422, nothing stored', async (_, method, path, body) => {
    const [interviews, messages, audit] = [await count('interviews'), await count('messages'), await count('audit_events')];
    const response = await call(path, authed(method === 'PUT' ? admin : rita, method, body));
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'validation_failed',
      message: expect.any(String),
    });
    expect([await count('interviews'), await count('messages'), await count('audit_events')]).toEqual([interviews, messages, audit]);
  });

  it('refuses a candidate without consent on the channel (409, nothing stored)', async () => {
    const before = await count('interviews');
    const response = await call(
      '/v1/interviews',
      authed(rita, 'POST', { candidateId: 'cand_demo_c1002', title: 'x', channel: 'sms', time: fixedAt(ahead(40)) }),
    );
    expect(response.status).toBe(409);
    expect(await count('interviews')).toBe(before);
  });

  it('answers 404 for another tenant’s candidate, interview and reminder, and changes nothing', async () => {
    const other = await seedOtherTenant();
    // With a seat, so what refuses her is the tenant, not the seat.
    await env.DB.prepare(`UPDATE users SET has_seat = 1 WHERE id = 'usr_other'`).run();
    const eve = await signIn(other.email);
    const mine = await schedule({ time: fixedAt(ahead(nextDay())) });
    const before = await count('interviews');
    const probes: [string, string, unknown?][] = [
      ['GET', `/v1/interviews?candidateId=${ADA}`],
      ['GET', `/v1/interviews/${mine.id}`],
      ['POST', '/v1/interviews', { candidateId: ADA, title: 'x', channel: 'sms', time: fixedAt(ahead(41)) }],
      ['POST', `/v1/interviews/${mine.id}/reschedule`, { time: fixedAt(ahead(42)) }],
      ['POST', `/v1/interviews/${mine.id}/cancel`, {}],
      ['POST', `/v1/interviews/${mine.id}/reminders`, { offsetMinutes: 30 }],
      ['PATCH', `/v1/interviews/${mine.id}/reminders/${mine.reminders[0]!.id}`, { offsetMinutes: 30 }],
      ['DELETE', `/v1/interviews/${mine.id}/reminders/${mine.reminders[0]!.id}`],
    ];
    for (const [method, path, body] of probes) {
      const response = await call(path, authed(eve, method, body));
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    expect(await count('interviews')).toBe(before);
    expect(await get(mine.id)).toMatchObject({ state: 'invited', reminders: mine.reminders });
  });
});
