import { useCallback, useState } from 'react';
import type { Session } from '@shared/api/auth.ts';
import { remotePanelStore } from '../messaging/store.ts';
import { sessionItem } from '../storage/items.ts';
import { useApi } from '../ui/api-context.tsx';
import { SignInForm } from '../ui/sign-in-form.tsx';
import { useSession } from '../ui/use-session.ts';
import { AccountMenu } from './account-menu.tsx';
import { CandidatePanel } from './candidate-panel.tsx';
import { PanelStoreProvider } from './store-context.tsx';
import type { SiteProfileField } from '@shared/domain/site-profiles.ts';
import { reteachField } from '../site-profiles/teach.ts';
import { MissingFields } from './missing-fields.tsx';
import { useShownCandidate } from './use-candidate-context.ts';

const store = remotePanelStore();

export function App() {
  const api = useApi();
  const session = useSession();
  const shown = useShownCandidate();
  const context = shown?.context;
  const [reteachProblem, setReteachProblem] = useState<string | null>(null);
  const reteach = useCallback(
    (field: SiteProfileField) => {
      if (shown?.tabId === undefined || !shown.taught) return;
      setReteachProblem(null);
      reteachField(api, shown.tabId, shown.taught.profileId, field).then(setReteachProblem, (error: unknown) =>
        setReteachProblem(error instanceof Error ? error.message : String(error)),
      );
    },
    [api, shown],
  );

  const signIn = useCallback((signedIn: Session) => void sessionItem.setValue(signedIn), []);
  const signOut = useCallback(async () => {
    // Forget the token even if the worker cannot be told: signing out must always work here.
    await api.signOut().catch(() => undefined);
    // Only a deliberate sign-out forgets the local store: an expired session keeps unsent messages.
    await store.forget().catch(() => undefined);
    await sessionItem.setValue(null);
  }, [api]);

  return (
    <div className="panel" data-testid="parley-panel">
      <header className="panel__bar">
        <span className="panel__brand">Parley</span>
        {session && <AccountMenu user={session.user} onSignOut={() => void signOut()} />}
      </header>
      <main className="panel__body">
        {/* Nothing until both the session and the page's candidate are known: no flash of a wrong state. */}
        {session === undefined || context === undefined ? null : !session ? (
          <SignInForm candidateName={context?.name ?? null} onSignedIn={signIn} />
        ) : context ? (
          <PanelStoreProvider store={store}>
            <MissingFields taught={shown?.taught} isAdmin={session.user.role === 'admin'} onReteach={reteach} />
            {reteachProblem && (
              <p className="alert panel__status" role="alert">
                {reteachProblem}
              </p>
            )}
            <CandidatePanel key={`${context.ats}:${context.atsCandidateId}`} context={context} />
          </PanelStoreProvider>
        ) : (
          <p className="alert panel__status" role="alert">
            Parley could not read the candidate on this page. Reload the page; if this keeps happening, the ATS may have changed its layout.
          </p>
        )}
      </main>
    </div>
  );
}
