import { describe, expect, test } from 'vitest';
import { builtInAtsHosts } from '@shared/domain/ats-hosts.ts';
import { atsManifestEntries, isLoopbackOrigin, manifestEntries } from './manifest.ts';
import { atsAdapters } from './registry.ts';

const loopback = ['http://localhost/*', 'http://127.0.0.1/*'];

describe('the manifest of a store package (a deployed worker)', () => {
  const entries = atsManifestEntries('https://parley.acme.example');

  test('ships no demo adapter, and frames the panel into no loopback page', () => {
    expect(entries.shipsDemoAts).toBe(false);
    expect(entries.bundledHosts).toEqual([]);
    for (const host of loopback) {
      expect(entries.panelHosts).not.toContain(host);
      expect(entries.onRequestHosts).not.toContain(host);
    }
  });

  test('panel.html is web-accessible exactly on the real ATSs the content script may run on', () => {
    expect(entries.panelHosts).toEqual([
      'https://*.greenhouse.io/*',
      'https://hire.lever.co/*',
      'https://hire.eu.lever.co/*',
      'https://hire.sandbox.lever.co/*',
      'https://www.smartrecruiters.com/*',
    ]);
    expect(entries.onRequestHosts).toEqual(entries.panelHosts);
  });
});

test('a build for the local worker (npm start, the tests, e2e) carries the demo ATS', () => {
  const entries = atsManifestEntries('http://127.0.0.1:8787');
  expect(entries.shipsDemoAts).toBe(true);
  expect(entries.bundledHosts).toEqual(loopback);
  expect(entries.panelHosts).toEqual(expect.arrayContaining(loopback));
});

test.each([
  ['http://127.0.0.1:8787', true],
  ['http://localhost:9000', true],
  ['https://parley.acme.example', false],
  ['https://localhost.acme.example', false],
])('%s is loopback: %s', (origin, expected) => {
  expect(isLoopbackOrigin(origin)).toBe(expected);
});

test("the worker's list of each built-in ATS's hosts (profileUrl check) is the adapters' own", () => {
  expect(Object.fromEntries(atsAdapters.map((adapter) => [adapter.id, [...adapter.hostMatches]]))).toEqual(builtInAtsHosts);
});

test('teaching a site asks for one https origin at a time: none is granted up front', () => {
  const entries = manifestEntries('https://parley.acme.example');
  expect(entries.optionalHosts).toEqual([...entries.onRequestHosts, 'https://*/*']);
  expect(entries.optionalHosts).not.toContain('<all_urls>');
});
