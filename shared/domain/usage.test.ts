import { describe, expect, it } from 'vitest';
import { isIdleSeat, localDay, presetRange, usageTable, zoneOffsets } from './usage.ts';

describe('zone offsets', () => {
  it("finds Berlin's switches to the minute, and none for UTC", () => {
    expect(zoneOffsets('Europe/Berlin', 2027, 2027)).toEqual([
      { startsAt: '0000-01-01T00:00:00.000Z', offsetMinutes: 60 },
      { startsAt: '2027-03-28T01:00:00.000Z', offsetMinutes: 120 },
      { startsAt: '2027-10-31T01:00:00.000Z', offsetMinutes: 60 },
    ]);
    expect(zoneOffsets('UTC', 2027, 2028)).toEqual([{ startsAt: '0000-01-01T00:00:00.000Z', offsetMinutes: 0 }]);
    expect(zoneOffsets('Asia/Kolkata', 2027, 2027)).toEqual([{ startsAt: '0000-01-01T00:00:00.000Z', offsetMinutes: 330 }]);
  });

  it('gives the local day on either side of a switch', () => {
    expect(localDay(new Date('2027-03-27T23:30:00Z'), 'Europe/Berlin')).toBe('2027-03-28');
    expect(localDay(new Date('2027-03-28T21:59:00Z'), 'Europe/Berlin')).toBe('2027-03-28');
    expect(localDay(new Date('2027-03-28T22:00:00Z'), 'Europe/Berlin')).toBe('2027-03-29');
    expect(localDay(new Date('2027-03-28T03:00:00Z'), 'America/Los_Angeles')).toBe('2027-03-27');
  });
});

describe('date range presets', () => {
  it('end today and include both ends', () => {
    expect(presetRange('last7', '2027-03-03')).toEqual({ from: '2027-02-25', to: '2027-03-03' });
    expect(presetRange('last30', '2027-03-03')).toEqual({ from: '2027-02-02', to: '2027-03-03' });
    expect(presetRange('thisMonth', '2027-03-03')).toEqual({ from: '2027-03-01', to: '2027-03-03' });
    expect(presetRange('lastMonth', '2027-03-03')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(presetRange('lastMonth', '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});

describe('idle seats', () => {
  it('are idle from 30 days without a message out', () => {
    expect(isIdleSeat(null, '2027-03-31')).toBe(true);
    expect(isIdleSeat('2027-03-01', '2027-03-31')).toBe(true);
    expect(isIdleSeat('2027-03-02', '2027-03-31')).toBe(false);
  });
});

describe('the usage table', () => {
  it('has the grouping columns first, then the counts, the reply rate and the cost', () => {
    const counts = {
      messagesOut: 4,
      messagesIn: 1,
      segments: 6,
      candidatesReached: 2,
      conversationsStarted: 2,
      delivered: 3,
      failed: 1,
      replies: 1,
      costMicros: 31_600,
    };
    expect(usageTable(['user', 'channel'], [{ user: { id: 'u', name: 'Rita' }, channel: 'whatsapp', ...counts }], 'EUR')).toEqual([
      [
        'User',
        'Channel',
        'Messages out',
        'Messages in',
        'SMS segments',
        'Candidates reached',
        'Conversations started',
        'Delivered',
        'Failed',
        'Replies',
        'Reply rate',
        'Estimated cost (EUR)',
      ],
      ['Rita', 'WhatsApp', '4', '1', '6', '2', '2', '3', '1', '1', '25.0%', '0.0316'],
    ]);
  });
});
