/**
 * The scripts' one reading of the wall clock (the admin CLI's records, the demo seed). Durations
 * are measured with `performance.now()`, which no calendar change moves.
 * @module
 */
import type { Clock } from '../../shared/domain/clock.ts';

export const clock: Clock = { now: () => new Date() };
