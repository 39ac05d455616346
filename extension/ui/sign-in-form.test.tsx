import { act } from 'react';
import { expect, test } from 'vitest';
import { createApi } from '../api/client.ts';
import { renderAsync } from '../testing/render.tsx';
import { ApiProvider } from './api-context.tsx';
import { SignInForm } from './sign-in-form.tsx';

function type(element: HTMLInputElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(element, value);
  element.dispatchEvent(new Event('input', { bubbles: true }));
}

test('"Forgot password?" asks the worker for a reset link by email and says what happens next, then goes back to sign-in', async () => {
  const calls: string[] = [];
  const api = createApi({
    origin: 'http://worker.test',
    getToken: async () => null,
    fetch: async (input, init) => {
      calls.push(`${init?.method} ${new URL(String(input)).pathname} ${String(init?.body)}`);
      return new Response(null, { status: 202 });
    },
  });
  const { host } = await renderAsync(
    <ApiProvider api={api}>
      <SignInForm candidateName="Ada" onSignedIn={() => undefined} />
    </ApiProvider>,
  );
  const byTestId = <T extends HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
  await act(async () => byTestId('signin-forgot')!.click());
  expect(host.querySelector('h1')!.textContent).toBe('Reset your password');
  expect(byTestId('signin-password')).toBeNull();
  await act(async () => type(byTestId<HTMLInputElement>('signin-email')!, ' rita@example.com '));
  await act(async () => host.querySelector('form')!.requestSubmit());
  expect(calls).toEqual(['POST /v1/auth/password-resets {"email":"rita@example.com"}']);
  expect(byTestId('reset-sent')!.textContent).toContain('If rita@example.com has a Parley account');

  await act(async () => byTestId('signin-forgot')!.click());
  expect(host.querySelector('h1')!.textContent).toBe('Sign in to Parley');
  expect(byTestId('signin-password')).not.toBeNull();
  expect(byTestId('reset-sent')).toBeNull();
});
