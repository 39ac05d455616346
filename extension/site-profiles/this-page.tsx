/**
 * "This page", at the top of Parley's toolbar menu (the side panel the toolbar button opens):
 * - Check this page: which adapter or site profile matched, what it read per field and which
 *   locator found it; "Copy report" copies the structure only (site-profiles/page-check.ts).
 * - Use Parley on this site (admins): asks for this one origin's host permission, lets the admin
 *   click the candidate's fields, confirms them on a second candidate's page and saves the profile
 *   for the whole tenant.
 * - Allow Parley on this site (everyone): the same permission, on a site the tenant has taught.
 * @module
 */
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { SiteProfile } from '@shared/api/site-profiles.ts';
import { siteHostMatch } from '@shared/domain/site-profiles.ts';
import { clock } from '../lib/clock.ts';
import { fieldLabels } from '../panel/missing-fields.tsx';
import { useApi } from '../ui/api-context.tsx';
import { useSession } from '../ui/use-session.ts';
import { runSiteTools } from './injected.ts';
import { type Confirmation, type PageCheck, structureReport } from './page-check.ts';
import type { Pick as PickedField } from './picker.ts';
import { draftOf, pickRequests, profileFromConfirmation, saveProfile } from './teach.ts';

type Tab = { id: number; url: URL };

type Step =
  | { kind: 'idle' }
  | { kind: 'busy'; what: string }
  | { kind: 'checked'; check: PageCheck }
  | { kind: 'picked'; firstUrl: string; picks: PickedField[] }
  | { kind: 'confirmed'; firstUrl: string; confirmation: Confirmation; problem: string | null }
  | { kind: 'saved'; profile: SiteProfile };

/** The tab the side panel sits next to; its address is readable once Parley may run there (or the toolbar button was clicked on it). */
async function activeTab(): Promise<Tab | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined || !tab.url?.startsWith('https://')) return null;
  return { id: tab.id, url: new URL(tab.url) };
}

