import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { atsManifestEntries } from './extension/ats/manifest.ts';

/** Where the panel reaches the worker; `npm start` and the e2e run use the local worker. */
const apiOrigin = process.env.PARLEY_API_ORIGIN ?? 'http://127.0.0.1:8787';

/** The demo ATS ships only in builds for a loopback worker (extension/ats/manifest.ts). */
const ats = atsManifestEntries(apiOrigin);

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
    define: { __PARLEY_API_ORIGIN__: JSON.stringify(apiOrigin), __PARLEY_DEMO_ATS__: JSON.stringify(ats.shipsDemoAts) },
  }),
  hooks: {
    // The content script's static entry is for the loopback demo; a store package has none.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (!ats.shipsDemoAts) delete manifest.content_scripts;
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Parley',
    description: 'SMS and WhatsApp with candidates, inside your ATS.',
    // `scripting` registers the content script on the ATSs the recruiter allows, at run time.
    // `notifications`: a desktop notification per candidate reply (background).
    permissions: ['storage', 'scripting', 'notifications'],
    host_permissions: [`${apiOrigin}/*`],
    // The toolbar button carries the unread badge and opens the inbox side panel.
    action: { default_title: 'Parley inbox' },
    // MV2 (Firefox) has no separate list for optional hosts.
    ...(manifestVersion === 3 ? { optional_host_permissions: ats.onRequestHosts } : { optional_permissions: ats.onRequestHosts }),
    web_accessible_resources: [{ resources: ['panel.html'], matches: ats.panelHosts }],
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'parley@parley.dev' } } } : {}),
  }),
});
