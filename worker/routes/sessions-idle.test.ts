import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { SESSION_IDLE_MS } from '../../shared/domain/sessions.ts';
import { authed, call, clock, pinClock, seedDemo, signIn } from '../../test/worker/support.ts';

const HOUR = 3_600_000;
let start: number;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  start = clock.now().getTime();
  pinClock(start);
  await seedDemo();
});
afterAll(() => vi.useRealTimers());

it('a session ends after 12 hours without use, well before its 30 days, and each use restarts the 12 hours', async () => {
  expect(SESSION_IDLE_MS).toBe(12 * HOUR);
  const token = await signIn();
  const me = async (hoursAfterSignIn: number) => {
    pinClock(start + hoursAfterSignIn * HOUR);
    return (await call('/v1/me', authed(token))).status;
  };
  expect(await me(11)).toBe(200);
  expect(await me(22)).toBe(200); // 11 hours after its last use
  expect(await me(33.9)).toBe(200);
  expect(await me(45.95)).toBe(401); // 12 h 03 min after its last use
  expect(await me(46)).toBe(401); // and it stays ended
});
