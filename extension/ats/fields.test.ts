import { describe, expect, test } from 'vitest';
import { emailFromLink, languageTag, nameFromTitle, phoneFromLink, phoneFromText } from './fields.ts';

function link(href: string | null, text: string): HTMLAnchorElement {
  const element = document.createElement('a');
  if (href !== null) element.setAttribute('href', href);
  element.textContent = text;
  return element;
}

describe('phoneFromLink', () => {
  test('prefers the number the tel: link dials', () => {
    expect(phoneFromLink(link('tel:+14155550101', '+1 (415) 555-0101'))).toBe('+14155550101');
  });
  test('decodes an escaped tel: link', () => {
    expect(phoneFromLink(link('tel:+49%20151%2023456789', 'call'))).toBe('+49 151 23456789');
  });
  test('falls back to the text when the link does not dial', () => {
    expect(phoneFromLink(link('#', ' +44 7912 345678 '))).toBe('+44 7912 345678');
  });
  test('null for no link or an empty one', () => {
    expect(phoneFromLink(null)).toBeNull();
    expect(phoneFromLink(link('tel:', ' '))).toBeNull();
  });
});

describe('emailFromLink', () => {
  test('takes the first recipient and drops mailto: parameters', () => {
    expect(emailFromLink(link('mailto:ada@example.com,bob@example.com?subject=Hi', 'Email'))).toBe('ada@example.com');
  });
  test('falls back to the text', () => {
    expect(emailFromLink(link(null, 'ada@example.com'))).toBe('ada@example.com');
  });
  test('null rather than an address the worker would refuse', () => {
    expect(emailFromLink(link('mailto:not-an-address', 'not-an-address'))).toBeNull();
    expect(emailFromLink(null)).toBeNull();
  });
});

describe('languageTag', () => {
  test.each([
    ['de', 'de'],
    ['DE', 'de'],
    ['de_at', 'de-AT'],
    ['pt-BR', 'pt-BR'],
    [' fr ', 'fr'],
  ])('%s → %s', (raw, tag) => {
    expect(languageTag(raw)).toBe(tag);
  });
  // Not a language the page states: null, so the worker keeps the one it knows.
  test.each([null, undefined, '', 'english', 'de-Latn-AT', 'x'])('%s → null', (raw) => {
    expect(languageTag(raw)).toBeNull();
  });
});

describe('nameFromTitle', () => {
  const lever = /^Lever Hire$/;
  test.each([
    ['Ada Lovelace – Lever Hire', 'Ada Lovelace'],
    ['Anne-Marie Dupont - Lever Hire', 'Anne-Marie Dupont'],
    ['  Ada Lovelace | Data Scientist | Lever Hire ', 'Ada Lovelace'],
  ])('%s → %s', (title, name) => {
    expect(nameFromTitle(title, lever)).toBe(name);
  });
  test.each(['Lever Hire', 'Candidates – Greenhouse', 'Ada Lovelace', ' – Lever Hire'])('%s → null', (title) => {
    expect(nameFromTitle(title, lever)).toBeNull();
  });
});

describe('phoneFromText', () => {
  test.each(['+44 7700 900123', '(415) 555-0134', '+49 151/23456789'])('%s reads as a phone', (text) => {
    expect(phoneFromText(` ${text} `)).toBe(text);
  });
  test.each(['riley.park@example.com', 'London, United Kingdom', '12345', '2024-05-01 to 2024-06-30', null])('%s does not', (text) => {
    expect(phoneFromText(text)).toBeNull();
  });
});
