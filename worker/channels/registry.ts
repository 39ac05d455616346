import type { ChannelAdapter } from './port.ts';
import { sandboxAdapter } from './sandbox.ts';

/** The one map from an integration's `provider` to its adapter. */
const adapters: Record<string, ChannelAdapter> = {
  [sandboxAdapter.provider]: sandboxAdapter,
};

export function adapterFor(provider: string): ChannelAdapter {
  const adapter = adapters[provider];
  if (!adapter) throw new Error(`no channel adapter for provider "${provider}"`);
  return adapter;
}
