/**
 * The teaching tools, injected into an ATS tab only when asked from the toolbar menu or the panel
 * (site-profiles/injected.ts): the point-and-click picker, the page check, and the check of a
 * taught profile on a second candidate's page. Never listed in the manifest.
 * @module
 */
import { defineUnlistedScript } from '#imports';
import { shippedAtsAdapters } from '../ats/shipped.ts';
import { type SiteToolsTask, taskSlot } from '../site-profiles/injected.ts';
import { checkPage, confirmDraft } from '../site-profiles/page-check.ts';
import { startPicker } from '../site-profiles/picker.ts';

export default defineUnlistedScript(() => {
  const task = (globalThis as Record<string, unknown>)[taskSlot] as SiteToolsTask | undefined;
  const url = new URL(location.href);
  switch (task?.mode) {
    case 'pick':
      return startPicker(document, task.requests).result;
    case 'check':
      return checkPage(document, url, task.profiles, shippedAtsAdapters);
    case 'confirm':
      return confirmDraft(document, url, task.fields);
    default:
      return null;
  }
});
