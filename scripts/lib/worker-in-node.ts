/**
 * Loads the production worker's app in Node, without workerd: the few `cloudflare:workers` names
 * its modules import are stubbed (nothing here serves sockets or waits on promises after a
 * response), and JSON imports get the attribute Node requires and wrangler's bundler does not.
 * Enough to ask the app for documents (`/openapi.json`), not to run it.
 * @module
 */
import { registerHooks } from 'node:module';
import { DEV_ONLY_CREDENTIALS_KEY } from './dev-vars.ts';

const STUB = 'data:text/javascript,export class DurableObject {} export const waitUntil = () => {}; export const env = {}; export const exports = {};';

registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'cloudflare:workers') return { url: STUB, shortCircuit: true };
    const resolved = next(specifier, context);
    return resolved.url.endsWith('.json') ? { ...resolved, importAttributes: { type: 'json' } } : resolved;
  },
});

/** The app, imported after the hooks above are in place; answers as a local stack's worker would. */
export async function workerApp() {
  const { app } = await import('../../worker/app.ts');
  const env = { SANDBOX_ENABLED: 'true', CREDENTIALS_KEY: DEV_ONLY_CREDENTIALS_KEY, PUBLIC_URL: 'http://127.0.0.1:8787' };
  return (path: string) => app.request(path, {}, env);
}
