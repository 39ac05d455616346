/**
 * How the toolbar menu runs the teaching tools in an ATS tab: `chrome.scripting` injects the
 * arguments, then the one script file (entrypoints/site-tools.ts), whose answer comes back as the
 * injection's result. Loaded only when an admin or recruiter asks, so the content script that runs
 * on every ATS page stays small.
 * @module
 */
import { browser } from 'wxt/browser';
import type { SiteProfile } from '@shared/api/site-profiles.ts';
import type { Confirmation, DraftFields, PageCheck } from './page-check.ts';
import type { PickRequest, PickResult } from './picker.ts';

export type SiteToolsTask = { mode: 'pick'; requests: PickRequest[] } | { mode: 'check'; profiles: SiteProfile[] } | { mode: 'confirm'; fields: DraftFields };

type Answers = { pick: PickResult; check: PageCheck; confirm: Confirmation };

/** Where the injected script finds its task: a property of the extension's isolated world, never the page's. */
export const taskSlot = '__parleySiteTools';

export const siteToolsFile = '/site-tools.js';

export async function runSiteTools<Task extends SiteToolsTask>(tabId: number, task: Task): Promise<Answers[Task['mode']]> {
  await browser.scripting.executeScript({
    target: { tabId },
    func: (slot: string, value: unknown) => {
      (globalThis as Record<string, unknown>)[slot] = value;
    },
    args: [taskSlot, task],
  });
  const [injection] = await browser.scripting.executeScript({ target: { tabId }, files: [siteToolsFile] });
  return injection?.result as Answers[Task['mode']];
}
