import { act } from 'react';
import { expect, test } from 'vitest';
import type { User } from '@shared/api/auth.ts';
import { createApi } from '../api/client.ts';
import { renderAsync } from '../testing/render.tsx';
import { ApiProvider } from '../ui/api-context.tsx';
import { InterviewsSection } from './interviews-section.tsx';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const person = (role: User['role']): User => ({ id: 'u-1', tenantId: 't-1', tenantName: 'Acme', email: 'x@acme.test', name: 'X', role });

function fakeSettings() {
  const puts: unknown[] = [];
  let saved = {
    defaultReminders: [
      { offsetMinutes: 1440, channel: null as string | null },
      { offsetMinutes: 60, channel: null as string | null },
    ],
  };
  const api = createApi({
    origin: 'http://worker.test',
    getToken: async () => 'token',
    fetch: async (_input, init) => {
      if (init?.method === 'PUT') {
        saved = JSON.parse(String(init.body));
        puts.push(saved);
      }
      return json(200, saved);
    },
  });
  return { api, puts };
}

function choose(element: HTMLSelectElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!.call(element, value);
  element.dispatchEvent(new Event('change', { bubbles: true }));
}

test('admins add a timing, send one by WhatsApp, remove one and save the set, ordered earliest first', async () => {
  const { api, puts } = fakeSettings();
  const { host } = await renderAsync(
    <ApiProvider api={api}>
      <InterviewsSection user={person('admin')} />
    </ApiProvider>,
  );
  const rows = () => [...host.querySelectorAll('[data-testid="default-reminder"]')].map((row) => row.textContent?.split(' ·')[0]);
  expect(rows()).toEqual(['1 day before', '1 hour before']);
  const save = host.querySelector<HTMLButtonElement>('[data-testid="save-default-reminders"]')!;
  expect(save.disabled).toBe(true);

  await act(async () => choose(host.querySelector<HTMLSelectElement>('[aria-label="Reminder timing"]')!, '120'));
  await act(async () => [...host.querySelectorAll('button')].find((b) => b.textContent === 'Add reminder')!.click());
  expect(rows()).toEqual(['1 day before', '2 hours before', '1 hour before']);
  await act(async () => choose(host.querySelector<HTMLSelectElement>('[aria-label="Channel of the reminder 2 hours before"]')!, 'whatsapp'));
  await act(async () => host.querySelector<HTMLButtonElement>('[aria-label="Remove the reminder 1 day before"]')!.click());
  await act(async () => save.click());

  expect(puts).toEqual([
    {
      defaultReminders: [
        { offsetMinutes: 120, channel: 'whatsapp' },
        { offsetMinutes: 60, channel: null },
      ],
    },
  ]);
  expect(host.querySelector('[data-testid="interviews-notice"]')?.textContent).toMatch(/^Saved/);
  expect(save.disabled).toBe(true);
});

test('recruiters see the defaults without controls to change them', async () => {
  const { api } = fakeSettings();
  const { host } = await renderAsync(
    <ApiProvider api={api}>
      <InterviewsSection user={person('recruiter')} />
    </ApiProvider>,
  );
  expect(host.querySelectorAll('[data-testid="default-reminder"]')).toHaveLength(2);
  expect(host.querySelector('select, button')).toBeNull();
});
