import { beforeAll, describe, expect, it } from 'vitest';
import { call, fromNow, seedDemo } from '../../test/worker/support.ts';

beforeAll(seedDemo);

describe('the cron on demand (sandbox)', () => {
  it('runs every scheduled job at the instant asked for, and says what each did', async () => {
    const at = fromNow(60_000).toISOString();
    const response = await call(`/sandbox/scheduler?at=${encodeURIComponent(at)}`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      at,
      swept: expect.any(Number),
      holds: expect.objectContaining({ released: expect.any(Number) }),
      reminders: { sent: expect.any(Number), skipped: expect.any(Number) },
      digests: expect.any(Number),
    });
  });

  it('refuses an instant it cannot read, and runs nothing', async () => {
    const response = await call('/sandbox/scheduler?at=tomorrow', { method: 'POST' });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/ISO 8601/);
  });
});
