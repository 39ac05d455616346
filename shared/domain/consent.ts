/**
 * Consent is the first rule of every send. The worker calls `canSend` as the authority; the
 * panel calls the same function only to explain why its composer is locked.
 *
 * The model, per candidate and channel:
 *
 *   none ─request→ requested ─grant→ granted                (single opt-in: the channel is open)
 *                             └grant→ awaiting_start ─START→ granted   (double opt-in)
 *   any ─decline→ declined        granted, awaiting_start ─STOP→ revoked ─START→ granted
 *                                 none, requested ─STOP→ declined (nothing to revoke, nor for START to restore)
 *
 * `granted` is the one open state (the issue's "active"): the issue's transient "granted, not yet
 * active" is `awaiting_start` under double opt-in, and under single opt-in the channel opens at
 * once (the identification message goes first, before the recruiter's). Keeping `granted` as the
 * open state keeps every existing reader of the `consents` table right.
 * @module
 */
import { z } from 'zod';
import type { Channel } from '../api/channels.ts';

export const ConsentState = z.enum(['none', 'requested', 'awaiting_start', 'granted', 'declined', 'revoked']).meta({ id: 'ConsentState' });
export type ConsentState = z.infer<typeof ConsentState>;

export const OptInMode = z.enum(['single', 'double']).meta({ id: 'OptInMode' });
export type OptInMode = z.infer<typeof OptInMode>;

/** Where a consent change came from; stored with every evidence record. */
export const ConsentSource = z.enum(['application', 'consent_page', 'keyword', 'provider_flag', 'admin_import', 'recruiter']).meta({ id: 'ConsentSource' });
export type ConsentSource = z.infer<typeof ConsentSource>;

/**
 * What happened, independent of where it came from. `number_changed`: the candidate's phone number
 * changed, and consent was given for the old one — it does not carry over to whoever holds the new.
 */
export type ConsentEvent =
  | { kind: 'request' }
  | { kind: 'grant'; optIn: OptInMode }
  | { kind: 'decline' }
  | { kind: 'stop' }
  | { kind: 'start' }
  | { kind: 'number_changed' };

/**
 * The state after an event, or null when the event changes nothing (and so leaves no evidence).
 * START re-opens only a channel the candidate consented to before (awaiting START, or revoked by
 * STOP): a bare START from someone never asked is not informed consent to this company's messages.
 * So STOP on a channel that was never open is recorded as a decline, not a revocation — else
 * STOP then START would open a channel the candidate never consented to.
 */
export function nextConsentState(current: ConsentState, event: ConsentEvent): ConsentState | null {
  const next = ((): ConsentState | null => {
    switch (event.kind) {
      case 'request':
        return canRequestConsent(current) ? 'requested' : null;
      case 'grant':
        return current === 'granted' ? null : event.optIn === 'double' ? 'awaiting_start' : 'granted';
      case 'decline':
        return 'declined';
      case 'stop':
        return current === 'granted' || current === 'awaiting_start' || current === 'revoked' ? 'revoked' : 'declined';
      case 'start':
        return current === 'awaiting_start' || current === 'revoked' ? 'granted' : null;
      case 'number_changed':
        return 'none';
    }
  })();
  return next === current ? null : next;
}

/** Whether asking (again) makes sense: not while the channel is open or the candidate is confirming with START. */
export function canRequestConsent(current: ConsentState): boolean {
  return current !== 'granted' && current !== 'awaiting_start';
}

/**
 * Whether consent can be asked of this candidate (with the address the link goes to), or why not. Asking goes by email (the
 * link to the consent page), and what is asked is to be messaged at a number: without one, a grant
 * could never be used and, under double opt-in, would wait for a START that cannot come.
 */
export function canAskConsent(candidate: { phone: string | null; email: string | null }): { ok: true; email: string } | { ok: false; refusal: string } {
  if (!candidate.phone)
    return { ok: false, refusal: 'The candidate has no phone number, so there is nothing to text or to consent to: add their mobile number first.' };
  if (!candidate.email) return { ok: false, refusal: 'The candidate has no email address in the ATS, so no consent link can be sent.' };
  return { ok: true, email: candidate.email };
}

// ---- per-country opt-in ------------------------------------------------------------------------

/** A tenant's compliance settings: per-country rules and the default for countries not listed. */
export type OptInSettings = { defaultOptIn: OptInMode; countries: Readonly<Record<string, OptInMode>> };

/** What a tenant that configured nothing gets: double opt-in everywhere. */
export const DEFAULT_OPT_IN: OptInMode = 'double';

/**
 * @param country ISO 3166 alpha-2 from the phone number (shared/domain/phone.ts `normalisePhone`),
 *   null when the number did not resolve to one: the tenant default applies.
 */
export function optInFor(settings: OptInSettings, country: string | null): OptInMode {
  return (country ? settings.countries[country.toUpperCase()] : undefined) ?? settings.defaultOptIn;
}

// ---- keywords ---------------------------------------------------------------------------------

export type Keyword = 'stop' | 'start' | 'help';
export type InboundClassification = {
  keyword: Keyword | null;
  /** Not a keyword, but reads like "stop texting me": flagged to the recruiter, never a revoke by itself. */
  looksLikeOptOut: boolean;
};

