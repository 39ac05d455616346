import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { atsAdapters } from './extension/ats/registry.ts';

/** Where the panel reaches the worker; `npm start` and the e2e run use the local worker. */
const apiOrigin = process.env.PARLEY_API_ORIGIN ?? 'http://127.0.0.1:8787';

/** Real ATSs' hosts: optional, asked for one ATS at a time (extension/ats/access.ts). */
const onRequestAtsHosts = atsAdapters.filter((adapter) => adapter.access === 'on-request').flatMap((adapter) => adapter.hostMatches);
/** Every ATS page the panel iframe may be mounted on. */
const atsHosts = atsAdapters.flatMap((adapter) => adapter.hostMatches);

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
    ...(manifestVersion === 3 ? { optional_host_permissions: onRequestAtsHosts } : { optional_permissions: onRequestAtsHosts }),
    web_accessible_resources: [{ resources: ['panel.html'], matches: atsHosts }],
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'parley@parley.dev' } } } : {}),
  }),
});
