import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Message } from '@shared/api/messages.ts';
import { pollThread } from './thread-poller.ts';

const at = (seq: number) => ({ id: `m${seq}`, seq }) as Message;

/** A document whose visibility the test controls. */
function fakeDocument() {
  const target = new EventTarget() as EventTarget & { hidden: boolean };
  target.hidden = false;
  return {
    doc: target as unknown as Document,
    setHidden(hidden: boolean) {
      target.hidden = hidden;
      target.dispatchEvent(new Event('visibilitychange'));
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('pollThread', () => {
  test('loads the history, then asks only for what is newer than the last seq', async () => {
    const load = vi
      .fn()
      .mockResolvedValueOnce([at(3), at(7)])
      .mockResolvedValueOnce([])
      .mockResolvedValueOnce([at(9)]);
    const onMessages = vi.fn();
    const { doc } = fakeDocument();
    const stop = pollThread({ load, onMessages, onError: () => {}, intervalMs: 1500, doc });

    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(1500);
    await vi.advanceTimersByTimeAsync(1500);
    stop();

    expect(load.mock.calls.map(([after]) => after)).toEqual([undefined, 7, 7]);
    expect(onMessages.mock.calls).toEqual([
      [[at(3), at(7)], true],
      [[at(9)], false],
    ]);
  });

  test('never has two requests in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const load = vi.fn(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5000)); // slower than the interval
      inFlight--;
      return [];
    });
    const { doc } = fakeDocument();
    const stop = pollThread({ load, onMessages: () => {}, onError: () => {}, intervalMs: 1500, doc });

    await vi.advanceTimersByTimeAsync(20_000);
    stop();

    expect(most).toBe(1);
    expect(load.mock.calls.length).toBeGreaterThan(1);
  });

  test('pauses while the tab is hidden and catches up when it is shown', async () => {
    const load = vi.fn().mockResolvedValue([]);
    const { doc, setHidden } = fakeDocument();
    const stop = pollThread({ load, onMessages: () => {}, onError: () => {}, intervalMs: 1500, doc });
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(1);

    setHidden(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(load).toHaveBeenCalledTimes(1);

    setHidden(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(2);
    stop();
  });

  test('after stop: the request is aborted, nothing is reported, nothing more is asked', async () => {
    let signal: AbortSignal | undefined;
    const load = vi.fn((_after: number | undefined, given: AbortSignal) => {
      signal = given;
      return new Promise<Message[]>((resolve) => setTimeout(() => resolve([at(1)]), 100));
    });
    const onMessages = vi.fn();
    const { doc } = fakeDocument();
    const stop = pollThread({ load, onMessages, onError: () => {}, intervalMs: 1500, doc });

    stop();
    await vi.advanceTimersByTimeAsync(10_000);

    expect(signal?.aborted).toBe(true);
    expect(onMessages).not.toHaveBeenCalled();
    expect(load).toHaveBeenCalledTimes(1);
  });

  test('reports a failed poll, keeps polling, and clears the error when it works again', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue([]);
    const onError = vi.fn();
    const { doc } = fakeDocument();
    const stop = pollThread({ load, onMessages: () => {}, onError, intervalMs: 1500, doc });

    await vi.advanceTimersByTimeAsync(1500);
    stop();

    expect(onError.mock.calls.map(([error]) => (error as Error | null)?.message ?? null)).toEqual(['offline', null]);
  });
});
