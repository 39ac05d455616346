/**
 * How an SMS body travels: its encoding (GSM-7, or UCS-2 as soon as one character is outside
 * GSM-7) and how many segments the carrier bills. Computed with Twilio's own calculator
 * (`sms-segments-calculator`, TwilioDevEd/message-segment-calculator) rather than a table of ours.
 * The worker stores the result per message for usage reports; the composer shows the same figures.
 * @module
 */
import { SegmentedMessage } from 'sms-segments-calculator';

export type SmsEncoding = 'GSM-7' | 'UCS-2';
export type SegmentCount = { encoding: SmsEncoding; segments: number };

/**
 * @example smsSegments('a'.repeat(161)) // { encoding: 'GSM-7', segments: 2 }
 * @example smsSegments('Grüße 😀')      // { encoding: 'UCS-2', segments: 1 }
 */
export function smsSegments(body: string): SegmentCount {
  const message = new SegmentedMessage(body, 'auto');
  return { encoding: message.encodingName, segments: message.segmentsCount };
}
