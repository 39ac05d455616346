import { app } from './app.ts';
import type { Bindings, OutboundJob } from './env.ts';
import { clockOf } from './lib/clock.ts';
import { log, newRunId, withRequestId } from './lib/log.ts';
import { requireProductionConfig } from './services/production-config.ts';
import { consumeOutbound } from './services/delivery.ts';
import { runScheduledJobs } from './services/scheduled-jobs.ts';

export { TenantHub } from './realtime/tenant-hub.ts';

/** Runs a queue batch or cron run under an id of its own, and logs its failure before the platform retries or records it. */
function invocation(kind: 'queue' | 'cron', fields: Record<string, number>, work: () => Promise<unknown>): Promise<void> {
  return withRequestId(newRunId(kind), async () => {
    try {
      await work();
    } catch (error) {
      log.error(`${kind}.failed`, fields, error);
      throw error;
    }
  });
}

export default {
  fetch: app.fetch,
  queue: (batch, env) =>
    invocation('queue', { messages: batch.messages.length }, () => {
      // Misconfigured, the batch is retried (and dead-lettered) rather than sent with a missing key.
      requireProductionConfig(env);
      return consumeOutbound(batch, env, clockOf(env));
    }),
  scheduled: (controller, env) =>
    invocation('cron', { scheduledTime: controller.scheduledTime }, () => {
      requireProductionConfig(env);
      return runScheduledJobs(env, clockOf(env).now());
    }),
} satisfies ExportedHandler<Bindings, OutboundJob>;
