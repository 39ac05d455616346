// Frames load (about:blank only): happy-dom logs an error for every frame it may not load.
// @vitest-environment-options {"settings":{"enableIframePageLoading":true}}
/**
 * A recruiter moving between two candidates on each ATS's saved pages, the way their SPAs do it:
 * the URL changes first, the profile column goes, the next one renders, the sidebar stays.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import type { CandidateContext } from '@shared/api/candidates.ts';
import { queryFirst } from '../../ats/dom.ts';
import { atsAdapters } from '../../ats/registry.ts';
import type { AtsAdapter } from '../../ats/types.ts';
import { parseFixture } from '../../testing/ats-fixtures.ts';
import { createPanelFrame, panelMarker } from './panel-frame.ts';
import { createPanelSync } from './panel-sync.ts';

type Stop = { page: string; url: string; name: string; phone: string | null };
type Journey = { adapterId: string; from: Stop; to: Stop };

const journeys: Journey[] = [
  {
    adapterId: 'demo',
    from: { page: 'profile-c-1001.html', url: 'http://localhost:4173/candidates/c-1001', name: 'Ada Lovelace', phone: '+14155550101' },
    to: { page: 'profile-c-1007.html', url: 'http://localhost:4173/candidates/c-1007', name: "Liam O'Connor", phone: null },
  },
  {
    adapterId: 'greenhouse',
    from: {
      page: 'profile-60304594.html',
      url: 'https://app.greenhouse.io/people/60304594?application_id=71980812',
      name: 'Avery Quinn',
      phone: '+14155550134',
    },
    to: { page: 'profile-60311022.html', url: 'https://app.greenhouse.io/people/60311022?application_id=71990431', name: 'Jonas Weber', phone: null },
  },
  {
    adapterId: 'lever',
    from: {
      page: 'candidate-250d8f03.html',
      url: 'https://hire.lever.co/candidates/250d8f03-738a-4bba-a671-8a3d73477145',
      name: 'Morgan Lee',
      phone: '(512) 555-0187',
    },
    to: { page: 'candidate-7f3c2a91.html', url: 'https://hire.lever.co/candidates/7f3c2a91-5b4e-4d2f-9c8a-1e6b0d4f2a37', name: 'Sam Okafor', phone: null },
  },
  {
    adapterId: 'smartrecruiters',
    from: {
      page: 'application-3f9c1b52.html',
      url: 'https://www.smartrecruiters.com/app/people/applications/3f9c1b52-6a1e-4c7d-9b0e-2d8a5e7f1c44',
      name: 'Riley Park',
      phone: '+44 7911 123456',
    },
    to: {
      page: 'application-8e1d4a07.html',
      url: 'https://www.smartrecruiters.com/app/people/applications/8e1d4a07-93bc-4e25-a6f1-5c0b7d2e9a36',
      name: 'Lena Fischer',
      phone: null,
    },
  },
];

const doc = document;
const adapterById = (id: string) => atsAdapters.find((adapter) => adapter.id === id)!;
const panels = () => [...doc.querySelectorAll<HTMLIFrameElement>(`[${panelMarker}]`)];
/** What the content script last told the panel (messaging/shown-candidate.ts carries it). */
let published: Array<CandidateContext | null> = [];
const panelSees = () => published.at(-1);

function mount(adapters: readonly AtsAdapter[] = atsAdapters) {
  const failed: string[] = [];
  const frame = createPanelFrame(doc, 'about:blank', (context) => published.push(context));
  const sync = createPanelSync({ adapters, doc, frame, reportError: (id) => failed.push(id) });
  return { reconcile: (url: string) => sync.reconcile(new URL(url)).state, failed };
}

/** A full page load of a saved page. */
function load(adapterId: string, page: string) {
  const saved = parseFixture(adapterId, page);
  doc.title = saved.title;
  doc.body.innerHTML = saved.body.innerHTML;
}

/** The SPA's navigation: a placeholder while fetching, then the next profile; the rest of the page stays. */
function navigate(adapter: AtsAdapter, to: Stop, reconcile: (url: string) => string) {
  const root = queryFirst(doc, adapter.candidateRoot)!;
  const placeholder = doc.createElement('div');
  placeholder.textContent = 'Loading…';
  root.replaceWith(placeholder);
  expect(reconcile(to.url), 'while the next profile loads').toBe('pending');

  const next = parseFixture(adapter.id, to.page);
  placeholder.replaceWith(doc.importNode(queryFirst(next, adapter.candidateRoot)!, true));
  doc.title = next.title;
}

beforeEach(() => {
  published = [];
  doc.body.replaceChildren();
  doc.title = '';
});

describe.each(journeys)('on $adapterId', ({ adapterId, from, to }) => {
  const adapter = adapterById(adapterId);

  test('both profile URLs belong to this adapter and no other', () => {
    for (const stop of [from, to]) {
      expect(atsAdapters.filter((candidate) => candidate.matches(new URL(stop.url))).map((a) => a.id)).toEqual([adapterId]);
    }
  });

  test(`the same panel follows a client-side navigation from ${from.name} to ${to.name}`, () => {
    load(adapterId, from.page);
    const { reconcile, failed } = mount();

    expect(reconcile(from.url)).toBe('shown');
    const [panel] = panels();
    expect(panelSees()).toMatchObject({ name: from.name, phone: from.phone });
    expect(panel?.parentElement).toBe(adapter.panelAnchor(doc));

    navigate(adapter, to, reconcile);
    expect(panelSees(), 'the previous candidate stays until the next has rendered').toMatchObject({ name: from.name });

    expect(reconcile(to.url)).toBe('shown');
    expect(panels()).toEqual([panel]);
    expect(panelSees()).toMatchObject({ name: to.name, phone: to.phone });
    expect(failed).toEqual([]);
  });
});

describe('a failing adapter fails alone', () => {
  const [greenhouse, lever] = [adapterById('greenhouse'), adapterById('lever')];
  const throwsOnRead: AtsAdapter = {
    ...greenhouse,
    readCandidate: () => {
      throw new Error('the profile markup changed');
    },
  };

  test('it leaves its page untouched, and the other adapters keep working', () => {
    const { reconcile, failed } = mount([throwsOnRead, lever]);
    const greenhouseStop = journeys.find((journey) => journey.adapterId === 'greenhouse')!.from;
    load('greenhouse', greenhouseStop.page);
    const untouched = doc.body.innerHTML;

    expect(reconcile(greenhouseStop.url)).toBe('none');
    expect(doc.body.innerHTML).toBe(untouched);
    expect(failed).toEqual(['greenhouse']);

    const leverStop = journeys.find((journey) => journey.adapterId === 'lever')!.from;
    load('lever', leverStop.page);
    expect(reconcile(leverStop.url)).toBe('shown');
    expect(panelSees()).toMatchObject({ name: leverStop.name });
  });
});
