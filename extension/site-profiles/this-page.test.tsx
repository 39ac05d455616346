import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Session } from '@shared/api/auth.ts';
import type { SiteProfile, SiteProfileInput } from '@shared/api/site-profiles.ts';
import { sessionItem } from '../storage/items.ts';
import { byTestId, click, until } from '../testing/dom.ts';
import { fakeSession } from '../testing/fake-worker.ts';
import { renderAsync } from '../testing/render.tsx';
import { workableProfile } from '../testing/site-profiles.ts';
import { ApiProvider } from '../ui/api-context.tsx';
import { createSessionApi } from '../ui/session-api.ts';
import type { PageCheck } from './page-check.ts';
import type { PickResult } from './picker.ts';
import { ThisPage } from './this-page.tsx';

const admin: Session = { ...fakeSession, user: { ...fakeSession.user, role: 'admin' } };
const tab = { id: 3, url: 'https://acme.workable-like.example/backend/candidates/ada-lovelace-1' };
const saved: SiteProfileInput[] = [];
/** The tenant's profiles as the worker answers them; a test may hold the answer back. */
let listed: Promise<SiteProfile[]> = Promise.resolve([]);

/** The worker's /v1/site-profiles, as far as the toolbar menu uses it. */
async function fakeWorker(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input));
  if (url.pathname === '/v1/site-profiles' && init?.method === 'POST') {
    const body = JSON.parse(String(init.body)) as SiteProfileInput;
    saved.push(body);
    return Response.json(
      { ...body, id: 'site_1', ats: 'site-x', updatedBy: 'a', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' },
      { status: 201 },
    );
  }
  if (url.pathname === '/v1/site-profiles') return Response.json({ profiles: await listed });
  return Response.json({ error: { code: 'not_found', message: 'x', requestId: 'r' } }, { status: 404 });
}

/** What `chrome.scripting` answers: the injected task's result, by mode (the argument injection answers nothing). */
let injected: { check?: PageCheck; pick?: PickResult; confirm?: unknown } = {};
let lastTask: keyof typeof injected = 'check';
const executeScript = vi.fn(async (injection: { files?: string[]; args?: [string, { mode: keyof typeof injected }] }) => {
  if (injection.args) lastTask = injection.args[1].mode;
  return [{ result: injection.files ? injected[lastTask] : null }];
});

beforeEach(async () => {
  fakeBrowser.reset();
  saved.length = 0;
  listed = Promise.resolve([]);
  injected = {};
  executeScript.mockClear();
  fakeBrowser.tabs.query = vi.fn(async () => [{ ...tab }]) as unknown as typeof fakeBrowser.tabs.query;
  fakeBrowser.scripting.executeScript = executeScript as unknown as typeof fakeBrowser.scripting.executeScript;
  fakeBrowser.permissions.request = vi.fn(async () => true);
  fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve(true));
});

async function open(session: Session = admin, { loaded = true } = {}) {
  await sessionItem.setValue(session);
  await renderAsync(
    <ApiProvider api={createSessionApi('http://worker.test', fakeWorker)}>
      <ThisPage />
    </ApiProvider>,
  );
  if (loaded) await until(() => byTestId<HTMLButtonElement>('check-page')?.disabled === false);
  else await until(() => byTestId('check-page'));
}

describe('Check this page', () => {
  test('shows the match and each field with the locator that found it, and copies a report without candidate data', async () => {
    injected.check = {
      host: 'acme.workable-like.example',
      path: '/backend/candidates/ada-lovelace-1',
      matched: { kind: 'site', id: 'site_1', host: 'acme.workable-like.example', urlPattern: '/backend/candidates/{id}' },
      candidateId: 'ada-lovelace-1',
      fields: [
        { field: 'name', value: 'Ada Lovelace', foundBy: { index: 1, kind: 'css' }, locators: [] },
        { field: 'phone', value: null, foundBy: null, locators: [] },
      ],
    };
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await open(fakeSession);

    expect(byTestId('teach-site'), 'recruiters do not teach').toBeNull();
    await click(byTestId('check-page'));
    await until(() => byTestId('page-check'));
    expect(byTestId('page-check-matched')!.textContent).toBe('Site profile for acme.workable-like.example (/backend/candidates/{id})');
    expect(byTestId('page-check-name')!.textContent).toBe('nameAda Lovelacelocator 2 (css)');
    expect(byTestId('page-check-phone')!.textContent).toBe('phone numbermissing—');

    await click(byTestId('copy-report'));
    await until(() => writeText.mock.calls.length > 0);
    const report = String(writeText.mock.calls[0]?.[0]);
    expect(report).toContain('phone: MISSING');
    expect(report).not.toContain('Ada');
  });
});

