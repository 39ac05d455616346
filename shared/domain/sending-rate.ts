/**
 * How fast a sending number may send: messages per second (an SMS costs one per segment). An
 * admin may set a number's own rate (its provider raised it: 10DLC campaign, high-throughput
 * toll-free, a WhatsApp upgrade); otherwise it is the provider's documented default for the
 * number's type, below. Parley paces to it — a burst waits its turn in the queue, it is not refused.
 *
 * Sources (read 2026-12):
 *  - Twilio long code: 1 segment per second per number (US and Canada), and 10 MPS for any Twilio
 *    number sending outside the +1 region —
 *    https://www.twilio.com/help/faq/twilio-basics/what-are-the-limits-on-outbound-calls-and-sms-messages-per-second
 *    and https://support.twilio.com/hc/en-us/articles/115002943027-Understanding-Twilio-Rate-Limits-and-Message-Queues
 *  - Twilio US/Canada toll-free: 3 MPS by default —
 *    https://support.twilio.com/hc/en-us/articles/4411046744987-Toll-Free-SMS-and-MMS-messaging-throughput-MPS
 *  - Twilio short code: 30 MPS — https://www.twilio.com/help/faq/sms/how-quickly-can-i-send-sms-messages
 *  - Twilio WhatsApp sender: 10 MPS for text by default (up to 50 on request) —
 *    https://www.twilio.com/docs/whatsapp/best-practices-and-faqs
 *  - WhatsApp Cloud API: 80 messages per second per business phone number by default (up to 1,000
 *    by automatic upgrade) — https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput
 * @module
 */
import type { Channel } from '../api/channels.ts';

/** The highest rate a number may be set to (WhatsApp Cloud's upgraded throughput). */
export const MAX_MESSAGES_PER_SECOND = 1000;

/** US and Canadian toll-free area codes (NANP). */
const TOLL_FREE = /^\+18(00|33|44|55|66|77|88)\d{7}$/;

export type SendingRate = { messagesPerSecond: number; basis: string };

/**
 * The provider's documented default rate for a number of this type.
 * @param phoneNumber E.164, or a short code's digits.
 */
export function defaultSendingRate(provider: string, channel: Channel, phoneNumber: string): SendingRate {
  if (provider === 'whatsapp-cloud') return { messagesPerSecond: 80, basis: 'WhatsApp Cloud API, per phone number' };
  if (provider === 'twilio') {
    if (channel === 'whatsapp') return { messagesPerSecond: 10, basis: 'Twilio WhatsApp sender' };
    if (/^\d{5,6}$/.test(phoneNumber)) return { messagesPerSecond: 30, basis: 'Twilio short code' };
    if (TOLL_FREE.test(phoneNumber)) return { messagesPerSecond: 3, basis: 'Twilio US/Canada toll-free' };
    if (phoneNumber.startsWith('+1')) return { messagesPerSecond: 1, basis: 'Twilio US/Canada long code' };
    return { messagesPerSecond: 10, basis: 'Twilio number outside +1' };
  }
  // The sandbox (and any provider without a documented rate) is not a carrier: only the cap applies.
  return { messagesPerSecond: MAX_MESSAGES_PER_SECOND, basis: 'no provider limit' };
}

/** What one message costs against the rate: carriers count SMS segments. */
export const rateCost = (channel: Channel, segments: number | null): number => (channel === 'sms' ? Math.max(1, segments ?? 1) : 1);
