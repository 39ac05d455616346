/**
 * What the quiet-hours worker tests share: the demo tenant under the US federal quiet hours at a
 * fake instant, candidates with consent, the Cron Trigger's call, and what reached the sandbox phone.
 */
import { createScheduledController } from 'cloudflare:test';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import worker from '../../worker/sandbox/index.ts';
import { authed, call, count, DEMO, demoContext, env, keepSessionsInUse, seedDemo, signIn, clock, pinClock } from './support.ts';

export const FEDERAL_QUIET_HOURS = { start: '21:00', end: '08:00' };
// 23:00 in San Francisco (PST, UTC−8) on Friday 20 November 2026; its 08:00 is 16:00Z.
export const LATE_EVENING = '2026-11-20T07:00:00.000Z';
export const MORNING = '2026-11-20T16:00:00.000Z';

/**
 * Registers the file's setup: the demo tenant at `at` with quiet hours 21:00–08:00 (its seed has
 * none), and its recruiter's and admin's sessions — filled in by the time the tests run.
 */
export function demoUsersUnderQuietHoursAt(at: string): { rita: string; admin: string } {
  const users = { rita: '', admin: '' };
  beforeAll(async () => {
    // Only Date: the queue, D1 and the polling helpers keep real timers.
    vi.useFakeTimers({ toFake: ['Date'] });
    pinClock(at);
    await seedDemo();
    users.rita = await signIn();
    users.admin = await signIn(DEMO.admin.email);
    const put = await call(
      '/v1/compliance-settings',
      authed(users.admin, 'PUT', { defaultOptIn: 'double', defaultQuietHours: FEDERAL_QUIET_HOURS, countries: [] }),
    );
    expect(put.status).toBe(200);
    await keepSessionsInUse();
  });
  afterAll(() => {
    vi.useRealTimers();
  });
  return users;
}

/** A candidate synced from the demo ATS, with consent on the channel and a thread of their own. */
export async function consentingCandidate(token: string, atsId: string, phone: string, channel: 'sms' | 'whatsapp' = 'sms'): Promise<string> {
  const { id } = (await (await call('/v1/candidates', authed(token, 'PUT', demoContext(atsId, `Candidate ${atsId}`, phone)))).json()) as { id: string };
  await env.DB.prepare(`INSERT INTO consents (tenant_id, candidate_id, channel, state, source, updated_at) VALUES (?, ?, ?, 'granted', 'admin_import', ?)`)
    .bind(DEMO.tenantId, id, channel, clock.now().toISOString())
    .run();
  return id;
}

/**
 * Through the worker's own scheduled handler, as the Cron Trigger calls it at `at`: the run reads
 * its one instant from the worker's clock, so the clock is pinned there first.
 */
export async function cron(at: string): Promise<void> {
  pinClock(at);
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(at), cron: '* * * * *' }), env);
}

/** How many messages with this body reached the sandbox phone. */
export const delivered = (body: string) => count('sandbox_traffic', `direction = 'to_phone' AND body = ?`, body);
