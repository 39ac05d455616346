/**
 * Every value the extension keeps in `browser.storage`, declared once.
 * @module
 */
import { storage } from '#imports';
import { browser } from 'wxt/browser';
import type { Session } from '@shared/api/auth.ts';
import { clock } from '../lib/clock.ts';

/**
 * The signed-in session (bearer token + user). Read and written by extension pages only: kept in
 * `storage.session`, which content scripts cannot read (a content script shares its process with
 * the ATS's page; `storage.local` is open to it). It lasts while the browser runs, across service
 * worker restarts; after a browser restart the recruiter signs in again.
 */
export const sessionItem = storage.defineItem<Session | null>('session:session', { fallback: null, version: 1 });

/** Where the session was kept before: read by nothing, removed by {@link secureSessionStorage}. */
const LEGACY_SESSION_KEY = 'local:session';

/**
 * Run by the background on start: `storage.session` stays closed to content scripts (Chrome's
 * default, stated so a later change cannot open it), and a session an older version left in
 * `storage.local` is removed.
 */
export async function secureSessionStorage(): Promise<void> {
  const area = browser.storage.session as typeof browser.storage.session & { setAccessLevel?(options: { accessLevel: 'TRUSTED_CONTEXTS' }): Promise<void> };
  await area.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
  await storage.removeItem(LEGACY_SESSION_KEY, { removeMeta: true });
}

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
