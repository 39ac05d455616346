import { act } from 'react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Message } from '@shared/api/messages.ts';
import { ApiRequestError } from '../api/client.ts';
import { aMessage } from '../testing/messages.ts';
import { render } from '../testing/render.tsx';
import { sendAtLabel } from '../ui/format.ts';
import { Thread } from './thread.tsx';

beforeEach(() => {
  // 23:00 on 19 November in San Francisco; its 08:00 the next morning is 16:00Z.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime('2026-11-20T07:00:00Z');
});

afterEach(() => {
  vi.useRealTimers();
});

const held = (overrides: Partial<Message> = {}): Message =>
  aMessage({
    id: 'msg-held',
    body: 'Are you free tomorrow?',
    status: 'scheduled',
    senderUserId: 'u-1',
    createdAt: '2026-11-20T07:00:00.000Z',
    sendAt: '2026-11-20T16:00:00.000Z',
    sendAtTimeZone: 'America/Los_Angeles',
    ...overrides,
  });

describe('a message held for the candidate’s quiet hours', () => {
  test('says when it will go, in the candidate’s time (with the day, as it is tomorrow there) and the recruiter’s', () => {
    const candidatesMorning = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Los_Angeles' }).format(
      new Date('2026-11-20T16:00:00Z'),
    );
    expect(sendAtLabel('2026-11-20T16:00:00.000Z', 'America/Los_Angeles')).toMatch(
      new RegExp(`^Will send at ${candidatesMorning} \\(candidate’s time\\) · .+ your time$`),
    );
    expect(candidatesMorning).toMatch(/8:00/);
    expect(sendAtLabel('2026-11-20T16:00:00.000Z', undefined)).toMatch(/^Will send at .+ your time$/);
  });

  test('shows "Will send at" with a Cancel that cancels it, and says why a cancel was refused', async () => {
    const cancelled: string[] = [];
    let refuse = false;
    const onCancel = async (id: string) => {
      cancelled.push(id);
      if (refuse) throw new ApiRequestError(409, 'conflict', 'This message is no longer waiting: it is being sent.');
    };
    const { host } = render(
      <Thread
        messages={[held(), held({ id: 'msg-sent', status: 'sent', sendAt: undefined, sendAtTimeZone: undefined })]}
        loaded
        pollError={null}
        emptyText=""
        onCancel={onCancel}
      />,
    );
    const bubble = host.querySelector('[data-status="scheduled"]')!;
    expect(bubble.querySelector('[data-testid="send-at"]')!.textContent).toMatch(/^Will send at .*8:00.* \(candidate’s time\) · .* your time$/);
    expect(bubble.textContent).toContain('Scheduled');
    const buttons = host.querySelectorAll<HTMLButtonElement>('[data-testid="cancel-scheduled"]');
    expect(buttons).toHaveLength(1);
    await act(async () => buttons[0]!.click());
    expect(cancelled).toEqual(['msg-held']);
    refuse = true;
    await act(async () => buttons[0]!.click());
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('no longer waiting');
  });

  test('once cancelled, says so and offers nothing more', () => {
    const { host } = render(
      <Thread messages={[held({ status: 'cancelled' })]} loaded pollError={null} emptyText="" onCancel={async () => {}} onRetry={async () => {}} />,
    );
    expect(host.querySelector('[data-status="cancelled"]')!.textContent).toContain('Cancelled');
    expect(host.querySelector('[data-testid="send-at"]')).toBeNull();
    expect(host.querySelector('button')).toBeNull();
  });
});
