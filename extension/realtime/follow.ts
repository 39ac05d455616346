/**
 * Keeps the recruiter in the loop while the ATS tab is elsewhere (run by the background): one
 * realtime socket for the signed-in user, a desktop notification per inbound message, the unread
 * count on the toolbar badge, and the events relayed to open panels and the inbox.
 * @module
 */
import { browser } from 'wxt/browser';
import type { Session } from '@shared/api/auth.ts';
import { createApi } from '../api/client.ts';
import { broadcastEvents } from '../messaging/protocol.ts';
import { connectRealtime } from './connection.ts';
import { notifyInbound, openFromNotification } from './notifications.ts';
import { liveSession, realtimeCursorItem, realtimeStatusItem, sessionItem } from '../storage/items.ts';

export function followRealtime(): void {
  const api = createApi({
    origin: __PARLEY_API_ORIGIN__,
    getToken: async () => liveSession(await sessionItem.getValue())?.token ?? null,
  });
  let connection: { close(): void } | null = null;

  async function refreshBadge(): Promise<void> {
    try {
      const { unreadTotal } = await api.unreadTotal();
      await browser.action.setBadgeText({ text: unreadTotal > 0 ? String(Math.min(unreadTotal, 999)) : '' });
      await browser.action.setBadgeBackgroundColor({ color: '#1f6feb' });
    } catch {
      // Offline or signed out: keep the last count; the next event or sign-in refreshes it.
    }
  }

  async function follow(session: Session | null): Promise<void> {
    connection?.close();
    connection = null;
    const live = liveSession(session);
    if (!live) {
      await realtimeStatusItem.setValue('offline');
      await browser.action.setBadgeText({ text: '' });
      return;
    }
    const stored = await realtimeCursorItem.getValue();
    // A user new to this browser starts with history, not news: no notification storm for it.
    let quietReplay = stored?.userId !== live.user.id;
    connection = connectRealtime({
      origin: __PARLEY_API_ORIGIN__,
      token: live.token,
      cursor: quietReplay ? 0 : stored!.seq,
      onEvents: (events, replay) => {
        broadcastEvents(events);
        if (!(replay && quietReplay)) {
          for (const event of events) {
            if (event.kind === 'message.created' && event.payload.direction === 'inbound') void notifyInbound(event);
          }
        }
        if (replay) quietReplay = false;
        void refreshBadge();
      },
      onCursor: (seq) => void realtimeCursorItem.setValue({ userId: live.user.id, seq }),
      onStatus: (status) => void realtimeStatusItem.setValue(status),
      // Signed out elsewhere, deactivated or a password set by link: the panels show the sign-in.
      onSessionEnded: () => void sessionItem.setValue(null),
    });
    await refreshBadge();
  }

  browser.notifications.onClicked.addListener((id) => void openFromNotification(id));
  // Chromium: the toolbar button opens My Inbox in the side panel (Firefox has its sidebar button).
  sidePanelApi()
    ?.setPanelBehavior({ openPanelOnActionClick: true })
    .catch(() => undefined);
  sessionItem.watch((session) => void follow(session));
  void sessionItem.getValue().then(follow);
}

/** Chromium's side panel API, which the polyfill's types do not describe. */
function sidePanelApi(): { setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void> } | undefined {
  return (globalThis as { chrome?: { sidePanel?: ReturnType<typeof sidePanelApi> } }).chrome?.sidePanel;
}
