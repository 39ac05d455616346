/**
 * What the reminders bench (scripts/lib/reminders-bench.ts) and its routes (reminders-bench.ts)
 * share, free of worker imports so the script can load it in Node.
 * @module
 */

/** The wording the bench's reminders start with, to count what the phones received. */
export const REMINDER_BENCH_PREFIX = 'Bench reminder';
