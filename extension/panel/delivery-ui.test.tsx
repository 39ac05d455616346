import { act } from 'react';
import { describe, expect, test } from 'vitest';
import type { Message } from '@shared/api/messages.ts';
import { aMessage } from '../testing/messages.ts';
import { mergeValuesOf } from '@shared/domain/template.ts';
import { ApiRequestError, createApi } from '../api/client.ts';
import { render } from '../testing/render.tsx';
import { ApiProvider } from '../ui/api-context.tsx';
import { Composer } from './composer.tsx';
import { Thread } from './thread.tsx';

const message = (overrides: Partial<Message>): Message =>
  aMessage({ body: 'Hi Ada', status: 'failed', failureReason: 'The phone number is not valid. (Twilio 21211)', senderUserId: 'u-1', ...overrides });

describe('a failed message in the thread', () => {
  test('shows the reason and a Retry that resends it, and says why a retry was refused', async () => {
    const retried: string[] = [];
    let refuse = false;
    const onRetry = async (id: string) => {
      retried.push(id);
      if (refuse) throw new ApiRequestError(409, 'consent_required', 'The candidate withdrew consent to SMS messages.');
    };
    const { host } = render(
      <Thread messages={[message({}), message({ id: 'msg-2', status: 'sent', failureReason: null })]} loaded pollError={null} emptyText="" onRetry={onRetry} />,
    );
    expect(host.textContent).toContain('The phone number is not valid. (Twilio 21211)');
    const buttons = host.querySelectorAll<HTMLButtonElement>('[data-testid="retry"]');
    expect(buttons).toHaveLength(1);
    await act(async () => buttons[0]!.click());
    expect(retried).toEqual(['msg-1']);
    refuse = true;
    await act(async () => buttons[0]!.click());
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('withdrew consent');
  });
});

describe('the composer', () => {
  test('counts SMS segments and encoding as the worker stores them', () => {
    const api = createApi({ origin: 'http://worker.test', getToken: async () => 'token', fetch: async () => Response.json({ templates: [] }) });
    const values = mergeValuesOf({ candidate: { name: 'Ada Lovelace', jobTitle: null }, companyName: 'Acme', recruiterName: 'Rita Ortiz', interview: null });
    const { host } = render(
      <ApiProvider api={api}>
        <Composer
          label="Message Ada by SMS"
          lockedReason={null}
          onSend={async () => {}}
          templates={{ channel: 'sms', language: 'en', timeZone: 'Europe/Berlin', recipient: 'Ada', values }}
        />
      </ApiProvider>,
    );
    const textarea = host.querySelector<HTMLTextAreaElement>('[data-testid="composer"]')!;
    const type = (text: string) =>
      act(() => {
        Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(textarea, text);
        textarea.dispatchEvent(new Event('input', { bubbles: true }));
      });
    type('a'.repeat(161));
    expect(host.querySelector('[data-testid="composer-count"]')?.textContent).toMatch(/GSM-7 · 2 segments/);
    type('Grüße 😀');
    expect(host.querySelector('[data-testid="composer-count"]')?.textContent).toMatch(/UCS-2 · 1 segment$/);
  });
});