// Carriers and Twilio match the whole message only ("STOP please" is not STOP), so do we.
const STOP_WORDS = new Set([
  'STOP',
  'STOPALL',
  'STOP ALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'REVOKE',
  'OPTOUT',
  'OPT OUT',
  // Localized: French (ARRET/ARRETE, as AWS and Twilio treat them), German, Dutch, Spanish.
  'ARRET',
  'ARRETE',
  'STOPP',
  'ABMELDEN',
  'AFMELDEN',
  'BAJA',
]);
// YES is deliberately absent: interview invitations ask the candidate to reply YES to confirm.
const START_WORDS = new Set(['START', 'UNSTOP']);
const HELP_WORDS = new Set(['HELP', 'INFO', 'AIDE', 'HILFE', 'AYUDA', 'HULP']);

const FREE_TEXT_OPT_OUT = [
  /\b(stop|quit|cease)\b.{0,30}\b(text|texting|messag\w*|contact\w*|sms|whatsapp|writing)\b/i,
  /\b(do ?n[o']?t|never)\b.{0,20}\b(text|message|contact|write to)\b.{0,10}\bme\b/i,
  /\b(unsubscribe|remove|take)\b.{0,10}\bme\b/i,
  /\bleave me alone\b/i,
  /\bkeine\b.{0,20}\b(nachrichten|sms)\b.{0,10}\bmehr\b/i,
  /\bne\b.{0,20}\bplus\b.{0,20}\b(contacter|ecrire|envoyer)\b/i,
];

export function classifyInbound(body: string): InboundClassification {
  // Accents gone for both readings; the keyword is also uppercased with punctuation trimmed: "Arrêt !" reads as ARRET.
  const plain = body.normalize('NFD').replace(/\p{M}/gu, '');
  const word = plain
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const keyword: Keyword | null = STOP_WORDS.has(word) ? 'stop' : START_WORDS.has(word) ? 'start' : HELP_WORDS.has(word) ? 'help' : null;
  return { keyword, looksLikeOptOut: keyword === null && FREE_TEXT_OPT_OUT.some((pattern) => pattern.test(plain)) };
}

/** An inbound message as the keyword rules read it: a provider's own keyword flag (Twilio Advanced Opt-Out's OptOutType) wins over our reading of the text. */
export function readInbound(body: string, providerFlag: 'STOP' | 'START' | 'HELP' | null): InboundClassification {
  if (providerFlag) return { keyword: providerFlag.toLowerCase() as Keyword, looksLikeOptOut: false };
  return classifyInbound(body);
}

// ---- the send gate ------------------------------------------------------------------------------

export type SendRefusal = { code: 'consent_required'; message: string };
export type SendDecision = { ok: true } | { ok: false; refusal: SendRefusal };

const channelName: Record<Channel, string> = { sms: 'SMS', whatsapp: 'WhatsApp' };

const refusalReason: Record<Exclude<ConsentState, 'granted'>, (channel: string) => string> = {
  none: (channel) => `The candidate has not consented to ${channel} messages.`,
  requested: (channel) => `Consent to ${channel} messages was requested and has not been given yet.`,
  awaiting_start: (channel) => `The candidate agreed to ${channel} messages and must still reply START to confirm.`,
  declined: (channel) => `The candidate declined ${channel} messages.`,
  revoked: (channel) => `The candidate withdrew consent to ${channel} messages.`,
};

export function canSend(consent: Record<Channel, ConsentState>, channel: Channel): SendDecision {
  const state = consent[channel];
  if (state === 'granted') return { ok: true };
  return { ok: false, refusal: { code: 'consent_required', message: refusalReason[state](channelName[channel]) } };
}

// ---- consent is given for a number ------------------------------------------------------------

/**
 * Whether a candidate's number changed, so that consent given for the stored one must not carry
 * over (both E.164). A number appearing where there was none, or a page showing none, is no change.
 */
export function isNumberChange(stored: string | null, next: string | null): boolean {
  return stored !== null && next !== null && stored !== next;
}

/**
 * `canSend`, and the message goes to the number the consent was given for. `consentedNumber` is
 * null for consent recorded without one (before numbers were stored with it, or given while the
 * candidate had none): it holds for the candidate's number.
 */
export function canSendTo(consent: Record<Channel, ConsentState>, channel: Channel, consentedNumber: string | null, to: string): SendDecision {
  const decision = canSend(consent, channel);
  if (!decision.ok || consentedNumber === null || consentedNumber === to) return decision;
  return {
    ok: false,
    refusal: {
      code: 'consent_required',
      message: `The candidate consented to ${channelName[channel]} messages at ${consentedNumber}, not at ${to}.`,
    },
  };
}

/**
 * The messages Parley itself sends around consent, and when each may go out: the START invitation
 * only to a candidate who agreed and has yet to confirm; the identification message only once the
 * channel is open; the HELP answer to whoever asked for it (carriers require an answer to HELP
 * whatever the consent, and it carries only who we are and how to stop).
 */
export type ComplianceMessage = 'start_invitation' | 'identification' | 'help_answer';

export function canSendCompliance(state: ConsentState, message: ComplianceMessage): boolean {
  if (message === 'start_invitation') return state === 'awaiting_start';
  if (message === 'identification') return state === 'granted';
  return true;
}
