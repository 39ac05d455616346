import { useState } from 'react';
import { browser } from 'wxt/browser';
import { allowAts, disallowAts, isAllowed, requestableAdapters } from '../ats/access.ts';
import type { AtsAdapter } from '../ats/types.ts';
import { errorMessage } from '../ui/errors.ts';
import { useLoaded } from './use-loaded.ts';

/**
 * Where the panel may appear: each real ATS is allowed on its own, and only its hosts are asked
 * for. Nothing to do with the tenant, so every user sees it (it is this browser's setting).
 */
export function AtsSitesSection() {
  const allowed = useLoaded(async (): Promise<ReadonlyMap<string, boolean>> => {
    const states = await Promise.all(requestableAdapters.map(async (adapter) => [adapter.id, await isAllowed(browser, adapter)] as const));
    return new Map(states);
  }, []);
  const [changeError, setChangeError] = useState<string | null>(null);
  const error = allowed.error ?? changeError;

  // Called straight from the click: the browser shows its prompt only for a user gesture.
  const change = (adapter: AtsAdapter, allow: boolean) => {
    setChangeError(null);
    const done = allow ? allowAts(browser, adapter) : disallowAts(browser, adapter);
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
          {requestableAdapters.map((adapter) => {
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
