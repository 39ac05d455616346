import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, expect, it, vi } from 'vitest';
import type { Session } from '@shared/api/auth.ts';
import { secureSessionStorage, sessionItem } from './items.ts';

const session: Session = {
  token: 'tok_secret_session_token',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { id: 'usr_1', tenantId: 'ten_1', tenantName: 'Northwind', email: 'rita@northwind.test', name: 'Rita', role: 'recruiter' },
};

beforeEach(() => fakeBrowser.reset());

it('keeps the session token in storage.session, where content scripts cannot read it, never in storage.local', async () => {
  await sessionItem.setValue(session);
  expect(await fakeBrowser.storage.session.get('session')).toEqual({ session });
  expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(session.token);
  expect(await sessionItem.getValue()).toEqual(session);
});

it('on start, keeps storage.session to trusted contexts and removes a session an older version left in storage.local', async () => {
  await fakeBrowser.storage.local.set({ session, session$: { v: 1 } });
  const setAccessLevel = vi.fn(() => Promise.resolve());
  Object.assign(fakeBrowser.storage.session, { setAccessLevel });
  await secureSessionStorage();
  expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
  expect(await fakeBrowser.storage.local.get(null)).toEqual({});
});
