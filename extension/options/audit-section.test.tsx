import { act } from 'react';
import { expect, test } from 'vitest';
import type { AuditEvent, AuditLog } from '@shared/api/users.ts';
import { createApi } from '../api/client.ts';
import { renderAsync } from '../testing/render.tsx';
import { ApiProvider } from '../ui/api-context.tsx';
import { AuditSection, auditActionLabel, auditCsv } from './audit-section.tsx';

const rita = { id: 'usr_rita', name: 'Rita Ortiz', email: 'rita@example.com' };
const event = (seq: number, action: AuditEvent['action'], detail = ''): AuditEvent => ({
  seq,
  at: `2026-11-2${seq}T10:00:00.000Z`,
  action,
  actor: rita,
  target: null,
  detail,
  ip: '198.51.100.7',
  userAgent: 'Chrome',
});

test('actions read as words', () => {
  expect(auditActionLabel('sign_in.succeeded')).toBe('Sign-in succeeded');
  expect(auditActionLabel('ats_integration.created')).toBe('ATS webhook created');
  expect(auditActionLabel('seat.assigned')).toBe('Seat assigned');
  expect(auditActionLabel('password.reset_requested')).toBe('Password reset requested');
});

test('the CSV quotes every cell and neutralises formulas', () => {
  const csv = auditCsv([event(1, 'template.updated', '=HYPERLINK("x")')]).split('\r\n');
  expect(csv[0]).toBe('"at","action","what","actor","target","detail","ip","user_agent"');
  expect(csv[1]).toContain('"Template updated","Rita Ortiz <rita@example.com>","—","\'=HYPERLINK(""x"")"');
});

test('filters by action and by text, and says when nothing matches', async () => {
  const log: AuditLog = { events: [event(3, 'sign_in.succeeded'), event(2, 'seat.assigned', 'seat given'), event(1, 'sign_in.failed')], nextBefore: null };
  const api = createApi({
    origin: 'http://worker.test',
    getToken: async () => 'token',
    fetch: async () => new Response(JSON.stringify(log), { status: 200, headers: { 'Content-Type': 'application/json' } }),
  });
  const { host } = await renderAsync(
    <ApiProvider api={api}>
      <AuditSection />
    </ApiProvider>,
  );
  const rows = () => [...host.querySelectorAll('[data-testid="audit-event"]')].map((row) => row.children[1]!.textContent);
  expect(rows()).toEqual(['Sign-in succeeded', 'Seat assigned', 'Sign-in failed']);
  const set = (element: HTMLSelectElement | HTMLInputElement, value: string) => {
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'value')!.set!.call(element, value);
    element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  };
  await act(async () => set(host.querySelector<HTMLSelectElement>('[data-testid="audit-action-filter"]')!, 'sign_in.failed'));
  expect(rows()).toEqual(['Sign-in failed']);
  await act(async () => set(host.querySelector<HTMLSelectElement>('[data-testid="audit-action-filter"]')!, ''));
  await act(async () => set(host.querySelector<HTMLInputElement>('[data-testid="audit-search"]')!, 'given'));
  expect(rows()).toEqual(['Seat assigned']);
  await act(async () => set(host.querySelector<HTMLInputElement>('[data-testid="audit-search"]')!, 'nobody'));
  expect(rows()).toEqual([]);
  expect(host.querySelector('.empty-state')!.textContent).toContain('No event matches.');
});
