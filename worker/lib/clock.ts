/**
 * The worker's one reading of the wall clock. Each request (a Hono middleware in app.ts), queue
 * batch and cron run (index.ts) builds its clock here once and hands it to the services; every
 * rule reads the time from it, so a test pins or moves it.
 * @module
 */
import type { Clock } from '../../shared/domain/clock.ts';

export type { Clock };

/** The platform's clock. Durable Object alarms and the like must use it unshifted. */
export const wallClock: Clock = { now: () => new Date() };

/**
 * The clock of this run: the wall clock, moved by `CLOCK_OFFSET_MS` on a dev or test stack (the
 * suite runs at other dates that way: workerd cannot run under libfaketime). Production refuses
 * the setting rather than ignore it: a shifted clock there would move every rule.
 */
export function clockOf(env: { CLOCK_OFFSET_MS?: string | undefined; SANDBOX_ENABLED: string }): Clock {
  if (!env.CLOCK_OFFSET_MS) return wallClock;
  const offsetMs = Number(env.CLOCK_OFFSET_MS);
  if (env.SANDBOX_ENABLED !== 'true' || !Number.isFinite(offsetMs)) {
    throw new Error(`CLOCK_OFFSET_MS is a dev and test setting (a whole number of milliseconds, with SANDBOX_ENABLED=true); remove it from this deployment.`);
  }
  return { now: () => new Date(Date.now() + offsetMs) };
}
