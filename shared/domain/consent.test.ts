import { describe, expect, it } from 'vitest';
import { canSend } from './consent.ts';

describe('canSend', () => {
  it('opens a channel only with granted consent on that channel', () => {
    expect(canSend({ sms: 'granted', whatsapp: 'none' }, 'sms')).toEqual({ ok: true });
    expect(canSend({ sms: 'granted', whatsapp: 'none' }, 'whatsapp').ok).toBe(false);
  });

  it.each([
    ['none', /has not consented to SMS/],
    ['requested', /requested and has not been given/],
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
