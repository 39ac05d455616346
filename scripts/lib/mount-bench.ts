/**
 * `extension.mount_ms` for the bench: the built extension in headless Chromium on the demo ATS.
 * Each sample is a client-side navigation from the candidate list to a profile, timed in the page
 * from the candidate element appearing to the panel iframe being in the DOM; the figure is the median.
 */
import { startDemoAts } from '../../test/demo-ats/server.ts';
import { launchWithExtension } from './extension-browser.ts';

/** Away from `npm start`'s 4173 and the e2e run's 4179. */
const ATS_PORT = 4178;

export type MountTimes = { samplesMs: number[]; consoleErrors: string[] };

export async function measureMount(extensionDir: string, samples: number): Promise<MountTimes> {
  const ats = await startDemoAts({ port: ATS_PORT });
  const context = await launchWithExtension(extensionDir);
  try {
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(`${ats.url}/candidates`);
    const ids = ['c-1001', 'c-1002', 'c-1007'];
    const samplesMs: number[] = [];
    for (let index = 0; index < samples; index++) {
      samplesMs.push(await page.evaluate(timeMount, ids[index % ids.length]!));
      // Back to the list the same way, which takes the panel down again.
      await page.click('nav.breadcrumb a[data-nav]');
      await page.waitForSelector('table.table');
      await page.waitForSelector('iframe[data-parley-panel]', { state: 'detached' });
    }
    return { samplesMs, consoleErrors };
  } finally {
    await context.close();
    await ats.close();
  }
}

/** Runs in the page: clicks the candidate and resolves with the ms from its profile appearing to the panel. */
function timeMount(candidateId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let appearedAt: number | null = null;
    const observer = new MutationObserver(() => {
      const now = performance.now();
      if (appearedAt === null && document.querySelector(`[data-candidate-id="${candidateId}"]`)) appearedAt = now;
      if (appearedAt !== null && document.querySelector('iframe[data-parley-panel]')) {
        observer.disconnect();
        resolve(now - appearedAt);
      }
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    setTimeout(() => reject(new Error(`no panel for ${candidateId} within 5 s`)), 5000);
    document.querySelector<HTMLAnchorElement>(`a[data-nav][href="/candidates/${candidateId}"]`)!.click();
  });
}
