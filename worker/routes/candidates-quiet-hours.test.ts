/**
 * The candidate's night on the candidate the panel loads, so the composer can say before Send that
 * a message would wait — and what the worker then decides on send is what the panel foresaw.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messageHold } from '../../shared/domain/quiet-hours.ts';
import type { Candidate } from '../../shared/api/candidates.ts';
import { authed, call, DEMO, demoContext, env, keepSessionsInUse, seedDemo, signIn, clock, pinClock } from '../../test/worker/support.ts';

let rita: string;
let admin: string;

beforeAll(async () => {
  await seedDemo();
  rita = await signIn();
  admin = await signIn(DEMO.admin.email);
  await keepSessionsInUse();
});

afterAll(() => {
  vi.useRealTimers();
});

async function resolve(atsId: string, phone: string | null): Promise<Candidate> {
  const response = await call('/v1/candidates', authed(rita, 'PUT', demoContext(atsId, `Candidate ${atsId}`, phone)));
  expect(response.status).toBe(200);
  return (await response.json()) as Candidate;
}

async function setCompliance(body: unknown) {
  const response = await call('/v1/compliance-settings', authed(admin, 'PUT', body));
  expect(response.status).toBe(200);
}

describe('the candidate’s quiet hours, as the panel loads them', () => {
  it('are null while the tenant has none (the demo seed turns them off)', async () => {
    expect((await resolve('c-night-sf', '+1 415 555 0161')).quietHours).toBeNull();
  });

  it('carry the number’s zones with the tenant default, or the country’s own window when it has one', async () => {
    await setCompliance({
      defaultOptIn: 'double',
      defaultQuietHours: { start: '21:00', end: '08:00' },
      countries: [
        { country: 'DE', optIn: 'double', quietHours: { start: '22:00', end: '07:00' } },
        { country: 'GB', optIn: 'double', quietHours: { start: '00:00', end: '00:00' } },
      ],
    });
    const sf = await resolve('c-night-sf', '+1 415 555 0161');
    expect(sf.quietHours).toEqual({ zones: ['America/Los_Angeles'], window: { start: '21:00', end: '08:00' } });
    expect((await resolve('c-night-berlin', '+49 30 1234567')).quietHours).toEqual({ zones: ['Europe/Berlin'], window: { start: '22:00', end: '07:00' } });
    // The same on the candidate read by id.
    const byId = await call(`/v1/candidates/${sf.id}`, authed(rita));
    expect(((await byId.json()) as Candidate).quietHours).toEqual(sf.quietHours);
  });

  it('are null where the country’s quiet hours are off, and without a phone number', async () => {
    expect((await resolve('c-night-london', '+44 20 7946 0018')).quietHours).toBeNull();
    expect((await resolve('c-night-nophone', null)).quietHours).toBeNull();
  });

  it('let the panel foresee exactly the hold the worker then chooses on send', async () => {
    // 23:40 in San Francisco on Thursday 19 November 2026; its 08:00 is 16:00Z on the 20th.
    vi.useFakeTimers({ toFake: ['Date'] });
    pinClock('2026-11-20T07:40:00Z');
    const candidate = await resolve('c-night-sf', '+1 415 555 0161');
    await env.DB.prepare(
      `INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at) VALUES (?, ?, 'sms', 'granted', 'admin_import', ?)`,
    )
      .bind(DEMO.tenantId, candidate.id, clock.now().toISOString())
      .run();
    const foreseen = messageHold(candidate.quietHours, null, clock.now());
    expect(foreseen).toEqual({ sendAt: new Date('2026-11-20T16:00:00Z'), timeZone: 'America/Los_Angeles' });

    const sent = await call(`/v1/candidates/${candidate.id}/messages`, authed(rita, 'POST', { channel: 'sms', body: 'Are you free tomorrow?' }));
    expect(sent.status).toBe(201);
    expect(await sent.json()).toMatchObject({ status: 'scheduled', sendAt: foreseen!.sendAt.toISOString(), sendAtTimeZone: foreseen!.timeZone });
  });
});
