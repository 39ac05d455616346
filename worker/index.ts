import { app } from './app.ts';
import type { Bindings, OutboundJob } from './env.ts';
import { consumeOutbound, sweepOutbox } from './services/delivery.ts';
import { sendDigests } from './services/digest.ts';
import { releaseDueHolds } from './services/quiet-hours.ts';

export { TenantHub } from './realtime/tenant-hub.ts';

export default {
  fetch: app.fetch,
  queue: (batch, env) => consumeOutbound(batch, env),
  scheduled: async (controller, env) => {
    await sweepOutbox(env);
    await releaseDueHolds(env, new Date(controller.scheduledTime));
    await sendDigests(env, new Date(controller.scheduledTime));
  },
} satisfies ExportedHandler<Bindings, OutboundJob>;
