import { describe, expect, test } from 'vitest';
import { dayLabel, groupByDay } from './day-separators.ts';

// Local times: the labels follow the recruiter's calendar, not UTC.
const now = new Date(2026, 10, 28, 9, 30); // Saturday 28 November 2026, 09:30
const at = (month: number, day: number, hour = 12, year = 2026) => new Date(year, month, day, hour);

describe('dayLabel', () => {
  test('today and yesterday by calendar day, not by 24 hours', () => {
    expect(dayLabel(at(10, 28, 0), now, 'en-GB')).toBe('Today');
    expect(dayLabel(at(10, 27, 23), now, 'en-GB')).toBe('Yesterday');
    expect(dayLabel(at(10, 27, 0), now, 'en-GB')).toBe('Yesterday');
  });

  test('the weekday within the last week, the date before, the year only when it differs', () => {
    expect(dayLabel(at(10, 26), now, 'en-GB')).toBe('Thursday');
    expect(dayLabel(at(10, 22), now, 'en-GB')).toBe('Sunday');
    expect(dayLabel(at(10, 21), now, 'en-GB')).toBe('Sat 21 November');
    expect(dayLabel(at(11, 30, 12, 2025), now, 'en-GB')).toBe('Tue, 30 December 2025');
  });

  test('in the recruiter’s language', () => {
    expect(dayLabel(at(10, 25), now, 'de')).toBe('Mittwoch');
  });
});

describe('groupByDay', () => {
  const item = (id: string, date: Date) => ({ id, createdAt: date.toISOString() });

  test('one group per day, in order, items kept in their order', () => {
    const items = [item('a', at(10, 20, 8)), item('b', at(10, 20, 17)), item('c', at(10, 27, 9)), item('d', at(10, 28, 8)), item('e', at(10, 28, 9))];
    const groups = groupByDay(items, now, 'en-GB');
    expect(groups.map((group) => [group.label, group.items.map((entry) => entry.id)])).toEqual([
      ['Fri 20 November', ['a', 'b']],
      ['Yesterday', ['c']],
      ['Today', ['d', 'e']],
    ]);
    expect(new Set(groups.map((group) => group.key)).size).toBe(3);
  });

  test('no items, no headings', () => {
    expect(groupByDay([], now)).toEqual([]);
  });
});
