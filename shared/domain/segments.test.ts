import { describe, expect, it } from 'vitest';
import { smsSegments } from './segments.ts';

// The cases from the providers reference (both calculators it compared agree on them).
describe('smsSegments', () => {
  it.each([
    ['a'.repeat(160), 'GSM-7', 1],
    ['a'.repeat(161), 'GSM-7', 2],
    ['a'.repeat(306), 'GSM-7', 2],
    ['a'.repeat(307), 'GSM-7', 3],
    ['€'.repeat(80), 'GSM-7', 1],
    ['€'.repeat(81), 'GSM-7', 2],
    ['á'.repeat(70), 'UCS-2', 1],
    ['á'.repeat(71), 'UCS-2', 2],
    ['á'.repeat(134), 'UCS-2', 2],
    ['á'.repeat(135), 'UCS-2', 3],
    ['😀'.repeat(35), 'UCS-2', 1],
    ['😀'.repeat(36), 'UCS-2', 2],
  ])('%#: %j… is %s in %i segment(s)', (body, encoding, segments) => {
    expect(smsSegments(body)).toEqual({ encoding, segments });
  });

  it('switches the whole message to UCS-2 for one character outside GSM-7', () => {
    expect(smsSegments(`${'a'.repeat(100)}’`).encoding).toBe('UCS-2');
  });
});
