import { app } from './app.ts';
import type { Bindings, OutboundJob } from './env.ts';
import { clockOf } from './lib/clock.ts';
import { requireProductionConfig } from './services/production-config.ts';
import { consumeOutbound, sweepOutbox } from './services/delivery.ts';
import { sendDigests } from './services/digest.ts';
import { sendDueReminders } from './services/interview-reminders.ts';
import { releaseDueHolds } from './services/quiet-hours.ts';

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
    // One instant for the whole run, so the sweeper, the holds and the digests agree on "now".
    const now = clockOf(env).now();
    await sweepOutbox(env, now);
    await releaseDueHolds(env, now);
    await sendDueReminders(env, now);
    await sendDigests(env, now);
  },
} satisfies ExportedHandler<Bindings, OutboundJob>;
