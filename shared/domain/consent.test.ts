import { describe, expect, it } from 'vitest';
import { canSend, canSendCompliance, classifyInbound, ConsentState, nextConsentState, optInFor, readInbound } from './consent.ts';
import { normalisePhone } from './phone.ts';

describe('canSend', () => {
  it('opens a channel only with granted consent on that channel', () => {
    expect(canSend({ sms: 'granted', whatsapp: 'none' }, 'sms')).toEqual({ ok: true });
    expect(canSend({ sms: 'granted', whatsapp: 'none' }, 'whatsapp').ok).toBe(false);
  });

  it.each([
    ['none', /has not consented to SMS/],
    ['requested', /requested and has not been given/],
    ['awaiting_start', /must still reply START/],
    ['declined', /declined SMS/],
    ['revoked', /withdrew consent to SMS/],
  ] as const)('refuses %s with consent_required and a reason people can read', (state, reason) => {
    const decision = canSend({ sms: state, whatsapp: 'granted' }, 'sms');
    expect(decision.ok).toBe(false);
    if (!decision.ok) {
      expect(decision.refusal.code).toBe('consent_required');
      expect(decision.refusal.message).toMatch(reason);
    }
  });
});

describe('nextConsentState', () => {
  it('walks double opt-in: request → page grant → awaiting START → START opens', () => {
    expect(nextConsentState('none', { kind: 'request' })).toBe('requested');
    expect(nextConsentState('requested', { kind: 'grant', optIn: 'double' })).toBe('awaiting_start');
    expect(nextConsentState('awaiting_start', { kind: 'start' })).toBe('granted');
  });

  it('opens at once under single opt-in', () => {
    expect(nextConsentState('requested', { kind: 'grant', optIn: 'single' })).toBe('granted');
    expect(nextConsentState('none', { kind: 'grant', optIn: 'single' })).toBe('granted');
  });

  it('STOP revokes an open or confirming channel, and START re-subscribes only after an earlier consent', () => {
    for (const state of ['granted', 'awaiting_start'] as const) expect(nextConsentState(state, { kind: 'stop' })).toBe('revoked');
    // Nothing to revoke: recorded as a decline, so a later START finds no consent to restore.
    for (const state of ['none', 'requested'] as const) expect(nextConsentState(state, { kind: 'stop' })).toBe('declined');
    expect(nextConsentState('declined', { kind: 'stop' })).toBeNull();
    expect(nextConsentState('revoked', { kind: 'stop' })).toBeNull();
    expect(nextConsentState('revoked', { kind: 'start' })).toBe('granted');
    for (const state of ['none', 'requested', 'declined', 'granted'] as const) {
      expect(nextConsentState(state, { kind: 'start' })).toBeNull();
    }
  });

  it('does not re-request an open or confirming channel, nor re-grant an open one', () => {
    expect(nextConsentState('granted', { kind: 'request' })).toBeNull();
    expect(nextConsentState('awaiting_start', { kind: 'request' })).toBeNull();
    expect(nextConsentState('granted', { kind: 'grant', optIn: 'double' })).toBeNull();
    expect(nextConsentState('awaiting_start', { kind: 'grant', optIn: 'double' })).toBeNull();
    expect(nextConsentState('revoked', { kind: 'request' })).toBe('requested');
  });

  it('a decline closes even an open channel', () => {
    expect(nextConsentState('granted', { kind: 'decline' })).toBe('declined');
    expect(nextConsentState('declined', { kind: 'decline' })).toBeNull();
  });

  it('never opens a channel except by grant (single) or START', () => {
    const events = [{ kind: 'request' }, { kind: 'decline' }, { kind: 'stop' }, { kind: 'grant', optIn: 'double' }] as const;
    for (const state of ConsentState.options.filter((s) => s !== 'granted')) {
      for (const event of events) expect(nextConsentState(state, event)).not.toBe('granted');
    }
  });
});

describe('optInFor', () => {
  const settings = { defaultOptIn: 'double' as const, countries: { GB: 'single' as const, US: 'single' as const } };

  it('takes the country from the phone number, shared calling codes included', () => {
    expect(optInFor(settings, normalisePhone('+44 20 7946 0958')!.country)).toBe('single');
    // +1 is shared by the US and Canada: a Toronto number is CA, which is not listed.
    expect(optInFor(settings, normalisePhone('+1 416 555 0199')!.country)).toBe('double');
    expect(optInFor(settings, normalisePhone('+1 415 555 0101')!.country)).toBe('single');
  });

  it('falls back to the tenant default for unlisted or unknown countries', () => {
    expect(optInFor(settings, 'DE')).toBe('double');
    expect(optInFor(settings, null)).toBe('double');
    expect(optInFor({ defaultOptIn: 'single', countries: {} }, 'FR')).toBe('single');
  });
});

describe('classifyInbound', () => {
  it.each([
    'STOP',
    'stop',
    ' Stop! ',
    'STOPALL',
    'stop all',
    'UNSUBSCRIBE',
    'cancel',
    'END',
    'quit',
    'REVOKE',
    'OPTOUT',
    'opt-out',
    'ARRET',
    'Arrêt',
    'arrête',
    'STOPP',
  ])('%j is STOP', (body) => expect(classifyInbound(body)).toEqual({ keyword: 'stop', looksLikeOptOut: false }));

  it.each(['START', 'unstop', 'Start.'])('%j is START', (body) => expect(classifyInbound(body).keyword).toBe('start'));
  it.each(['HELP', 'help?', 'INFO', 'Hilfe'])('%j is HELP', (body) => expect(classifyInbound(body).keyword).toBe('help'));

  it('matches whole messages only, and YES is no START (interview confirmations use it)', () => {
    expect(classifyInbound('STOP please').keyword).toBeNull();
    expect(classifyInbound('I will start on Monday').keyword).toBeNull();
    expect(classifyInbound('YES').keyword).toBeNull();
  });

  it.each(['please stop texting me', "Don't message me again", 'Please remove me from your list', 'Bitte keine Nachrichten mehr', 'leave me alone'])(
    'flags the free-text opt-out %j without making it a keyword',
    (body) => expect(classifyInbound(body)).toEqual({ keyword: null, looksLikeOptOut: true }),
  );

  it.each(['Thanks, see you Monday', 'Can we stop by at 3?', 'Where do I park?'])('does not flag %j', (body) => {
    expect(classifyInbound(body)).toEqual({ keyword: null, looksLikeOptOut: false });
  });

  it("lets a provider's opt-out flag decide", () => {
    expect(readInbound('please stop texting me', 'STOP')).toEqual({ keyword: 'stop', looksLikeOptOut: false });
    expect(readInbound('stop', null)).toEqual({ keyword: 'stop', looksLikeOptOut: false });
    expect(readInbound('hello', null)).toEqual({ keyword: null, looksLikeOptOut: false });
    expect(readInbound('please stop texting me', null)).toEqual({ keyword: null, looksLikeOptOut: true });
  });
});

describe('canSendCompliance', () => {
  it('sends the START invitation only while awaiting START, the identification only when open, HELP always', () => {
    expect(ConsentState.options.filter((s) => canSendCompliance(s, 'start_invitation'))).toEqual(['awaiting_start']);
    expect(ConsentState.options.filter((s) => canSendCompliance(s, 'identification'))).toEqual(['granted']);
    expect(ConsentState.options.every((s) => canSendCompliance(s, 'help_answer'))).toBe(true);
  });
});
