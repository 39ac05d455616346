import { useState } from 'react';
import { browser } from 'wxt/browser';
import { siteHostMatch } from '@shared/domain/site-profiles.ts';
import { allowAts, disallowAts, isAllowed, requestableAdapters } from '../ats/access.ts';
import type { AtsAdapter } from '../ats/types.ts';
import { siteProfilesItem, syncAllSites } from '../site-profiles/background.ts';
import { errorMessage } from '../ui/errors.ts';
import { useLoaded } from './use-loaded.ts';

type Site = Pick<AtsAdapter, 'id' | 'label' | 'hostMatches'>;

/** The built-in ATSs, then the sites the company taught Parley (site profiles, issue 18). */
async function sitesAndAccess(): Promise<{ sites: Site[]; allowed: ReadonlyMap<string, boolean> }> {
  const taught = (await siteProfilesItem.getValue()).map((profile) => ({
    id: profile.ats,
    label: `${profile.host} (taught)`,
    hostMatches: [siteHostMatch(profile.host)] as const,
  }));
  const sites: Site[] = [...requestableAdapters, ...taught];
  const states = await Promise.all(sites.map(async (site) => [site.id, await isAllowed(browser, site)] as const));
  return { sites, allowed: new Map(states) };
}

/** Re-registers the content script for every allowed site, taught ones included. */
const syncSites = async () => syncAllSites(browser, await siteProfilesItem.getValue());

/**
 * Where the panel may appear: each real ATS, and each site the company taught, is allowed on its
 * own, and only its hosts are asked for. "Remove access" revokes the permission and unregisters
 * the content script there. This browser's setting, so every user sees it.
 */
export function AtsSitesSection() {
  const loaded = useLoaded(sitesAndAccess, []);
  const allowed = { ...loaded, data: loaded.data?.allowed };
  const [changeError, setChangeError] = useState<string | null>(null);
  const error = allowed.error ?? changeError;

  // Called straight from the click: the browser shows its prompt only for a user gesture.
  const change = (site: Site, allow: boolean) => {
    setChangeError(null);
    const done = allow ? allowAts(browser, site, syncSites) : disallowAts(browser, site, syncSites);
    done.then(allowed.reload, (failure: unknown) => setChangeError(errorMessage(failure)));
  };

  return (
    <section className="card" data-testid="ats-sites-section">
      <p>
        Parley shows its panel on candidate pages of the ATSs you allow here. Your browser asks you to confirm, and Parley can then read and change only that
        ATS's pages.
      </p>
      <table className="grid">
        <thead>
          <tr>
            <th>ATS</th>
            <th>Pages</th>
            <th>Panel</th>
          </tr>
        </thead>
        <tbody>
          {(loaded.data?.sites ?? requestableAdapters).map((adapter) => {
            const isOn = allowed.data?.get(adapter.id);
            return (
              <tr key={adapter.id} data-testid={`ats-site-${adapter.id}`}>
                <td>{adapter.label}</td>
                <td className="muted">{adapter.hostMatches.join(', ')}</td>
                <td>
                  {isOn === undefined ? null : (
                    <button type="button" className="button" onClick={() => change(adapter, !isOn)}>
                      {isOn ? 'Remove access' : 'Allow'}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">The demo ATS on localhost needs no permission.</p>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
