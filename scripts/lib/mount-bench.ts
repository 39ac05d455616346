/**
 * `extension.mount_ms` for the bench: the built extension in headless Chromium, on the demo ATS
 * (its built-in adapter) and, as `extension.mount_ms.site_profile`, on the second demo ATS — the
 * Workable-like site, read through its saved site profile. Each sample is a client-side navigation
 * from the candidate list to a profile, timed in the page from the candidate element appearing to
 * the panel iframe being in the DOM; the figure is the median.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { startDemoAts } from '../../test/demo-ats/server.ts';
import { DEMO } from '../../worker/sandbox/seed.ts';
import { launchWithExtension, signInThroughPanel } from './extension-browser.ts';
import {
  extensionAllowedOnWorkableLike,
  serveWorkableLike,
  workableLikeCandidates,
  workableLikeHost,
  workableLikeList,
  workableLikeProfile,
} from './workable-like.ts';

/** Away from `npm start`'s 4173 and the e2e run's 4179. */
const ATS_PORT = 4178;

export type MountTimes = { samplesMs: number[]; consoleErrors: string[] };

/** A candidate as the site opens it: its in-app link, and the element that shows it has rendered. */
type Opening = { link: string; shown: string };

type Site = {
  listUrl: string;
  openings: Opening[];
  /** Back to the list the way the site navigates, which takes the panel down again; resolves once the list shows. */
  backToList(page: Page): Promise<void>;
};

async function sampleMounts(page: Page, site: Site, samples: number): Promise<MountTimes> {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(site.listUrl);
  const samplesMs: number[] = [];
  for (let index = 0; index < samples; index++) {
    samplesMs.push(await page.evaluate(timeMount, site.openings[index % site.openings.length]!));
    await site.backToList(page);
    await page.waitForSelector('iframe[data-parley-panel]', { state: 'detached' });
  }
  return { samplesMs, consoleErrors };
}

/** The demo ATS, read by its built-in adapter. */
export async function measureMount(extensionDir: string, samples: number): Promise<MountTimes> {
  const ats = await startDemoAts({ port: ATS_PORT });
  const context = await launchWithExtension(extensionDir);
  try {
    return await sampleMounts(
      await context.newPage(),
      {
        listUrl: `${ats.url}/candidates`,
        openings: ['c-1001', 'c-1002', 'c-1007'].map((id) => ({ link: `a[data-nav][href="/candidates/${id}"]`, shown: `[data-candidate-id="${id}"]` })),
        backToList: async (page) => {
          await page.click('nav.breadcrumb a[data-nav]');
          await page.waitForSelector('table.table');
        },
      },
      samples,
    );
  } finally {
    await context.close();
    await ats.close();
  }
}

/**
 * The Workable-like site, read through its site profile as a recruiter's extension reads a taught
 * site: the profile is stored in the worker by the demo admin, the recruiter signs in (on the demo
 * ATS), and the background fetches the profile and registers the content script on the site. Needs
 * the worker running, unlike `measureMount`.
 */
export async function measureSiteProfileMount(extensionDir: string, workerUrl: string, samples: number): Promise<MountTimes> {
  await storeWorkableLikeProfile(workerUrl);
  const allowed = extensionAllowedOnWorkableLike(extensionDir);
  const ats = await startDemoAts({ port: ATS_PORT });
  const context = await launchWithExtension(allowed.dir);
  try {
    await serveWorkableLike(context);
    const page = await context.newPage();
    await signInThroughPanel(page, `${ats.url}/candidates/c-1001`, DEMO.recruiter.email, DEMO.password);
    await contentScriptRegisteredOn(context, `https://${workableLikeHost}/*`);
    return await sampleMounts(
      page,
      {
        listUrl: `https://${workableLikeHost}${workableLikeList}`,
        // The site has no candidate id in its markup: a name heading appears only on a profile.
        openings: Object.values(workableLikeCandidates).map((path) => ({
          link: `a[data-candidate][href="${path}"]`,
          shown: 'main [data-ui="candidate-name"]',
        })),
        backToList: async (page) => {
          await page.evaluate(() => history.back());
          await page.waitForSelector('main .cand-list');
        },
      },
      samples,
    );
  } finally {
    await context.close();
    await ats.close();
    allowed.remove();
  }
}

async function storeWorkableLikeProfile(workerUrl: string): Promise<void> {
  const session = await fetch(`${workerUrl}/v1/auth/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: DEMO.admin.email, password: DEMO.password }),
  });
  const { token } = (await session.json()) as { token: string };
  const created = await fetch(`${workerUrl}/v1/site-profiles`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(workableLikeProfile()),
  });
  if (created.status !== 201) throw new Error(`storing the Workable-like site profile: ${created.status} ${await created.text()}`);
}

/** The background registers the content script on a taught host after fetching the profiles, a moment after sign-in. */
async function contentScriptRegisteredOn(context: BrowserContext, match: string): Promise<void> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const registered = () => worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? []));
  for (let tries = 0; !(await registered()).includes(match); tries++) {
    if (tries > 100) throw new Error(`the content script was not registered on ${match} within 10 s of signing in`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs in the page: opens the candidate and resolves with the ms from its profile appearing to the panel. */
function timeMount({ link, shown }: Opening): Promise<number> {
  return new Promise((resolve, reject) => {
    let appearedAt: number | null = null;
    const observer = new MutationObserver(() => {
      const now = performance.now();
      if (appearedAt === null && document.querySelector(shown)) appearedAt = now;
      if (appearedAt !== null && document.querySelector('iframe[data-parley-panel]')) {
        observer.disconnect();
        resolve(now - appearedAt);
      }
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    setTimeout(() => reject(new Error(`no panel after ${link} within 5 s`)), 5000);
    document.querySelector<HTMLAnchorElement>(link)!.click();
  });
}

/** The one extension API `contentScriptRegisteredOn` calls, in the extension's service worker. */
declare const chrome: { scripting: { getRegisteredContentScripts(): Promise<Array<{ matches?: string[] }>> } };
