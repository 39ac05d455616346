/**
 * Consent is the first rule of every send. The worker calls `canSend` as the authority; the
 * panel calls the same function only to explain why its composer is locked.
 * @module
 */
import { z } from 'zod';
import type { Channel } from '../api/channels.ts';

/** Minimal until the consent model lands: granted opens the channel, anything else keeps it shut. */
export const ConsentState = z.enum(['none', 'requested', 'granted', 'revoked']).meta({ id: 'ConsentState' });
export type ConsentState = z.infer<typeof ConsentState>;

export type SendRefusal = { code: 'consent_required'; message: string };
export type SendDecision = { ok: true } | { ok: false; refusal: SendRefusal };

const channelName: Record<Channel, string> = { sms: 'SMS', whatsapp: 'WhatsApp' };

export function canSend(consent: Record<Channel, ConsentState>, channel: Channel): SendDecision {
  const state = consent[channel];
  if (state === 'granted') return { ok: true };
  const why =
    state === 'revoked'
      ? `The candidate withdrew consent to ${channelName[channel]} messages.`
      : state === 'requested'
        ? `Consent to ${channelName[channel]} messages was requested and has not been given yet.`
        : `The candidate has not consented to ${channelName[channel]} messages.`;
  return { ok: false, refusal: { code: 'consent_required', message: why } };
}
