/**
 * The clock of test code that runs in Node beside the worker (the fake provider servers): moved by
 * the same offset as the worker's when the suite runs at another date (`PARLEY_TEST_NOW`, turned
 * into `PARLEY_TEST_CLOCK_OFFSET_MS` once by test/vitest.config.mts), so a fake Twilio stamps its
 * messages with the time the worker believes it is.
 * @module
 */
import type { Clock } from '../shared/domain/clock.ts';

const offsetMs = Number(process.env.PARLEY_TEST_CLOCK_OFFSET_MS ?? 0);

export const testClock: Clock = { now: () => new Date(Date.now() + offsetMs) };
