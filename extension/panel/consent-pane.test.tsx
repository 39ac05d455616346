import { act } from 'react';
import { expect, test } from 'vitest';
import type { Candidate } from '@shared/api/candidates.ts';
import type { ConsentPane as Pane } from '@shared/api/consent.ts';
import { createApi } from '../api/client.ts';
import { clock } from '../lib/clock.ts';
import { renderAsync } from '../testing/render.tsx';
import { ApiProvider } from '../ui/api-context.tsx';
import { ConsentPane } from './consent-pane.tsx';

const candidate: Candidate = {
  id: 'cand-1',
  ats: 'demo',
  atsCandidateId: 'c-1',
  name: 'Ada Lovelace',
  phone: '+14155550101',
  phoneCountry: 'US',
  email: 'ada@example.com',
  jobTitle: null,
  language: 'en',
  consent: { sms: 'granted', whatsapp: 'none' },
  quietHours: null,
};

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

test('shows each channel with its last change, requests consent, and revokes a flagged opt-out in one click', async () => {
  let pane: Pane = {
    consent: { sms: 'granted', whatsapp: 'none' },
    optIn: 'double',
    country: 'US',
    lastChange: { sms: { state: 'granted', source: 'keyword', at: '2026-11-28T09:00:00.000Z' }, whatsapp: null },
    openOptOutFlags: [{ messageId: 'msg-9', channel: 'sms', body: 'please stop texting me', at: '2026-11-28T10:00:00.000Z' }],
  };
  const calls: string[] = [];
  const api = createApi({
    origin: 'http://worker.test',
    getToken: async () => 'token',
    fetch: async (input, init) => {
      const url = new URL(String(input));
      calls.push(`${init?.method ?? 'GET'} ${url.pathname} ${typeof init?.body === 'string' ? init.body : ''}`.trim());
      if (url.pathname.endsWith('/consent-requests'))
        return json(201, {
          channels: ['whatsapp'],
          sentTo: 'ada@example.com',
          expiresAt: new Date(clock.now().getTime() + 7 * 86_400_000).toISOString(),
          consent: pane.consent,
        });
      if (url.pathname.endsWith('/consent-revocations')) {
        pane = { ...pane, consent: { ...pane.consent, sms: 'revoked' }, openOptOutFlags: [] };
        return json(200, pane);
      }
      return json(200, pane);
    },
  });
  let changed = 0;
  const { host } = await renderAsync(
    <ApiProvider api={api}>
      <ConsentPane candidate={candidate} onChanged={() => changed++} />
    </ApiProvider>,
  );

  expect(host.querySelector('[data-testid="consent-pane-sms"]')?.textContent).toMatch(/SMS: Consented · by keyword reply/);
  expect(host.textContent).toContain('Double opt-in (US): after agreeing, the candidate confirms by replying START.');
  expect(host.querySelector('[data-testid="opt-out-flag"]')?.textContent).toContain('please stop texting me');

  await act(async () => host.querySelector<HTMLButtonElement>('[data-testid="consent-request"]')!.click());
  expect(host.querySelector('[data-testid="consent-notice"]')?.textContent).toBe('Consent link emailed to ada@example.com.');

  await act(async () => host.querySelector<HTMLButtonElement>('[data-testid="opt-out-flag"] button')!.click());
  expect(calls).toContain('POST /v1/candidates/cand-1/consent-revocations {"channel":"sms"}');
  expect(host.querySelector('[data-testid="opt-out-flag"]')).toBeNull();
  expect(changed).toBe(2);
});

test('cannot request consent without an email address or a phone number, or when every channel is open', async () => {
  const api = createApi({
    origin: 'http://worker.test',
    getToken: async () => 'token',
    fetch: async () => json(404, { error: { code: 'not_found', message: 'x', requestId: 'r' } }),
  });
  const { host, rerender } = await renderAsync(
    <ApiProvider api={api}>
      <ConsentPane candidate={{ ...candidate, email: null }} onChanged={() => {}} />
    </ApiProvider>,
  );
  expect(host.querySelector<HTMLButtonElement>('[data-testid="consent-request"]')!.disabled).toBe(true);
  await act(async () =>
    rerender(
      <ApiProvider api={api}>
        <ConsentPane candidate={{ ...candidate, phone: null, phoneCountry: null }} onChanged={() => {}} />
      </ApiProvider>,
    ),
  );
  // No number: nothing to consent to, said next to the disabled button (the worker refuses the same with 409).
  expect(host.querySelector<HTMLButtonElement>('[data-testid="consent-request"]')!.disabled).toBe(true);
  expect(host.querySelector('[data-testid="consent-request-refusal"]')?.textContent).toMatch(/no phone number/);
  await act(async () =>
    rerender(
      <ApiProvider api={api}>
        <ConsentPane candidate={{ ...candidate, consent: { sms: 'granted', whatsapp: 'awaiting_start' } }} onChanged={() => {}} />
      </ApiProvider>,
    ),
  );
  expect(host.querySelector<HTMLButtonElement>('[data-testid="consent-request"]')!.disabled).toBe(true);
});
