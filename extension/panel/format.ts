/**
 * Labels the panel shows for contract values, in one place so every view says the same thing.
 * @module
 */
import type { Channel } from '@shared/api/channels.ts';
import type { MessageStatus } from '@shared/api/messages.ts';
import type { ConsentState } from '@shared/domain/consent.ts';

export const channelLabel: Record<Channel, string> = { sms: 'SMS', whatsapp: 'WhatsApp' };

export const consentLabel: Record<ConsentState, string> = {
  none: 'No consent',
  requested: 'Requested',
  awaiting_start: 'Waiting for START',
  granted: 'Consented',
  declined: 'Declined',
  revoked: 'Withdrawn',
};

export const statusLabel: Record<MessageStatus, string> = {
  queued: 'Queued',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not delivered',
  received: 'Received',
};

/** "German" for "de"; the tag itself when the browser has no name for it. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Time only for today's messages, date and time for older ones. */
export function messageTime(iso: string): string {
  const at = new Date(iso);
  const today = at.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(undefined, today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}
