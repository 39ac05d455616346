/**
 * Every value the extension keeps in `browser.storage`, declared once.
 * @module
 */
import { storage } from '#imports';
import type { Session } from '@shared/api/auth.ts';
import { clock } from '../lib/clock.ts';

/**
 * The signed-in session (bearer token + user). Read and written by extension pages only: the
 * content script runs next to the ATS's page and never touches it.
 */
export const sessionItem = storage.defineItem<Session | null>('local:session', { fallback: null, version: 1 });

/** A stored session is usable until it expires; past that the worker would answer 401. */
export function liveSession(session: Session | null, now = clock.now()): Session | null {
  return session && Date.parse(session.expiresAt) > now.getTime() ? session : null;
}

/**
 * How far the realtime feed has been handled, per user: after a restart or time offline the
 * background resumes after this seq, so no event is missed and none is notified twice.
 */
export const realtimeCursorItem = storage.defineItem<{ userId: string; seq: number } | null>('local:realtimeCursor', {
  fallback: null,
  version: 1,
});

/** Whether the background's realtime socket is up; while it is, panels poll only as a slow fallback. */
export const realtimeStatusItem = storage.defineItem<'connecting' | 'open' | 'offline'>('session:realtimeStatus', {
  fallback: 'offline',
});