export function ThisPage() {
  const api = useApi();
  const session = useSession();
  const [tab, setTab] = useState<Tab | null>(null);
  // Null until the worker answered: a check or a teach before then would miss the host's profile.
  const [profiles, setProfiles] = useState<SiteProfile[] | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [problem, setProblem] = useState<string | null>(null);
  const isAdmin = session?.user.role === 'admin';
  const profile = tab ? profiles?.find((candidate) => candidate.host === tab.url.hostname) : undefined;

  const look = useCallback(async () => {
    setTab(await activeTab().catch(() => null));
    setProfiles(session ? (await api.siteProfiles().catch(() => ({ profiles: [] }))).profiles : null);
  }, [api, session]);
  useEffect(() => {
    void look();
    const onTab = () => void look();
    browser.tabs.onActivated.addListener(onTab);
    browser.tabs.onUpdated.addListener(onTab);
    return () => {
      browser.tabs.onActivated.removeListener(onTab);
      browser.tabs.onUpdated.removeListener(onTab);
    };
  }, [look]);

  /** Runs a step, turning any failure into a readable message instead of a stuck "busy". */
  const attempt = (what: string, task: () => Promise<Step | null>) => {
    setProblem(null);
    setStep({ kind: 'busy', what });
    task().then(
      (next) => setStep(next ?? { kind: 'idle' }),
      (error: unknown) => {
        setProblem(error instanceof Error ? error.message : String(error));
        setStep({ kind: 'idle' });
      },
    );
  };

  /** One origin, asked straight from the click (the browser shows its prompt only for a user gesture). */
  const allow = async (current: Tab) => {
    const granted = await browser.permissions.request({ origins: [siteHostMatch(current.url.hostname)] });
    if (!granted) throw new Error(`Parley needs access to ${current.url.hostname} to read its candidate pages.`);
  };

  if (!session) return null;
  if (!tab) {
    return (
      <section className="this-page" aria-label="This page" data-testid="this-page">
        <p className="this-page__hint">Open an ATS candidate page and click Parley's toolbar button to check it or teach it.</p>
      </section>
    );
  }
  const current = tab;

  const check = () =>
    attempt('Checking this page…', async () => {
      const check = await runSiteTools(current.id, { mode: 'check', profiles: profiles ?? [] });
      return { kind: 'checked', check };
    });
  const teach = () =>
    attempt('Click the fields on the page (Escape cancels)…', async () => {
      await allow(current);
      const picked = await runSiteTools(current.id, { mode: 'pick', requests: pickRequests() });
      if (!picked.ok) throw new Error(picked.reason);
      return { kind: 'picked', firstUrl: picked.url, picks: picked.picks };
    });
  const confirm = (firstUrl: string, picks: PickedField[]) =>
    attempt('Reading the second candidate…', async () => {
      const fresh = await activeTab();
      if (!fresh) throw new Error('Parley cannot see this tab: open the second candidate in the same tab.');
      const confirmation = await runSiteTools(fresh.id, { mode: 'confirm', fields: draftOf(picks) });
      const built = profileFromConfirmation(firstUrl, confirmation);
      return { kind: 'confirmed', firstUrl, confirmation, problem: 'problem' in built ? built.problem : null };
    });
  const save = (firstUrl: string, confirmation: Confirmation) =>
    attempt('Saving…', async () => {
      const built = profileFromConfirmation(firstUrl, confirmation);
      if ('problem' in built) throw new Error(built.problem);
      const saved = await saveProfile(api, built.input, profile);
      await look();
      return { kind: 'saved', profile: saved };
    });
  const allowTaught = () =>
    attempt('Asking for access…', async () => {
      await allow(current);
      await browser.runtime.sendMessage({ type: 'parley:site-profiles-refresh' });
      return null;
    });

  return (
    <section className="this-page" aria-label="This page" data-testid="this-page">
      <h2 className="this-page__title">This page: {current.url.hostname}</h2>
      <div className="this-page__actions">
        <button type="button" className="button button--small" data-testid="check-page" onClick={check} disabled={profiles === null}>
          Check this page
        </button>
        {isAdmin && (
          <button type="button" className="button button--small" data-testid="teach-site" onClick={teach} disabled={profiles === null}>
            {profile ? 'Re-teach this site' : 'Use Parley on this site'}
          </button>
        )}
        {profile && (
          <button type="button" className="button button--small" data-testid="allow-site" onClick={allowTaught}>
            Allow Parley on {profile.host}
          </button>
        )}
      </div>
      {problem && (
        <p className="alert" role="alert">
          {problem}
        </p>
      )}
      {step.kind === 'busy' && <p role="status">{step.what}</p>}
      {step.kind === 'checked' && <CheckResult check={step.check} />}
      {step.kind === 'picked' && (
        <div data-testid="teach-picked">
          <FieldValues values={Object.fromEntries(step.picks.map((pick) => [pick.field, pick.value]))} />
          <p>Now open another candidate's page on {current.url.hostname} in this tab, then:</p>
          <button type="button" className="button button--primary button--small" data-testid="teach-confirm" onClick={() => confirm(step.firstUrl, step.picks)}>
            Confirm on this candidate
          </button>
        </div>
      )}
      {step.kind === 'confirmed' && (
        <div data-testid="teach-confirmed">
          <FieldValues values={step.confirmation.values} />
          {step.problem ? (
            <p className="alert" role="alert">
              {step.problem}
            </p>
          ) : (
            <button
              type="button"
              className="button button--primary button--small"
              data-testid="teach-save"
              onClick={() => save(step.firstUrl, step.confirmation)}
            >
              Save for everyone at {session.user.tenantName}
            </button>
          )}
        </div>
      )}
      {step.kind === 'saved' && (
        <p role="status" data-testid="teach-saved">
          Saved: Parley now reads candidates on {step.profile.host} ({step.profile.urlPattern}). Recruiters get the panel there after allowing the site.
        </p>
      )}
    </section>
  );
}

function FieldValues({ values }: { values: Partial<Record<keyof typeof fieldLabels, string | null>> }) {
  return (
    <dl className="this-page__fields">
      {Object.entries(values).map(([field, value]) => (
        <div key={field}>
          <dt>{fieldLabels[field as keyof typeof fieldLabels]}</dt>
          <dd>{value ?? <em>not found</em>}</dd>
        </div>
      ))}
    </dl>
  );
}

function CheckResult({ check }: { check: PageCheck }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard.writeText(structureReport(check, clock.now().toISOString())).then(() => setCopied(true));
  };
  const matched =
    check.matched === null
      ? 'No adapter or site profile matches this page.'
      : check.matched.kind === 'site'
        ? `Site profile for ${check.matched.host} (${check.matched.urlPattern})`
        : `Built-in adapter: ${check.matched.label}`;
  return (
    <div data-testid="page-check">
      <p data-testid="page-check-matched">{matched}</p>
      {check.fields.length > 0 && (
        <table className="this-page__check">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Read</th>
              <th scope="col">Found by</th>
            </tr>
          </thead>
          <tbody>
            {check.fields.map((field) => (
              <tr key={field.field} data-testid={`page-check-${field.field}`}>
                <th scope="row">{fieldLabels[field.field]}</th>
                <td>{field.value ?? <strong>missing</strong>}</td>
                <td>{field.foundBy ? `locator ${field.foundBy.index + 1} (${field.foundBy.kind})` : check.matched?.kind === 'built-in' ? 'built-in' : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="button button--small" data-testid="copy-report" onClick={copy}>
        {copied ? 'Copied' : 'Copy report (no candidate data)'}
      </button>
    </div>
  );
}
