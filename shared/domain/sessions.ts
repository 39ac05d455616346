/**
 * How long a session lives: 30 days at most, and 12 hours without use (a laptop left signed in
 * overnight on a shared desk asks for the password again in the morning).
 * @module
 */

export const SESSION_IDLE_MS = 12 * 3_600_000;

/** A session's last use is written at most this often, so most requests cost no D1 write. */
export const SESSION_TOUCH_SPACING_MS = 5 * 60_000;

/** Sessions last used before this instant have ended. */
export const idleCutoff = (now: Date): string => new Date(now.getTime() - SESSION_IDLE_MS).toISOString();
