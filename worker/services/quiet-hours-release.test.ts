import { expect, it } from 'vitest';
import { consentingCandidate, demoUsersUnderQuietHoursAt, LATE_EVENING, MORNING } from '../../test/worker/quiet-hours.ts';
import { authed, call, env, pinClock } from '../../test/worker/support.ts';
import { RELEASE_ERROR_REASON, releaseDueHolds } from './quiet-hours.ts';

const users = demoUsersUnderQuietHoursAt(LATE_EVENING);

it('one hold whose release throws ends failed with a reason, and the cron still releases every other', async () => {
  const held: string[] = [];
  for (const n of [1, 2, 3]) {
    const candidateId = await consentingCandidate(users.rita, `c-qh-iso-${n}`, `+1415555017${n}`);
    const response = await call(`/v1/candidates/${candidateId}/messages`, authed(users.rita, 'POST', { channel: 'sms', body: `Held ${n}` }));
    held.push(((await response.json()) as { id: string }).id);
  }
  const statuses = async () =>
    (
      await env.DB.prepare(`SELECT status, failure_reason FROM messages WHERE id IN (?, ?, ?)`)
        .bind(...held)
        .all<{ status: string; failure_reason: string | null }>()
    ).results;
  expect((await statuses()).map((m) => m.status)).toEqual(['scheduled', 'scheduled', 'scheduled']);

  // The first release's write fails (D1 answered an error once); every later statement goes through.
  let batches = 0;
  const flaky = {
    prepare: (sql: string) => env.DB.prepare(sql),
    batch: (statements: D1PreparedStatement[]) => (batches++ === 0 ? Promise.reject(new Error('D1_ERROR: network lost')) : env.DB.batch(statements)),
  } as unknown as D1Database;
  pinClock(MORNING);
  expect(await releaseDueHolds({ ...env, DB: flaky }, new Date(MORNING))).toMatchObject({ released: 2, failed: 1 });
  const after = await statuses();
  expect(after.filter((m) => m.status === 'failed')).toEqual([{ status: 'failed', failure_reason: RELEASE_ERROR_REASON }]);
  expect(after.filter((m) => m.status === 'scheduled')).toEqual([]);
});
