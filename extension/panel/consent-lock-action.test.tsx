import { act } from 'react';
import { expect, test } from 'vitest';
import type { Candidate } from '@shared/api/candidates.ts';
import { createApi } from '../api/client.ts';
import { clock } from '../lib/clock.ts';
import { renderAsync } from '../testing/render.tsx';
import { ApiProvider } from '../ui/api-context.tsx';
import { ConsentLockAction } from './consent-lock-action.tsx';

const bruno: Candidate = {
  id: 'cand-2',
  ats: 'demo',
  atsCandidateId: 'c-2',
  name: 'Bruno Schmidt',
  phone: '+4915123456789',
  phoneCountry: 'DE',
  email: 'bruno@example.com',
  jobTitle: null,
  language: 'de',
  consent: { sms: 'none', whatsapp: 'granted' },
  quietHours: null,
};

function worker() {
  const bodies: unknown[] = [];
  const api = createApi({
    origin: 'http://worker.test',
    getToken: async () => 'token',
    fetch: async (_input, init) => {
      const body = JSON.parse(String(init?.body)) as { channels: string[] };
      bodies.push(body);
      const answer = { channels: body.channels, sentTo: 'bruno@example.com', expiresAt: clock.now().toISOString(), consent: bruno.consent };
      return new Response(JSON.stringify(answer), { status: 201, headers: { 'Content-Type': 'application/json' } });
    },
  });
  return { api, bodies };
}

async function render(candidate: Candidate, onRequested = () => {}) {
  const { api, bodies } = worker();
  const { host } = await renderAsync(
    <ApiProvider api={api}>
      <ConsentLockAction candidate={candidate} channel="sms" onRequested={onRequested} />
    </ApiProvider>,
  );
  return { host, bodies, byTestId: (id: string) => host.querySelector<HTMLElement>(`[data-testid="${id}"]`) };
}

test('the lock banner requests consent on the channels chosen, by email, and says where it went', async () => {
  let requested = 0;
  const { byTestId, bodies } = await render(bruno, () => requested++);
  expect(byTestId('lock-action-request')!.textContent).toBe('Request consent');
  // WhatsApp is open already: only SMS is offered.
  expect(byTestId('lock-action-whatsapp')).toBeNull();
  expect((byTestId('lock-action-sms') as HTMLInputElement).checked).toBe(true);
  await act(async () => byTestId('lock-action-request')!.click());
  expect(bodies).toEqual([{ channels: ['sms'] }]);
  expect(byTestId('lock-action-notice')!.textContent).toBe('Consent link emailed to bruno@example.com (SMS).');
  expect(requested).toBe(1);
});

test('after a request it offers to resend; after a decline it says so before asking again', async () => {
  expect((await render({ ...bruno, consent: { sms: 'requested', whatsapp: 'none' } })).byTestId('lock-action-request')!.textContent).toBe('Resend the request');
  document.body.innerHTML = '';
  const declined = await render({ ...bruno, consent: { sms: 'declined', whatsapp: 'none' } });
  expect(declined.byTestId('lock-action-declined')!.textContent).toContain('Bruno declined SMS messages');
  expect(declined.byTestId('lock-action-request')!.textContent).toBe('Ask again');
});

test('without a phone number it says why instead of offering the request; waiting for START it offers nothing', async () => {
  const noPhone = await render({ ...bruno, phone: null, phoneCountry: null });
  expect(noPhone.byTestId('lock-action-request')).toBeNull();
  expect(noPhone.byTestId('lock-action-refusal')!.textContent).toMatch(/no phone number/);
  document.body.innerHTML = '';
  const confirming = await render({ ...bruno, consent: { sms: 'awaiting_start', whatsapp: 'granted' } });
  expect(confirming.byTestId('lock-action')).toBeNull();
});
