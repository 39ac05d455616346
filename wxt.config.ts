import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { manifestEntries } from './extension/ats/manifest.ts';

/** Where the panel reaches the worker; `npm start` and the e2e run use the local worker. */
const apiOrigin = process.env.PARLEY_API_ORIGIN ?? 'http://127.0.0.1:8787';

/**
 * The Firefox add-on id: addons.mozilla.org signs one add-on per id, and every company builds its
 * own package, so it is derived from the company's worker (`parley@parley.acme.example`) — stable
 * across its releases — unless PARLEY_GECKO_ID keeps an id already published.
 * https://extensionworkshop.com/documentation/develop/extensions-and-the-add-on-id/
 */
const geckoId = process.env.PARLEY_GECKO_ID ?? `parley@${new URL(apiOrigin).hostname}`;

/**
 * What Firefox shows at install as the data the add-on transmits (Mozilla requires the key for new
 * add-ons; https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/). All
 * of it goes only to the company's own worker: the recruiter's sign-in (authenticationInfo), the
 * candidate's name, number and email read from the ATS page (personallyIdentifyingInfo,
 * websiteContent) and the messages written and read (personalCommunications). Parley needs each to
 * work, so none is optional.
 */
const firefoxDataCollection = { required: ['authenticationInfo', 'personallyIdentifyingInfo', 'websiteContent', 'personalCommunications'] as const };

/** The demo ATS ships only in builds for a loopback worker (extension/ats/manifest.ts). */
const ats = manifestEntries(apiOrigin);

export default defineConfig({
  srcDir: 'extension',
  // Not relative to srcDir (a WXT pitfall): resolved from the root.
  publicDir: 'extension/public',
  modulesDir: 'extension/modules',
  // The e2e run builds its own copy against its own worker port.
  outDir: process.env.PARLEY_EXT_OUT ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/module-react'],
  imports: false,
  // The Firefox sources zip (what AMO's reviewers rebuild from) skips hidden files and
  // node_modules by default; test output, test fixtures and local secrets stay out too.
  zip: { excludeSources: ['test-output/**', 'test/**', '.dev.vars*', '.wrangler/**', '**/*.log'] },
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
    // `activeTab`: the toolbar menu's "Check this page" and "Use Parley on this site" read the tab
    // the button was clicked on (site-profiles/this-page.tsx), with no install-time host access.
    permissions: ['storage', 'scripting', 'notifications', 'activeTab'],
    host_permissions: [`${apiOrigin}/*`],
    // The toolbar button carries the unread badge and opens the inbox side panel.
    action: { default_title: 'Parley inbox' },
    // MV2 (Firefox) has no separate list for optional hosts.
    ...(manifestVersion === 3 ? { optional_host_permissions: ats.optionalHosts } : { optional_permissions: ats.optionalHosts }),
    web_accessible_resources: ats.webAccessible,
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: geckoId, data_collection_permissions: firefoxDataCollection } } } : {}),
  }),
});
