/**
 * A desktop notification per inbound message; clicking it opens the candidate's ATS profile
 * (focusing a tab that already shows it). The notification id carries the profile address, so a
 * click still works after the service worker has been restarted.
 * @module
 */
import { browser } from 'wxt/browser';
import type { RealtimeEvent } from '@shared/api/realtime.ts';

const PREFIX = 'parley-message:';

type MessageEvent = Extract<RealtimeEvent, { kind: 'message.created' }>;

export function notificationId(event: MessageEvent): string {
  return `${PREFIX}${event.payload.messageId}:${event.payload.profileUrl ?? ''}`;
}

export async function notifyInbound(event: MessageEvent): Promise<void> {
  const channel = event.payload.channel === 'whatsapp' ? 'WhatsApp' : 'SMS';
  await browser.notifications.create(notificationId(event), {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon-128.png'),
    title: `${event.payload.candidateName} · ${channel}`,
    message: event.payload.preview,
  });
}

export async function openFromNotification(id: string): Promise<void> {
  if (!id.startsWith(PREFIX)) return;
  const profileUrl = id.slice(PREFIX.length).split(':').slice(1).join(':');
  await browser.notifications.clear(id);
  if (!/^https?:\/\//.test(profileUrl)) return;
  const [open] = await browser.tabs.query({ url: profileUrl.split('#')[0] });
  if (open?.id !== undefined) {
    await browser.tabs.update(open.id, { active: true });
    if (open.windowId !== undefined) await browser.windows.update(open.windowId, { focused: true });
  } else {
    await browser.tabs.create({ url: profileUrl });
  }
}
