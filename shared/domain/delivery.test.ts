import { describe, expect, it } from 'vitest';
import { movesForward } from './delivery.ts';

describe('delivery statuses', () => {
  it.each([
    ['queued', 'sent', true],
    ['sent', 'delivered', true],
    ['delivered', 'read', true],
    ['sent', 'read', true],
    ['sent', 'failed', true],
    ['delivered', 'sent', false],
    ['read', 'delivered', false],
    ['delivered', 'failed', false],
    ['failed', 'sent', false],
    ['delivered', 'delivered', false],
  ] as const)('%s → %s moves forward: %s', (from, to, expected) => {
    expect(movesForward(from, to)).toBe(expected);
  });
});
