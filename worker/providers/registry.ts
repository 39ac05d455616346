import type { ProviderAdapter } from './port.ts';
import { sandboxAdapter } from './sandbox.ts';
import { twilioAdapter } from './twilio.ts';
import { whatsappCloudAdapter } from './whatsapp-cloud.ts';

/** The one map from an integration's `provider` to its adapter. */
const adapters: Record<string, ProviderAdapter> = {
  [sandboxAdapter.provider]: sandboxAdapter,
  [twilioAdapter.provider]: twilioAdapter,
  [whatsappCloudAdapter.provider]: whatsappCloudAdapter,
};

export function adapterFor(provider: string): ProviderAdapter {
  const adapter = adapters[provider];
  if (!adapter) throw new Error(`no channel adapter for provider "${provider}"`);
  return adapter;
}
