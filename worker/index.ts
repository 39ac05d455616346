import { app } from './app.ts';
import type { Bindings, OutboundJob } from './env.ts';
import { clockOf } from './lib/clock.ts';
import { log, newRunId, withRequestId } from './lib/log.ts';
import { failUnsendable, productionConfigProblems, requireProductionConfig } from './services/production-config.ts';
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
    invocation('queue', { messages: batch.messages.length }, async () => {
      const problems = productionConfigProblems(env);
      if (problems.length) {
        // Never sent with a missing key, nor left queued behind a batch retried until it is dead-lettered.
        await failUnsendable(
          env,
          batch.messages.map((message) => message.body),
          problems,
          clockOf(env).now(),
        );
        batch.ackAll();
        log.error('queue.misconfigured', { messages: batch.messages.length });
        return;
      }
      return consumeOutbound(batch, env, clockOf(env));
    }),
  scheduled: (controller, env) =>
    invocation('cron', { scheduledTime: controller.scheduledTime }, () => {
      requireProductionConfig(env);
      return runScheduledJobs(env, clockOf(env).now());
    }),
} satisfies ExportedHandler<Bindings, OutboundJob>;
