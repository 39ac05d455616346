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

test('admins add a country rule with its quiet hours and save the whole set; a refusal is shown', async () => {
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
  expect(host.querySelector<HTMLSelectElement>('[aria-label="Opt-in for US"]')!.value).toBe('single');
  expect(host.querySelector<HTMLInputElement>('[aria-label="Quiet hours for US start"]')!.value).toBe('20:00');
  expect(host.querySelector<HTMLInputElement>('[aria-label="Default quiet hours end"]')!.value).toBe('08:00');

  const add = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Add a country')!;
  await act(async () => add.click());
  await act(async () => choose(host.querySelectorAll<HTMLInputElement>('[aria-label="Country code"]')[1]!, 'de'));
  await act(async () => choose(host.querySelector<HTMLSelectElement>('[aria-label="Opt-in for DE"]')!, 'single'));
  // A new country starts with the default's quiet hours.
  expect(host.querySelector<HTMLInputElement>('[aria-label="Quiet hours for DE start"]')!.value).toBe('21:00');
  await act(async () => choose(host.querySelector<HTMLInputElement>('[aria-label="Quiet hours for DE start"]')!, '22:00'));
  await act(async () => choose(host.querySelector<HTMLInputElement>('[aria-label="Default quiet hours end"]')!, '09:00'));
  await act(async () => choose(host.querySelector<HTMLSelectElement>('[aria-label="Default opt-in"]')!, 'single'));
  await act(async () => host.querySelector<HTMLFormElement>('[data-testid="compliance-form"]')!.requestSubmit());
  expect(puts).toEqual([
    {
      defaultOptIn: 'single',
      defaultQuietHours: { start: '21:00', end: '09:00' },
      countries: [
        { country: 'US', optIn: 'single', quietHours: { start: '20:00', end: '08:00' } },
        { country: 'DE', optIn: 'single', quietHours: { start: '22:00', end: '08:00' } },
      ],
    },
  ]);
  expect(host.querySelector('[role="status"]')?.textContent).toBe('Saved.');

  refuse = true;
  await act(async () => host.querySelector<HTMLFormElement>('[data-testid="compliance-form"]')!.requestSubmit());
  expect(host.querySelector('[role="alert"]')?.textContent).toContain('each country once');
});
