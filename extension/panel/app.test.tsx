import { act } from 'react';
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { CandidateContext } from '@shared/api/candidates.ts';
import { sessionItem } from '../storage/items.ts';
import { byTestId, click, typeInto, until } from '../testing/dom.ts';
import { createFakeWorker, fakeSession, validPassword } from '../testing/fake-worker.ts';
import { fakeShownCandidate, panelTabId } from '../testing/shown-candidate.ts';
import { renderAsync } from '../testing/render.tsx';
import { ApiProvider } from '../ui/api-context.tsx';
import { createSessionApi } from '../ui/session-api.ts';
import { App } from './app.tsx';

const ada: CandidateContext = {
  ats: 'demo',
  atsCandidateId: 'c-1001',
  name: 'Ada Lovelace',
  phone: '+14155550101',
  email: 'ada.lovelace@example.com',
  jobTitle: 'Senior Backend Engineer',
  language: 'en',
};
const bruno: CandidateContext = { ...ada, atsCandidateId: 'c-1002', name: 'Bruno Schmidt', language: 'de' };
const granted = { sms: 'granted', whatsapp: 'granted' } as const;

let worker: ReturnType<typeof createFakeWorker>;
let page: ReturnType<typeof fakeShownCandidate>;

beforeEach(() => {
  fakeBrowser.reset();
  worker = createFakeWorker();
  page = fakeShownCandidate(ada);
});

async function openPanel() {
  const api = createSessionApi('http://worker.test', worker.fetch);
  await renderAsync(
    <ApiProvider api={api}>
      <App />
    </ApiProvider>,
  );
}

const messages = () => [...document.querySelectorAll<HTMLElement>('[data-testid="message"]')];

async function signInFirst() {
  await sessionItem.setValue(fakeSession);
}

describe('signing in', () => {
  test('a wrong password says so and stays on the form; the right one opens the candidate', async () => {
    await openPanel();
    const email = await until(() => byTestId<HTMLInputElement>('signin-email'));
    await typeInto(email, 'rita@example.com');
    await typeInto(byTestId<HTMLInputElement>('signin-password')!, 'wrong');
    await click(byTestId('signin-submit'));

    const alert = await until(() => document.querySelector('[role="alert"]'));
    expect(alert.textContent).toMatch(/do not match/);
    expect(byTestId('candidate-name')).toBeNull();

    await typeInto(byTestId<HTMLInputElement>('signin-password')!, validPassword);
    await click(byTestId('signin-submit'));

    const name = await until(() => byTestId('candidate-name'));
    expect(name.textContent).toBe('Ada Lovelace');
    expect(await sessionItem.getValue()).toEqual(fakeSession);
  });

  test('a session the worker no longer accepts returns the panel to the sign-in form', async () => {
    await sessionItem.setValue({ ...fakeSession, token: 'revoked' });
    await openPanel();

    await until(() => byTestId('signin-email'));
    expect(await sessionItem.getValue()).toBeNull();
  });

  test('signing out from the menu ends the session on the worker and here', async () => {
    await signInFirst();
    await openPanel();
    await until(() => byTestId('candidate-name'));

    await click(byTestId('account-menu'));
    await click(byTestId('sign-out'));

    await until(() => byTestId('signin-email'));
    expect(worker.requests.some((r) => r.method === 'DELETE' && r.path === '/v1/auth/sessions/current')).toBe(true);
    expect(await sessionItem.getValue()).toBeNull();
  });
});

