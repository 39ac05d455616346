/**
 * Test-only: mounts React UI for the extension's component tests (happy-dom) inside act(), each
 * mount in a fresh element on document.body, and unmounts and removes every mount after each test,
 * so no test sees another's DOM or effects.
 * @module
 */
import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach } from 'vitest';

// Without it React warns on every act() that the environment is not set up for it.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  /** The element the UI is mounted in, on document.body. */
  host: HTMLElement;
  /**
   * Renders `ui` into the same root, so the tree keeps its state as it would when props change.
   * Inside `await act(async () => …)` it also lets what the new UI awaits land before that resolves.
   */
  rerender(ui: ReactElement): void;
}

const mounts: { root: Root; host: HTMLElement }[] = [];

// Registered at import: with vitest's per-file module isolation (the default, relied on here) every
// test file that imports this module gets this hook for each of its tests.
afterEach(() => {
  for (const { root, host } of mounts.splice(0)) {
    act(() => root.unmount());
    host.remove();
  }
});

function mount(): { root: Root; rendered: Rendered } {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  mounts.push({ root, host });
  return { root, rendered: { host, rerender: (ui) => void act(() => root.render(ui)) } };
}

/** Mounts `ui` inside a synchronous act(): it has committed and its effects have run when this returns. */
export function render(ui: ReactElement): Rendered {
  const { root, rendered } = mount();
  act(() => root.render(ui));
  return rendered;
}

/** Mounts `ui` inside an async act(), so what the UI awaits as it mounts (a fake worker's answers) has landed when this resolves. */
export async function renderAsync(ui: ReactElement): Promise<Rendered> {
  const { root, rendered } = mount();
  await act(async () => root.render(ui));
  return rendered;
}
