/**
 * The dev and test entry: the production worker plus the sandbox room — the simulated phone, the
 * email outbox, the sandbox provider's webhook, the cron on demand and the bench's reference
 * routes. `wrangler dev` (scripts/lib/local-stack.ts) and the Workers vitest pool load this file; `wrangler deploy` loads
 * worker/index.ts, so none of the room is in the production bundle.
 * @module
 */
import { createApi } from '../app.ts';
import worker from '../index.ts';
import { ApiError } from '../lib/errors.ts';
import { benchRoutes } from './bench.ts';
import { remindersBenchRoutes } from './reminders-bench.ts';
import { sandboxEmailRoutes } from './email-outbox.ts';
import { sandboxPhoneRoutes } from './phone.ts';
import { sandboxSchedulerRoutes } from './scheduler.ts';
import { sandboxWebhookRoutes } from './webhook.ts';

export { TenantHub } from '../realtime/tenant-hub.ts';

export const devApp = createApi();

// Loaded by a deployment by mistake (SANDBOX_ENABLED is "false" there), the room stays shut.
for (const path of ['/sandbox/*', '/bench/*', '/webhooks/sandbox/*']) {
  devApp.use(path, async (c, next) => {
    if (c.env.SANDBOX_ENABLED !== 'true') throw new ApiError(404, 'not_found', 'The sandbox is not enabled here.');
    await next();
  });
}

devApp
  .route('/webhooks/sandbox', sandboxWebhookRoutes)
  .route('/sandbox/email', sandboxEmailRoutes)
  .route('/sandbox/scheduler', sandboxSchedulerRoutes)
  // The phone's replies and receipts go to the sandbox webhook of this same app.
  .route(
    '/sandbox',
    sandboxPhoneRoutes((request, env) => Promise.resolve(devApp.fetch(request, env))),
  )
  .route('/', benchRoutes)
  .route('/', remindersBenchRoutes);

export default { ...worker, fetch: devApp.fetch } satisfies typeof worker;
