import { describe, expect, test } from 'vitest';
import type { Locator, SiteProfileField } from '@shared/domain/site-profiles.ts';
import { parseFixture } from '../testing/ats-fixtures.ts';
import { confirmLocators, deriveLocators, evaluateField, unpickableReason } from './locators.ts';

/** Where the admin clicks on the first page (test-only selectors), and what each field reads on the second. */
type Shape = {
  pages: [string, string];
  clicks: Partial<Record<SiteProfileField, string>>;
  kinds: Partial<Record<SiteProfileField, Locator['kind'][]>>;
  second: Partial<Record<SiteProfileField, string>>;
};

const shapes: Record<string, Shape> = {
  'label/value divs with data-* hooks (Workable-like)': {
    pages: ['workable-like-1.html', 'workable-like-2.html'],
    clicks: { name: 'h2', phone: '.details .row:nth-child(2) .val', email: '.details a', jobTitle: '.sub' },
    kinds: { name: ['attribute', 'css'], phone: ['label', 'css'], email: ['label', 'css'], jobTitle: ['attribute', 'css'] },
    second: { name: 'Grace Hopper', phone: '+1 415 555 0161', email: 'grace.hopper@example.com', jobTitle: 'Staff Engineer' },
  },
  'a definition list in German, tel: links (Personio-like)': {
    pages: ['personio-like-1.html', 'personio-like-2.html'],
    clicks: { name: '.profile__title span', phone: 'dd a', jobTitle: 'dd:nth-of-type(3)', language: 'dd:nth-of-type(4)' },
    kinds: { name: ['css'], phone: ['label', 'css'], jobTitle: ['label', 'css'], language: ['label', 'css'] },
    second: { name: 'Clara Weiss', phone: '+4917612345678', jobTitle: 'Buchhalterin (m/w/d)', language: 'de' },
  },
};

describe.each(Object.entries(shapes))('teaching %s', (_, shape) => {
  const [first, second] = shape.pages.map((page) => parseFixture('unknown', page));
  const taught = Object.fromEntries(
    Object.entries(shape.clicks).map(([field, selector]) => [field, deriveLocators(first!.querySelector(selector!)!, field as SiteProfileField)]),
  ) as Record<SiteProfileField, Locator[]>;

  test('derives robust locators before positional CSS, two of different kinds where the page offers two', () => {
    expect(Object.fromEntries(Object.entries(taught).map(([field, locators]) => [field, locators.map((l) => l.kind)]))).toEqual(shape.kinds);
  });

  test('reads the next candidate through the saved locators alone', () => {
    for (const [field, value] of Object.entries(shape.second)) {
      expect(evaluateField(second!, field as SiteProfileField, taught[field as SiteProfileField]).value, field).toBe(value);
    }
  });
});

describe('one broken locator is survivable, two are a missing field', () => {
  const taught = deriveLocators(parseFixture('unknown', 'workable-like-1.html').querySelector('h2')!, 'name');

  test('the hook gone: the CSS path still finds the name (second locator)', () => {
    const page = parseFixture('unknown', 'workable-like-2.html');
    page.querySelector('h2')!.removeAttribute('data-ui');
    expect(evaluateField(page, 'name', taught)).toEqual({ value: 'Grace Hopper', locatorIndex: 1 });
  });

  test('the hook gone and the layout moved: the field is missing, not guessed', () => {
    const page = parseFixture('unknown', 'workable-like-2.html');
    const heading = page.querySelector('h2')!;
    heading.removeAttribute('data-ui');
    heading.parentElement!.prepend(page.createElement('img'));
    heading.replaceWith(Object.assign(page.createElement('h3'), { textContent: 'Grace Hopper' }));
    expect(evaluateField(page, 'name', taught)).toEqual({ value: null, locatorIndex: null });
  });
});

test('a table of th/td rows: the visible label ("Mobile") and the cell path', () => {
  const page = parseFixture('unknown', 'table-like.html');
  const phone = deriveLocators(page.querySelector('tr:nth-child(2) td')!, 'phone');
  expect(phone).toEqual([
    { kind: 'label', text: 'Mobile' },
    { kind: 'css', selector: 'body > table > tbody > tr:nth-of-type(2) > td' },
  ]);
  expect(evaluateField(page, 'phone', phone).value).toBe('+44 7911 123456');
});

test('ids that look generated per render are not used; stable ones are, first', () => {
  const page = new DOMParser().parseFromString(
    '<body><div><span>Phone</span><span id="cand-phone">+1 415 555 0101</span></div><p><span>Name</span><b id="ember1234">Ada</b></p></body>',
    'text/html',
  );
  expect(deriveLocators(page.getElementById('cand-phone')!, 'phone').map((l) => l.kind)).toEqual(['id', 'label']);
  expect(deriveLocators(page.getElementById('ember1234')!, 'name').map((l) => l.kind)).toEqual(['label', 'css']);
});

test("a second candidate's page drops a locator that only worked on the first", () => {
  const [first, second] = [parseFixture('unknown', 'workable-like-1.html'), parseFixture('unknown', 'workable-like-2.html')];
  // Text next to the value that is the first candidate's own data, taken for a label.
  const byName: Locator = { kind: 'label', text: 'Ada Lovelace' };
  const derived = [byName, ...deriveLocators(first.querySelector('.sub')!, 'jobTitle', 4)];
  expect(evaluateField(first, 'jobTitle', [byName]).value).toBe('Senior Backend Engineer');
  expect(confirmLocators(second, 'jobTitle', derived)).toEqual([
    { kind: 'attribute', name: 'data-ui', value: 'job-title' },
    { kind: 'css', selector: 'body > main > header > div' },
  ]);
});

test('an element that does not read as its field gives no locators (a phone field on a name)', () => {
  const page = parseFixture('unknown', 'workable-like-1.html');
  expect(deriveLocators(page.querySelector('h2')!, 'phone')).toEqual([]);
});

describe('what the picker cannot read says so', () => {
  test('an iframe', () => {
    document.body.innerHTML = '<iframe title="notes"></iframe>';
    expect(unpickableReason(document.querySelector('iframe')!, document)).toMatch(/separate frame/);
  });

  test('inside a shadow root', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<span>+1 415 555 0101</span>';
    const inside = root.querySelector('span')!;
    expect(unpickableReason(inside, document)).toMatch(/shadow DOM/);
    expect(deriveLocators(inside, 'phone')).toEqual([]);
  });
});
