/**
 * The meta-test (refined-github's `features.test.ts`): every adapter folder is in the registry, has
 * the four files and their tests, saved fixture pages with a README, and a row in README.md's
 * "ATS support" table; and no adapter asks for more than its ATS's hosts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fixturePages, fixturesRoot } from '../testing/ats-fixtures.ts';
import { atsAdapters } from './registry.ts';

const atsDir = import.meta.dirname;
const readme = readFileSync(resolve(atsDir, '../../README.md'), 'utf8');
const folders = readdirSync(atsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

test('the registry lists every adapter folder, once, under the folder name', () => {
  expect(atsAdapters.map((adapter) => adapter.id).sort()).toEqual(folders);
});

describe.each(folders)('ats/%s', (id) => {
  test.each(['detect.ts', 'selectors.ts', 'extract.ts', 'index.ts', 'detect.test.ts', 'selectors.test.ts', 'extract.test.ts'])('has %s', (file) => {
    expect(existsSync(resolve(atsDir, id, file)), `create extension/ats/${id}/${file}`).toBe(true);
  });

  test('extract.ts ends with a "Test pages" block saying where its pages are', () => {
    const source = readFileSync(resolve(atsDir, id, 'extract.ts'), 'utf8').trimEnd();
    expect(source).toMatch(/\/\* ## Test pages\n[\s\S]*test\/fixtures\/ats\/[\s\S]*\*\/$/);
  });

  test('has saved pages and a README on how they were made', () => {
    expect(fixturePages(id).length, `save pages to test/fixtures/ats/${id}/`).toBeGreaterThanOrEqual(2);
    expect(existsSync(resolve(fixturesRoot, id, 'README.md')), `write test/fixtures/ats/${id}/README.md`).toBe(true);
  });

  test('has a row in README.md\'s "ATS support" table', () => {
    const table = readme.split('## ATS support')[1]?.split('\n## ')[0] ?? '';
    expect(table.split('\n').some((row) => row.startsWith('|') && row.includes(`\`extension/ats/${id}\``))).toBe(true);
  });
});

describe.each(atsAdapters)('$id host access', (adapter) => {
  test('only its own hosts: no <all_urls>, no scheme or host wildcard but a subdomain one', () => {
    for (const pattern of adapter.hostMatches) {
      expect(pattern).toMatch(/^(https?):\/\/(\*\.)?[a-z0-9.-]+\/\*$/);
    }
  });

  test('a real ATS is asked for at run time; only the loopback demo is bundled', () => {
    const loopback = adapter.hostMatches.every((pattern) => /^http:\/\/(localhost|127\.0\.0\.1)\//.test(pattern));
    expect(adapter.access).toBe(loopback ? 'bundled' : 'on-request');
  });
});
