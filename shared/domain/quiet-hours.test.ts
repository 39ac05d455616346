import { describe, expect, it } from 'vitest';
import { timeZonesOfPhone } from './phone-time-zones.ts';
import { DEFAULT_QUIET_HOURS, isProactive, messageHold, QuietHours, quietHold, quietHoursFor, quietNightOf } from './quiet-hours.ts';

const NY = ['America/New_York'];
const BERLIN = ['Europe/Berlin'];
const at = (iso: string) => new Date(iso);
const hold = (now: string, zones: string[], quiet = DEFAULT_QUIET_HOURS) => {
  const result = quietHold(at(now), zones, quiet);
  return result && { sendAt: result.sendAt.toISOString(), timeZone: result.timeZone };
};

describe('quiet hours in one zone', () => {
  it('lets daytime messages go now, to the minute at both edges', () => {
    expect(hold('2026-06-10T12:00:00Z', NY)).toBeNull(); // 08:00 EDT
    expect(hold('2026-06-11T00:59:59Z', NY)).toBeNull(); // 20:59:59 EDT
    expect(hold('2026-06-11T01:00:00Z', NY)).toEqual({ sendAt: '2026-06-11T12:00:00.000Z', timeZone: 'America/New_York' }); // 21:00
    expect(hold('2026-06-10T11:59:30Z', NY)).toEqual({ sendAt: '2026-06-10T12:00:00.000Z', timeZone: 'America/New_York' }); // 07:59:30
  });

  it('holds an early-morning message until 08:00 the same day', () => {
    expect(hold('2026-01-15T02:00:00Z', BERLIN)?.sendAt).toBe('2026-01-15T07:00:00.000Z'); // 03:00 CET
  });

  it('uses the offset in force at 08:00 when the clocks change overnight (US March and November)', () => {
    // 23:00 EST on Saturday 7 March 2026; DST starts at 02:00, so 08:00 is EDT (UTC−4).
    expect(hold('2026-03-08T04:00:00Z', NY)?.sendAt).toBe('2026-03-08T12:00:00.000Z');
    // 22:30 EDT on Saturday 31 October 2026; DST ends at 02:00, so 08:00 is EST (UTC−5).
    expect(hold('2026-11-01T02:30:00Z', NY)?.sendAt).toBe('2026-11-01T13:00:00.000Z');
  });

  it('uses the offset in force at 08:00 when the clocks change overnight (EU March and October)', () => {
    // 22:00 CET on 28 March 2026 → 08:00 CEST (UTC+2).
    expect(hold('2026-03-28T21:00:00Z', BERLIN)?.sendAt).toBe('2026-03-29T06:00:00.000Z');
    // 23:00 CEST on 24 October 2026 → 08:00 CET (UTC+1).
    expect(hold('2026-10-24T21:00:00Z', BERLIN)?.sendAt).toBe('2026-10-25T07:00:00.000Z');
  });

  it('ends a night whose end falls in the spring-forward gap at the jump itself', () => {
    // Quiet 01:00–02:30; on 29 March Berlin jumps from 02:00 to 03:00 at 01:00Z.
    expect(hold('2026-03-29T00:30:00Z', BERLIN, { start: '01:00', end: '02:30' })?.sendAt).toBe('2026-03-29T01:00:00.000Z');
  });

  it('handles a window that does not wrap midnight, and none at all when start equals end', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(hold('2026-06-10T10:15:00Z', BERLIN, lunch)?.sendAt).toBe('2026-06-10T11:30:00.000Z'); // 12:15 CEST
    expect(hold('2026-06-10T12:00:00Z', BERLIN, lunch)).toBeNull(); // 14:00 CEST
    expect(hold('2026-06-10T02:00:00Z', BERLIN, { start: '00:00', end: '00:00' })).toBeNull();
    expect(hold('2026-06-10T02:00:00Z', BERLIN, { start: '21:00', end: '21:00' })).toBeNull();
  });

  it('treats a number without a known zone as UTC', () => {
    expect(hold('2026-06-10T22:00:00Z', [])).toEqual({ sendAt: '2026-06-11T08:00:00.000Z', timeZone: 'UTC' });
  });
});

