import { act } from 'react';
import { expect, test } from 'vitest';
import { createApi } from '../api/client.ts';
import { renderAsync } from '../testing/render.tsx';
import { ApiProvider } from '../ui/api-context.tsx';
import { ComplianceSection } from './compliance-section.tsx';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** Sets a controlled field the way a person does, so React sees the change. */
function choose(element: HTMLSelectElement | HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'value')!.set!;
  setter.call(element, value);
  element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

test('admins find a country by name, give it its own opt-in and quiet hours (or none), set the privacy link and save the whole set; a refusal is shown', async () => {
  const puts: unknown[] = [];
  let refuse = false;
  const api = createApi({
    origin: 'http://worker.test',
    getToken: async () => 'token',
    fetch: async (_input, init) => {
      if (init?.method === 'PUT') {
        puts.push(JSON.parse(String(init.body)));
        return refuse ? json(422, { error: { code: 'validation_failed', message: 'each country once', requestId: 'r' } }) : json(200, puts.at(-1));
      }
      return json(200, {
        defaultOptIn: 'double',
        defaultQuietHours: { start: '21:00', end: '08:00' },
        countries: [{ country: 'US', optIn: 'single', quietHours: { start: '20:00', end: '08:00' } }],
      });
    },
  });
  const { host } = await renderAsync(
    <ApiProvider api={api}>
      <ComplianceSection />
    </ApiProvider>,
  );
  const input = (label: string) => host.querySelector<HTMLInputElement>(`[aria-label="${label}"]`)!;
  const pressed = (label: string) => host.querySelector(`[aria-label="${label}"] [aria-pressed="true"]`)?.getAttribute('data-value');
  const click = (element: Element) => act(async () => (element as HTMLElement).click());
  // Countries with their own rules lead the list, by name and flag.
  const rows = () => [...host.querySelectorAll('[data-testid="compliance-country"]')];
  expect(rows()[0]!.getAttribute('data-country')).toBe('US');
  expect(rows()[0]!.textContent).toContain('🇺🇸');
  expect(rows().length).toBeGreaterThan(200);
  expect(pressed('Opt-in for United States')).toBe('single');
  expect(input('Quiet hours for United States start').value).toBe('20:00');
  expect(input('Default quiet hours end').value).toBe('08:00');

  // Search, then give Germany its own rules: it starts from the default's.
  await act(async () => choose(host.querySelector<HTMLInputElement>('[data-testid="compliance-search"]')!, 'germ'));
  expect(rows().map((row) => row.getAttribute('data-country'))).toEqual(['DE']);
  await click(host.querySelector('[aria-label="Set own rules for Germany"]')!);
  expect(input('Quiet hours for Germany start').value).toBe('21:00');
  await click(host.querySelector('[aria-label="Opt-in for Germany"] [data-value="single"]')!);
  await act(async () => choose(input('Quiet hours for Germany start'), '22:00'));
  await act(async () => choose(input('Default quiet hours end'), '09:00'));
  await click(host.querySelector('[aria-label="Opt-in for all other countries"] [data-value="single"]')!);
  // No quiet hours reads "None", not "12:00 AM to 12:00 AM".
  await act(async () => input('Quiet hours for Germany on').click());
  expect(host.querySelector('[data-country="DE"]')!.textContent).toContain('None');
  expect(input('Quiet hours for Germany start')).toBeNull();
  await act(async () => input('Quiet hours for Germany on').click());
  await act(async () => choose(input('Quiet hours for Germany start'), '22:00'));

  // A bad privacy address is said in words and keeps Save disabled.
  await act(async () => choose(host.querySelector<HTMLInputElement>('[data-testid="compliance-privacy-url"]')!, 'northwind privacy'));
  expect(host.querySelector('.field__error')?.textContent).toBe('Enter a web address starting with https://');
  expect(host.querySelector<HTMLButtonElement>('[data-testid="compliance-save"]')!.disabled).toBe(true);
  await act(async () => choose(host.querySelector<HTMLInputElement>('[data-testid="compliance-privacy-url"]')!, 'https://northwind.test/privacy'));

  await act(async () => host.querySelector<HTMLFormElement>('[data-testid="compliance-form"]')!.requestSubmit());
  expect(puts).toEqual([
    {
      defaultOptIn: 'single',
      defaultQuietHours: { start: '21:00', end: '09:00' },
      countries: [
        { country: 'US', optIn: 'single', quietHours: { start: '20:00', end: '08:00' } },
        // Switched off and on again: back from the standard night (21:00–08:00), then edited.
        { country: 'DE', optIn: 'single', quietHours: { start: '22:00', end: '08:00' } },
      ],
      privacyUrl: 'https://northwind.test/privacy',
    },
  ]);
  expect(host.querySelector('[role="status"]')?.textContent).toBe('Saved.');

  refuse = true;
  await act(async () => host.querySelector<HTMLFormElement>('[data-testid="compliance-form"]')!.requestSubmit());
  expect(host.querySelector('[role="alert"]')?.textContent).toContain('each country once');
});
