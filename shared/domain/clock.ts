/**
 * The one way Parley's code reads the time. Every rule that depends on "now" (the WhatsApp
 * window, quiet hours, token expiry, holds, digests, reminders) takes a `Clock` or an instant read
 * from one, never the wall clock directly, so a test can pin or move it. Each runtime builds its
 * clock in one module (`worker/lib/clock.ts`, `extension/lib/clock.ts`, `scripts/lib/clock.ts`);
 * a meta-test (`test/meta/clock-sites.test.ts`) fails on a wall-clock read anywhere else.
 * @module
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
}