describe('the conversation', () => {
  test('without consent the composer is locked and says why; a channel with consent is open', async () => {
    worker.setConsent('cand-c-1001', { sms: 'none', whatsapp: 'granted' });
    await signInFirst();
    await openPanel();

    const locked = await until(() => byTestId('composer-locked'));
    expect(locked.textContent).toBe('The candidate has not consented to SMS messages.');
    expect(byTestId<HTMLTextAreaElement>('composer')!.disabled).toBe(true);

    // WhatsApp has consent, and the candidate wrote there today: the 24-hour window is open.
    worker.reply('cand-c-1001', 'whatsapp', 'Hi, WhatsApp is easier for me');
    await click(byTestId('channel-whatsapp'));

    await until(() => !byTestId('composer-locked'));
    expect(byTestId<HTMLTextAreaElement>('composer')!.disabled).toBe(false);
    expect(byTestId('whatsapp-window')?.getAttribute('data-open')).toBe('true');
  });

  test('without a seat the composer is locked up front, naming the admins to ask, in the worker’s words', async () => {
    worker.setConsent('cand-c-1001', granted);
    const admins = [
      { name: 'Ann Admin', email: 'ann@example.com' },
      { name: 'Bo Boss', email: 'bo@example.com' },
    ];
    worker.setSeat(false, admins);
    await signInFirst();
    await openPanel();

    const locked = await until(() => byTestId('composer-locked'));
    expect(locked.textContent).toBe(
      'You do not have a Parley seat, so you can read conversations but not send. Ask Ann Admin (ann@example.com) or Bo Boss (bo@example.com) to give you one.',
    );
    expect(byTestId<HTMLTextAreaElement>('composer')!.disabled).toBe(true);
    expect(byTestId<HTMLButtonElement>('send')!.disabled).toBe(true);
    expect(worker.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  test("a send the worker refuses shows the worker's reason and keeps the draft", async () => {
    worker.setConsent('cand-c-1001', granted);
    await signInFirst();
    await openPanel();
    const composer = await until(() => !byTestId('composer')?.hasAttribute('disabled') && byTestId<HTMLTextAreaElement>('composer'));

    // Consent withdrawn after the panel loaded: only the worker knows.
    worker.setConsent('cand-c-1001', { sms: 'revoked', whatsapp: 'granted' });
    await typeInto(composer, 'Are you free on Monday?');
    await click(byTestId('send'));

    const error = await until(() => byTestId('send-error'));
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe('The candidate withdrew consent to SMS messages.');
    expect(composer.value).toBe('Are you free on Monday?');
    expect(messages()).toHaveLength(0);
    // The panel re-reads consent and now explains the lock itself.
    await until(() => byTestId('composer-locked'));
    expect(composer.value).toBe('Are you free on Monday?');
  });

  test('Ctrl+Enter sends; the message shows once, and a reply arrives without a reload', async () => {
    worker.setConsent('cand-c-1001', granted);
    await signInFirst();
    await openPanel();
    const composer = await until(() => !byTestId('composer')?.hasAttribute('disabled') && byTestId<HTMLTextAreaElement>('composer'));
    await until(() => byTestId('thread')?.getAttribute('aria-busy') === 'false');

    await typeInto(composer, 'Hello Ada');
    await act(async () => {
      composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    });

    await until(() => messages().length === 1);
    expect(messages()[0]).toMatchObject({ dataset: { direction: 'outbound', status: 'sent' } });
    expect(composer.value).toBe('');

    worker.reply('cand-c-1001', 'sms', 'Yes, Monday works.');
    await until(() => messages().length === 2, 4000);
    expect(messages().map((m) => m.dataset.direction)).toEqual(['outbound', 'inbound']);
    expect(messages()[1]!.textContent).toContain('Yes, Monday works.');
  });

  test('switches to the candidate the page now shows', async () => {
    await signInFirst();
    await openPanel();
    await until(() => byTestId('candidate-name')?.textContent === 'Ada Lovelace');

    await act(() => page.show(bruno));

    await until(() => byTestId('candidate-name')?.textContent === 'Bruno Schmidt');
    await until(() => worker.requests.some((r) => r.path === '/v1/candidates/cand-c-1002/messages'));
  });

  test("only its own tab's top frame switches the candidate: another tab, a sub-frame or a forged sender do not", async () => {
    await signInFirst();
    await openPanel();
    await until(() => byTestId('candidate-name')?.textContent === 'Ada Lovelace');

    const forged = { ...bruno, name: 'Mallory', phone: '+15555550100' };
    await act(() => page.show(forged, { id: fakeBrowser.runtime.id, tab: { id: panelTabId + 1 }, frameId: 0 }));
    await act(() => page.show(forged, { id: fakeBrowser.runtime.id, tab: { id: panelTabId }, frameId: 3 }));
    await act(() => page.show(forged, { id: 'another-extension', tab: { id: panelTabId }, frameId: 0 }));

    expect(byTestId('candidate-name')?.textContent).toBe('Ada Lovelace');
    expect(worker.requests.filter((r) => r.method === 'PUT' && r.path === '/v1/candidates').map((r) => (r.body as { name: string }).name)).not.toContain(
      'Mallory',
    );
  });

  test('framed by a page Parley does not run on, the panel reads nothing from it', async () => {
    fakeBrowser.reset();
    fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve(null));
    location.hash = encodeURIComponent(JSON.stringify(bruno));
    await signInFirst();
    await openPanel();

    const alert = await until(() => document.querySelector('[role="alert"]'));
    expect(alert.textContent).toMatch(/could not read the candidate/);
    expect(worker.requests.filter((r) => r.path === '/v1/candidates')).toEqual([]);
    location.hash = '';
  });

  test('a message that is not a candidate is refused, not sent to the worker', async () => {
    await page.show({ name: 'x' });
    await signInFirst();
    await openPanel();

    const alert = await until(() => document.querySelector('[role="alert"]'));
    expect(alert.textContent).toMatch(/could not read the candidate/);
    expect(worker.requests.filter((r) => r.path === '/v1/candidates')).toEqual([]);
  });
});

describe('a page without a phone number Parley can text', () => {
  const sam: CandidateContext = { ...ada, ats: 'lever', atsCandidateId: '7f3c2a91', name: 'Sam Okafor', phone: null };

  test('the panel asks for the number, checks it with the shared rule, and resolves the candidate with it', async () => {
    await page.show(sam);
    await signInFirst();
    await openPanel();

    const input = await until(() => byTestId<HTMLInputElement>('phone-input'));
    expect(byTestId('phone-prompt')!.textContent).toMatch(/shows no phone number/);

    await typeInto(input, '555 0134');
    await click(byTestId('phone-confirm'));
    expect(byTestId('phone-input')!.getAttribute('aria-invalid')).toBe('true');
    expect(worker.requests.filter((r) => r.method === 'PUT' && r.path === '/v1/candidates')).toHaveLength(1);

    await typeInto(input, '+1 415 555 0134');
    await click(byTestId('phone-confirm'));

    await until(() => !byTestId('phone-prompt'));
    const resolved = worker.requests.filter((r) => r.method === 'PUT' && r.path === '/v1/candidates');
    expect(resolved.at(-1)?.body).toMatchObject({ atsCandidateId: '7f3c2a91', phone: '+14155550134' });
    expect(document.querySelector('.candidate__facts')!.textContent).toContain('+1 415 555 0134');
  });

  test('a number without a country code is offered for confirmation', async () => {
    await page.show({ ...sam, phone: '(512) 555-0187' });
    await signInFirst();
    await openPanel();

    const input = await until(() => byTestId<HTMLInputElement>('phone-input'));
    expect(input.value).toBe('(512) 555-0187');
    expect(byTestId('phone-prompt')!.textContent).toMatch(/without a country code/);
  });

  test('no prompt when the page shows a number', async () => {
    await signInFirst();
    await openPanel();
    await until(() => byTestId('candidate-name'));
    await until(() => byTestId('composer'));
    expect(byTestId('phone-prompt')).toBeNull();
  });
});
