/**
 * `realtime.webhook_to_panel` for the bench: a candidate's reply posted to the inbound webhook,
 * timed until it shows in the open panel of a signed-in recruiter — the worker, the tenant's
 * realtime hub, the extension's background socket and the panel, as a recruiter has them.
 * Timestamps come from one clock: the page records when each reply's bubble appears, the bench
 * when it posted the webhook.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { startDemoAts } from '../../test/demo-ats/server.ts';
import { launchWithExtension, signInThroughPanel } from './extension-browser.ts';
import { DEMO } from '../../worker/sandbox/seed.ts';

/** Away from `npm start`'s 4173, the e2e run's 4179 and the mount bench's 4178. */
const ATS_PORT = 4177;
// Charlotte (GB): the webhook throughput rounds fill Ada's thread with thousands of messages.
const CANDIDATE = { atsId: 'c-1003', phone: '+447912345678', parleyNumber: '+442079460000' };

export type LatencySamples = { samplesMs: number[] };

export async function measureWebhookToPanel(extensionDir: string, workerUrl: string, messages: number): Promise<LatencySamples> {
  const ats = await startDemoAts({ port: ATS_PORT });
  const context = await launchWithExtension(extensionDir);
  try {
    const page = await context.newPage();
    const panel = await signInThroughPanel(page, `${ats.url}/candidates/${CANDIDATE.atsId}`, DEMO.recruiter.email, DEMO.password);
    await panel.getByTestId('thread').waitFor({ timeout: 20_000 });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const socketOpen = () => worker.evaluate(async () => (await chrome.storage.session.get('realtimeStatus')).realtimeStatus === 'open');
    for (let tries = 0; !(await socketOpen()); tries++) {
      if (tries > 100) throw new Error('the realtime socket did not open');
      await new Promise((r) => setTimeout(r, 100));
    }

    const frame = page.frames().find((f) => f.url().includes('/panel.html'))!;
    // The page notes when each bubble first appears, by its text.
    await frame.evaluate(() => {
      const seen = new Map<string, number>();
      (globalThis as { parleyBenchSeen?: Map<string, number> }).parleyBenchSeen = seen;
      new MutationObserver(() => {
        for (const node of document.querySelectorAll('[data-testid="message"]')) {
          const text = node.textContent ?? '';
          const marker = /bench-[0-9a-f]{8}/.exec(text)?.[0];
          // Epoch milliseconds from the high-resolution timer, comparable with Node's across processes.
          if (marker && !seen.has(marker)) seen.set(marker, performance.timeOrigin + performance.now());
        }
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });

    const samplesMs: number[] = [];
    for (let i = 0; i < messages; i++) {
      const marker = `bench-${randomUUID().slice(0, 8)}`;
      const raw = JSON.stringify({ messageId: `sbx_${marker}`, channel: 'sms', from: CANDIDATE.phone, to: CANDIDATE.parleyNumber, body: `Reply ${marker}` });
      const sentAt = performance.timeOrigin + performance.now();
      const response = await fetch(`${workerUrl}/webhooks/sandbox/${DEMO.integrationId}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Sandbox-Signature': `sha256=${createHmac('sha256', DEMO.sandboxWebhookSecret).update(raw).digest('hex')}`,
        },
        body: raw,
      });
      if (!response.ok) throw new Error(`webhook answered ${response.status}`);
      const shownAt = await frame.waitForFunction((m) => (globalThis as { parleyBenchSeen?: Map<string, number> }).parleyBenchSeen?.get(m), marker, {
        timeout: 10_000,
        polling: 10,
      });
      samplesMs.push(Number(await shownAt.jsonValue()) - sentAt);
    }
    return { samplesMs };
  } finally {
    await context.close();
    await ats.close();
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

declare const chrome: { storage: { session: { get(key: string): Promise<Record<string, unknown>> } } };
