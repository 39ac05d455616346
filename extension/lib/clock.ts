/**
 * The extension's one reading of the wall clock. The panel, inbox, options page and background
 * read "now" from here and nowhere else, so a test moves all of them at once: vitest's fake `Date`
 * (`vi.setSystemTime`) pins it, libfaketime shifts a whole run. Durations that must not jump with
 * the clock (deadlines, backoff) use `performance.now()` instead.
 * @module
 */
import type { Clock } from '@shared/domain/clock.ts';

export type { Clock };

/** The browser's clock. */
export const clock: Clock = { now: () => new Date() };
