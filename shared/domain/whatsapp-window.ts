/**
 * WhatsApp's customer-service window: free-form messages only within 24 hours of the candidate's
 * last inbound message; outside it only an approved template may be sent (Meta error 131047,
 * Twilio 63016). The worker enforces this on every WhatsApp send; the composer calls the same
 * function for its countdown and template fallback.
 * @module
 */

export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

export type WhatsappWindow =
  | { open: true; closesAt: string }
  | { open: false /** When it closed; null when the candidate never wrote. */; closedAt: string | null };

/** @param lastInboundAt ISO time of the candidate's last message on WhatsApp, or null. */
export function whatsappWindow(lastInboundAt: string | null, now: Date): WhatsappWindow {
  if (lastInboundAt === null) return { open: false, closedAt: null };
  const closes = Date.parse(lastInboundAt) + WHATSAPP_WINDOW_MS;
  return now.getTime() < closes ? { open: true, closesAt: new Date(closes).toISOString() } : { open: false, closedAt: new Date(closes).toISOString() };
}

export type WhatsappSendDecision = { ok: true } | { ok: false; code: 'whatsapp_window_closed'; message: string };

/** A template send is always allowed by the window; free text only while it is open. */
export function canSendWhatsapp(lastInboundAt: string | null, isTemplate: boolean, now: Date): WhatsappSendDecision {
  if (isTemplate || whatsappWindow(lastInboundAt, now).open) return { ok: true };
  return {
    ok: false,
    code: 'whatsapp_window_closed',
    message:
      lastInboundAt === null
        ? 'The candidate has not written on WhatsApp yet, so only an approved template can start the conversation.'
        : 'More than 24 hours have passed since the candidate last wrote on WhatsApp; only an approved template can be sent now.',
  };
}
