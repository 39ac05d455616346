import { describe, expect, it } from 'vitest';
import { formatPhone, normalisePhone } from './phone.ts';

describe('normalisePhone', () => {
  it.each([
    ['+1 (415) 555-0101', '+14155550101', 'US'],
    ['+1 416 555 0199', '+14165550199', 'CA'], // +1 is shared: the area code decides
    ['+44 20 7946 0958', '+442079460958', 'GB'],
    ['+44 7912 345678', '+447912345678', 'GB'],
    ['+31 (0)6 1234 5678', '+31612345678', 'NL'], // the "(0)" trunk prefix people write
    ['+49 151 23456789', '+4915123456789', 'DE'],
  ])('reads %s as %s in %s', (raw, e164, country) => {
    expect(normalisePhone(raw)).toEqual({ e164, country });
  });

  it('uses the default country only for national numbers', () => {
    expect(normalisePhone('030 901820', 'DE')).toEqual({ e164: '+4930901820', country: 'DE' });
    expect(normalisePhone('030 901820')).toBeNull();
  });

  it.each(['', 'call me', '+1 555', '+44 7700 900123'])('rejects %j', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });
});

describe('formatPhone', () => {
  it('writes a number nationally for a reader in its country, internationally for anyone else', () => {
    expect(formatPhone('+14155550101', 'US')).toBe('(415) 555-0101');
    expect(formatPhone('+4915123456789', 'de')).toBe('01512 3456789');
    expect(formatPhone('+4915123456789', 'US')).toBe('+49 1512 3456789');
    expect(formatPhone('+4915123456789')).toBe('+49 1512 3456789');
  });

  it('shows what is stored when it is not a number', () => {
    expect(formatPhone('not a number', 'US')).toBe('not a number');
  });
});
