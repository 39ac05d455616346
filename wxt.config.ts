import { resolve } from 'node:path';
import { defineConfig } from 'wxt';

/** Where the panel reaches the worker; `npm start` and the e2e run use the local worker. */
const apiOrigin = process.env.PARLEY_API_ORIGIN ?? 'http://127.0.0.1:8787';

export default defineConfig({
  srcDir: 'extension',
  // Not relative to srcDir (a WXT pitfall): resolved from the root.
  publicDir: 'extension/public',
  modulesDir: 'extension/modules',
  // The e2e run builds its own copy against its own worker port.
  outDir: process.env.PARLEY_EXT_OUT ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/module-react'],
  imports: false,
  alias: { '@shared': resolve('shared') },
  vite: () => ({
    define: { __PARLEY_API_ORIGIN__: JSON.stringify(apiOrigin) },
  }),
  manifest: ({ browser }) => ({
    name: 'Parley',
    description: 'SMS and WhatsApp with candidates, inside your ATS.',
    permissions: ['storage'],
    host_permissions: [`${apiOrigin}/*`],
    web_accessible_resources: [
      { resources: ['panel.html'], matches: ['http://localhost/*', 'http://127.0.0.1/*'] },
    ],
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'parley@parley.dev' } } }
      : {}),
  }),
});
