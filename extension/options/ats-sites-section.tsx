import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { allowAts, disallowAts, isAllowed, requestableAdapters } from '../ats/access.ts';
import type { AtsAdapter } from '../ats/types.ts';
import { errorMessage } from '../panel/errors.ts';

/**
 * Where the panel may appear: each real ATS is allowed on its own, and only its hosts are asked
 * for. Nothing to do with the tenant, so every user sees it (it is this browser's setting).
 */
export function AtsSitesSection() {
  const [allowed, setAllowed] = useState<ReadonlyMap<string, boolean> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const states = await Promise.all(requestableAdapters.map(async (adapter) => [adapter.id, await isAllowed(browser, adapter)] as const));
    setAllowed(new Map(states));
  }, []);

  useEffect(() => {
    refresh().catch((failure: unknown) => setError(errorMessage(failure)));
  }, [refresh]);

  // Called straight from the click: the browser shows its prompt only for a user gesture.
  const change = (adapter: AtsAdapter, allow: boolean) => {
    setError(null);
    const done = allow ? allowAts(browser, adapter) : disallowAts(browser, adapter);
    done.then(refresh).catch((failure: unknown) => setError(errorMessage(failure)));
  };

  return (
    <section className="card" data-testid="ats-sites-section">
      <p>
        Parley shows its panel on candidate pages of the ATSs you allow here. Your browser asks you to confirm, and Parley can
        then read and change only that ATS's pages.
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
            const isOn = allowed?.get(adapter.id);
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