describe('quiet hours across several possible zones', () => {
  const coasts = ['America/New_York', 'America/Los_Angeles'];

  it('waits for the zone whose morning comes last', () => {
    // 08:00 in New York is 05:00 in Los Angeles: wait for 08:00 there.
    expect(hold('2026-06-10T12:00:00Z', coasts)).toEqual({ sendAt: '2026-06-10T15:00:00.000Z', timeZone: 'America/Los_Angeles' });
  });

  it('holds once the first zone reaches its evening, until it is day in both', () => {
    // 21:30 in New York, 18:30 in Los Angeles.
    expect(hold('2026-06-11T01:30:00Z', coasts)).toEqual({ sendAt: '2026-06-11T15:00:00.000Z', timeZone: 'America/Los_Angeles' });
    expect(hold('2026-06-10T20:00:00Z', coasts)).toBeNull(); // 16:00 / 13:00
  });

  it('still gives an instant when the zones never share a daytime', () => {
    // Guam (UTC+10) and Honolulu (UTC−10): their days overlap by no more than an hour each way of 13.
    const result = quietHold(at('2026-06-10T09:00:00Z'), ['Pacific/Guam', 'Pacific/Honolulu'], DEFAULT_QUIET_HOURS);
    expect(result).not.toBeNull();
    expect(result!.sendAt.getTime()).toBeGreaterThan(Date.parse('2026-06-10T09:00:00Z'));
    expect(result!.sendAt.getTime() - Date.parse('2026-06-10T09:00:00Z')).toBeLessThanOrEqual(24 * 3_600_000);
  });

  it('reads the zones from the phone number, longest prefix first', () => {
    expect(timeZonesOfPhone('+12125550100')).toEqual(['America/New_York']);
    expect(timeZonesOfPhone('+4915123456789')).toEqual(['Europe/Berlin']);
    expect(timeZonesOfPhone('+447400123456')).toEqual(['Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/London']); // a UK mobile range
    expect(timeZonesOfPhone('+80012345678')).toEqual([]);
    expect(timeZonesOfPhone('not a number')).toEqual([]);
  });
});

describe('which messages quiet hours apply to', () => {
  const now = at('2026-06-11T01:30:00Z');
  it('holds a cold message but not a reply within 60 minutes of the candidate writing', () => {
    expect(isProactive(null, now)).toBe(true);
    expect(isProactive('2026-06-11T00:31:00Z', now)).toBe(false); // 59 minutes ago
    expect(isProactive('2026-06-11T00:30:00Z', now)).toBe(true); // an hour ago
  });

  it('uses the country row when there is one, else the tenant default', () => {
    const settings = { defaultQuietHours: DEFAULT_QUIET_HOURS, countries: { FR: { start: '20:00', end: '08:00' } } };
    expect(quietHoursFor(settings, 'FR')).toEqual({ start: '20:00', end: '08:00' });
    expect(quietHoursFor(settings, 'de')).toEqual(DEFAULT_QUIET_HOURS);
    expect(quietHoursFor(settings, null)).toEqual(DEFAULT_QUIET_HOURS);
  });

  it('accepts only 24-hour HH:MM times', () => {
    expect(QuietHours.safeParse({ start: '21:00', end: '08:00' }).success).toBe(true);
    for (const bad of ['24:00', '8:00', '21:60', '2100', '']) expect(QuietHours.safeParse({ start: bad, end: '08:00' }).success).toBe(false);
  });
});

describe('the hold for a recruiter’s message, as the worker decides it and the panel forecasts it', () => {
  const settings = { defaultQuietHours: DEFAULT_QUIET_HOURS, countries: { DE: { start: '22:00', end: '07:00' }, GB: { start: '00:00', end: '00:00' } } };
  // 23:40 in New York, 05:40 in Berlin on 11 June 2026.
  const now = at('2026-06-11T03:40:00Z');

  it('gives the number’s zones with the country’s window, and no night where quiet hours are off', () => {
    expect(quietNightOf(NY, 'US', settings)).toEqual({ zones: NY, window: DEFAULT_QUIET_HOURS });
    expect(quietNightOf(BERLIN, 'DE', settings)).toEqual({ zones: BERLIN, window: { start: '22:00', end: '07:00' } });
    expect(quietNightOf(['Europe/London'], 'GB', settings)).toBeNull();
  });

  it('holds a cold message until the night ends in the candidate’s zone', () => {
    expect(messageHold(quietNightOf(NY, 'US', settings), null, now)).toEqual({ sendAt: at('2026-06-11T12:00:00Z'), timeZone: 'America/New_York' });
    expect(messageHold(quietNightOf(BERLIN, 'DE', settings), null, now)).toEqual({ sendAt: at('2026-06-11T05:00:00Z'), timeZone: 'Europe/Berlin' });
  });

  it('holds nothing in a live conversation, without a night, or in the daytime', () => {
    expect(messageHold(quietNightOf(NY, 'US', settings), '2026-06-11T02:41:00Z', now)).toBeNull(); // they wrote 59 minutes ago
    expect(messageHold(quietNightOf(NY, 'US', settings), '2026-06-11T02:40:00Z', now)).not.toBeNull(); // an hour ago
    expect(messageHold(null, null, now)).toBeNull();
    expect(messageHold(quietNightOf(NY, 'US', settings), null, at('2026-06-11T16:00:00Z'))).toBeNull(); // 12:00 in New York
  });

  it('treats a number without a known zone as UTC, like the rule itself', () => {
    expect(messageHold(quietNightOf([], null, settings), null, now)).toEqual({ sendAt: at('2026-06-11T08:00:00Z'), timeZone: 'UTC' });
  });
});
