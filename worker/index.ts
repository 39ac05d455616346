import { app } from './app.ts';
import type { Bindings, OutboundJob } from './env.ts';
import { consumeOutbound, sweepOutbox } from './services/delivery.ts';

export { TenantHub } from './realtime/tenant-hub.ts';

export default {
  fetch: app.fetch,
  queue: (batch, env) => consumeOutbound(batch, env),
  scheduled: async (_controller, env) => {
    await sweepOutbox(env);
  },
} satisfies ExportedHandler<Bindings, OutboundJob>;
