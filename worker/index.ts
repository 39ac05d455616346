import { app } from './app.ts';
import type { Bindings, OutboundJob } from './env.ts';
import { clockOf } from './lib/clock.ts';
import { requireProductionConfig } from './services/production-config.ts';
import { consumeOutbound } from './services/delivery.ts';
import { runScheduledJobs } from './services/scheduled-jobs.ts';

export { TenantHub } from './realtime/tenant-hub.ts';

export default {
  fetch: app.fetch,
  queue: (batch, env) => {
    // Misconfigured, the batch is retried (and dead-lettered) rather than sent with a missing key.
    requireProductionConfig(env);
    return consumeOutbound(batch, env, clockOf(env));
  },
  scheduled: async (_controller, env) => {
    requireProductionConfig(env);
    await runScheduledJobs(env, clockOf(env).now());
  },
} satisfies ExportedHandler<Bindings, OutboundJob>;
