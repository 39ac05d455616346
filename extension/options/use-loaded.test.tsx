import { act } from 'react';
import { expect, test } from 'vitest';
import { ApiRequestError } from '../api/client.ts';
import { until } from '../testing/dom.ts';
import { render } from '../testing/render.tsx';
import { type Loaded, useLoaded } from './use-loaded.ts';

/** Renders the hook and hands back what it returned last. */
function probe(load: () => Promise<string>) {
  const latest: { current: Loaded<string> | null } = { current: null };
  // biome-ignore lint/correctness/noComponentHookFactories: a probe per test, closing over that test's `load`.
  function Probe() {
    latest.current = useLoaded(load, []);
    return null;
  }
  render(<Probe />);
  return () => latest.current!;
}

test('loads on mount; a failed reload keeps what was shown and says why, the next success clears it', async () => {
  const answers: (() => Promise<string>)[] = [
    async () => 'first',
    async () => {
      throw new ApiRequestError(503, 'internal', 'The worker is busy.');
    },
    async () => 'second',
  ];
  let calls = 0;
  const loaded = probe(() => answers[calls++]!());
  expect(loaded().loading).toBe(true);
  await until(() => loaded().data === 'first');
  expect(loaded().loading).toBe(false);

  await act(() => loaded().reload());
  expect(loaded()).toMatchObject({ data: 'first', error: 'The worker is busy.', loading: false });

  await act(() => loaded().reload());
  expect(loaded()).toMatchObject({ data: 'second', error: null });
  expect(calls).toBe(3);
});

test('a first load that fails is an error, not loading; setData replaces the data without loading again', async () => {
  let calls = 0;
  const loaded = probe(async () => {
    calls++;
    throw new TypeError('Failed to fetch');
  });
  await until(() => loaded().error);
  expect(loaded()).toMatchObject({ data: null, error: 'Something went wrong in Parley. Try again.', loading: false });

  act(() => loaded().setData('from an action'));
  expect(loaded().data).toBe('from an action');
  expect(calls).toBe(1);
});
