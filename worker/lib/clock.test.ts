import { describe, expect, it } from 'vitest';
import { clockOf } from './clock.ts';

describe('the worker clock', () => {
  it('is the wall clock unless a dev or test stack moves it', () => {
    const wall = Date.now();
    expect(Math.abs(clockOf({ SANDBOX_ENABLED: 'false' }).now().getTime() - wall)).toBeLessThan(1_000);
    const shifted = clockOf({ SANDBOX_ENABLED: 'true', CLOCK_OFFSET_MS: String(400 * 86_400_000) })
      .now()
      .getTime();
    expect(Math.abs(shifted - wall - 400 * 86_400_000)).toBeLessThan(1_000);
  });

  it('refuses a moved clock in production, and an offset that is not a number, naming the setting', () => {
    expect(() => clockOf({ SANDBOX_ENABLED: 'false', CLOCK_OFFSET_MS: '1000' })).toThrow(/CLOCK_OFFSET_MS/);
    expect(() => clockOf({ SANDBOX_ENABLED: 'true', CLOCK_OFFSET_MS: 'tomorrow' })).toThrow(/CLOCK_OFFSET_MS/);
  });
});
