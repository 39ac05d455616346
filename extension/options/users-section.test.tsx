import { act } from 'react';
import { expect, test } from 'vitest';
import type { Team } from '@shared/api/users.ts';
import { createApi } from '../api/client.ts';
import { renderAsync } from '../testing/render.tsx';
import { ApiProvider } from '../ui/api-context.tsx';
import { UsersSection } from './users-section.tsx';

const admin = { id: 'usr_admin', email: 'admin@example.com', name: 'Avery Admin', role: 'admin' as const, tenantId: 'ten_1', tenantName: 'Acme' };
const team: Team = {
  users: [
    { id: 'usr_admin', email: 'admin@example.com', name: 'Avery Admin', role: 'admin', seat: true, status: 'active', lastSignInAt: null },
    { id: 'usr_ivy', email: 'ivy@example.com', name: 'Ivy Invited', role: 'recruiter', seat: false, status: 'invited', lastSignInAt: null },
  ],
  seats: { purchased: 5, used: 1 },
};

test('an invited user can be sent the invite again from their row; active users cannot', async () => {
  const calls: string[] = [];
  const api = createApi({
    origin: 'http://worker.test',
    getToken: async () => 'token',
    fetch: async (input, init) => {
      const path = new URL(String(input)).pathname;
      calls.push(`${init?.method ?? 'GET'} ${path}`);
      const body = path.endsWith('/invitations') ? team.users[1] : team;
      return new Response(JSON.stringify(body), { status: path.endsWith('/invitations') ? 201 : 200, headers: { 'Content-Type': 'application/json' } });
    },
  });
  const { host } = await renderAsync(
    <ApiProvider api={api}>
      <UsersSection user={admin} />
    </ApiProvider>,
  );
  const row = (email: string) => host.querySelector(`[data-testid="user-row"][data-email="${email}"]`)!;
  expect(row('admin@example.com').querySelector('[data-testid="reinvite"]')).toBeNull();
  await act(async () => row('ivy@example.com').querySelector<HTMLButtonElement>('[data-testid="reinvite"]')!.click());
  expect(calls).toContain('POST /v1/users/usr_ivy/invitations');
  expect(host.querySelector('[data-testid="reinvite-notice"]')!.textContent).toBe('Invite sent again to ivy@example.com; the earlier link no longer works.');
});