test("waits for the tenant's profiles: a check or a teach before they arrive would miss the host's profile", async () => {
  const profile = workableProfile;
  let answer: (profiles: SiteProfile[]) => void = () => undefined;
  listed = new Promise((resolve) => {
    answer = resolve;
  });
  await open(admin, { loaded: false });
  expect(byTestId<HTMLButtonElement>('check-page')!.disabled).toBe(true);
  expect(byTestId<HTMLButtonElement>('teach-site')!.disabled).toBe(true);

  answer([profile]);
  await until(() => byTestId<HTMLButtonElement>('check-page')?.disabled === false);
  expect(byTestId('teach-site')!.textContent).toBe('Re-teach this site');
  injected.check = { host: profile.host, path: '/', matched: null, candidateId: null, fields: [] };
  await click(byTestId('check-page'));
  await until(() => byTestId('page-check'));
  const checked = executeScript.mock.calls.map(([injection]) => injection.args?.[1]).find((task) => task?.mode === 'check');
  expect(checked).toEqual({ mode: 'check', profiles: [profile] });
});

describe('Use Parley on this site', () => {
  test('asks for this one origin, picks on the page, confirms on a second candidate and saves the profile', async () => {
    await open();
    const locators = {
      name: [
        { kind: 'attribute', name: 'data-ui', value: 'candidate-name' },
        { kind: 'css', selector: 'body > main > header > h2' },
      ],
      phone: [
        { kind: 'label', text: 'Phone' },
        { kind: 'css', selector: 'body > main > section > div:nth-of-type(2) > span:nth-of-type(2)' },
      ],
    } as const;
    injected.pick = {
      ok: true,
      url: tab.url,
      picks: [
        { field: 'name', value: 'Ada Lovelace', locators: [...locators.name] },
        { field: 'phone', value: '+1 415 555 0101', locators: [...locators.phone] },
      ],
    };
    await click(byTestId('teach-site'));
    await until(() => byTestId('teach-picked'));
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ origins: ['https://acme.workable-like.example/*'] });
    expect(byTestId('teach-picked')!.textContent).toContain('+1 415 555 0101');

    injected.confirm = {
      url: 'https://acme.workable-like.example/backend/candidates/grace-hopper-2',
      fields: locators,
      values: { name: 'Grace Hopper', phone: '+1 415 555 0161' },
    };
    await click(byTestId('teach-confirm'));
    await until(() => byTestId('teach-save'));
    await click(byTestId('teach-save'));
    await until(() => byTestId('teach-saved'));
    expect(saved).toEqual([{ host: 'acme.workable-like.example', urlPattern: '/backend/candidates/{id}', fields: locators }]);
  });

  test('Escape in the picker cancels: nothing is saved and the menu says so', async () => {
    await open();
    injected.pick = { ok: false, reason: 'Cancelled: nothing was saved.' };
    await click(byTestId('teach-site'));
    const alert = await until(() => document.querySelector('[role="alert"]'));
    expect(alert.textContent).toBe('Cancelled: nothing was saved.');
    expect(saved).toEqual([]);
  });

  test('a second page of another candidate is required: the same page twice is refused before saving', async () => {
    await open();
    const two = [
      { kind: 'label', text: 'Phone' },
      { kind: 'css', selector: 'span' },
    ] as const;
    injected.pick = {
      ok: true,
      url: tab.url,
      picks: [
        { field: 'name', value: 'Ada', locators: [...two] },
        { field: 'phone', value: '1', locators: [...two] },
      ],
    };
    await click(byTestId('teach-site'));
    await until(() => byTestId('teach-confirm'));
    injected.confirm = { url: tab.url, fields: { name: two, phone: two }, values: {} };
    await click(byTestId('teach-confirm'));
    const alert = await until(() => document.querySelector('[data-testid="teach-confirmed"] [role="alert"]'));
    expect(alert.textContent).toMatch(/cannot tell where the candidate's id is/);
    expect(byTestId('teach-save')).toBeNull();
  });
});
