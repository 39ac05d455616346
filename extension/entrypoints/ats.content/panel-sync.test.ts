// Frames load (about:blank only): happy-dom logs an error for every frame it may not load.
// @vitest-environment-options {"settings":{"enableIframePageLoading":true}}
import { beforeEach, describe, expect, test } from 'vitest';
import type { CandidateContext } from '@shared/api/candidates.ts';
import { atsAdapters } from '../../ats/registry.ts';
import type { AtsAdapter } from '../../ats/types.ts';
import { parseFixture } from '../../testing/demo-ats-fixtures.ts';
import { createPanelFrame, panelMarker } from './panel-frame.ts';
import { createPanelSync } from './panel-sync.ts';

/** Stands in for the extension's panel.html, which happy-dom cannot load. */
const panelPage = 'about:blank';
const profileUrl = (id: string) => new URL(`http://localhost:4173/candidates/${id}`);
const doc = document;

/** What the content script told the panel, in order (messaging/shown-candidate.ts carries it). */
let published: Array<CandidateContext | null> = [];

function mount(adapters: readonly AtsAdapter[] = atsAdapters) {
  const failedAdapters: string[] = [];
  const frame = createPanelFrame(doc, panelPage, (context) => published.push(context));
  const sync = createPanelSync({ adapters, doc, frame, reportError: (id) => failedAdapters.push(id) });
  return { sync, failedAdapters };
}

const panels = () => [...doc.querySelectorAll<HTMLIFrameElement>(`[${panelMarker}]`)];
/** What the panel was last told it shows. */
const panelSees = () => published.at(-1)?.name;

/** The demo SPA's navigation: the whole view is replaced by the next candidate's. */
function renderProfile(id: 'c-1001' | 'c-1002') {
  doc.body.innerHTML = parseFixture(`profile-${id}.html`).body.innerHTML;
}

beforeEach(() => {
  published = [];
  renderProfile('c-1001');
});

describe('the panel on a candidate page', () => {
  test('mounts once into the sidebar slot, without the candidate in its URL, and tells the panel once', () => {
    const { sync } = mount();

    expect(sync.reconcile(profileUrl('c-1001')).state).toBe('shown');
    sync.reconcile(profileUrl('c-1001'));

    const [panel, ...others] = panels();
    expect(others).toHaveLength(0);
    expect(panel?.parentElement?.className).toBe('profile-sidebar__apps');
    expect(panelSees()).toBe('Ada Lovelace');
    expect(published).toHaveLength(1);
    // A page could write whatever it likes into a URL; the candidate goes by runtime message.
    expect(panel?.src).toBe(panelPage);
  });

  test('switches the same frame to another candidate when the ATS keeps the sidebar', () => {
    const { sync } = mount();
    sync.reconcile(profileUrl('c-1001'));
    const first = panels()[0];

    // A SPA that re-renders in place: same elements, new data.
    doc.querySelector('article')!.setAttribute('data-candidate-id', 'c-1002');
    doc.querySelector('h1.candidate-name')!.textContent = 'Bruno Schmidt';
    sync.reconcile(profileUrl('c-1002'));
    sync.reconcile(profileUrl('c-1002'));

    expect(panels()).toEqual([first]);
    expect(panelSees()).toBe('Bruno Schmidt');
    // Not through `src`, which would add to the tab's history (and could be written by the page).
    expect(first?.src).toBe(panelPage);
  });

  test('re-mounts, still once, when the ATS replaces the view (and our frame with it)', () => {
    const { sync } = mount();
    sync.reconcile(profileUrl('c-1001'));

    renderProfile('c-1002');
    sync.reconcile(profileUrl('c-1002'));

    const mounted = panels();
    expect(mounted).toHaveLength(1);
    expect(mounted[0]!.isConnected).toBe(true);
    expect(panelSees()).toBe('Bruno Schmidt');
  });

  test('keeps showing the previous candidate until the new one has rendered', () => {
    const { sync } = mount();
    sync.reconcile(profileUrl('c-1001'));

    // pushState happened; the SPA's fetch has not returned yet.
    expect(sync.reconcile(profileUrl('c-1002')).state).toBe('pending');
    expect(panelSees()).toBe('Ada Lovelace');
  });

  test('goes away when the page is no longer a profile', () => {
    const { sync } = mount();
    sync.reconcile(profileUrl('c-1001'));

    expect(sync.reconcile(new URL('http://localhost:4173/candidates')).state).toBe('none');
    expect(panels()).toEqual([]);
    expect(published.at(-1)).toBeNull();
  });

  test('replaces a panel left by an earlier run of the content script', () => {
    const leftover = doc.createElement('iframe');
    leftover.setAttribute(panelMarker, '');
    doc.querySelector('.profile-sidebar__apps')!.append(leftover);

    mount().sync.reconcile(profileUrl('c-1001'));

    const mounted = panels();
    expect(mounted).toHaveLength(1);
    expect(mounted[0]).not.toBe(leftover);
  });
});

describe('adapters fail alone', () => {
  const broken: AtsAdapter = {
    id: 'broken',
    label: 'Broken ATS',
    hostMatches: ['https://broken.example/*'],
    access: 'on-request',
    matches: () => {
      throw new Error('selector engine exploded');
    },
    candidateRoot: ['.nothing'],
    readCandidate: () => null,
    panelAnchor: () => null,
  };

  test('a throwing adapter is reported by id and skipped; the next adapter still mounts', () => {
    const { sync, failedAdapters } = mount([broken, ...atsAdapters]);

    sync.reconcile(profileUrl('c-1001'));
    sync.reconcile(profileUrl('c-1001'));

    expect(failedAdapters).toEqual(['broken']);
    expect(panels()).toHaveLength(1);
  });

  test('an adapter that throws while reading leaves the page as it was', () => {
    const before = doc.body.innerHTML;
    const throwsOnRead: AtsAdapter = {
      ...broken,
      matches: () => true,
      readCandidate: () => {
        throw new Error('markup changed');
      },
    };
    const { sync, failedAdapters } = mount([throwsOnRead]);

    expect(sync.reconcile(profileUrl('c-1001')).state).toBe('none');
    expect(failedAdapters).toEqual(['broken']);
    expect(doc.body.innerHTML).toBe(before);
  });
});
