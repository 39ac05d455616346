import { useCallback } from 'react';
import type { Session } from '@shared/api/auth.ts';
import { deletePanelDatabase } from '../db/db.ts';
import { sessionItem } from '../storage/items.ts';
import { AccountMenu } from './account-menu.tsx';
import { useApi } from './api-context.tsx';
import { CandidatePanel } from './candidate-panel.tsx';
import { PanelDbProvider } from './db-context.tsx';
import { SignInForm } from './sign-in-form.tsx';
import { useCandidateContext } from './use-candidate-context.ts';
import { useSession } from './use-session.ts';

export function App() {
  const api = useApi();
  const session = useSession();
  const context = useCandidateContext();

  const signIn = useCallback((signedIn: Session) => void sessionItem.setValue(signedIn), []);
  const userId = session?.user.id;
  const signOut = useCallback(async () => {
    // Forget the token even if the worker cannot be told: signing out must always work here.
    await api.signOut().catch(() => undefined);
    await sessionItem.setValue(null);
    // Only a deliberate sign-out forgets the local cache: an expired session keeps unsent messages.
    if (userId) await deletePanelDatabase(userId).catch(() => undefined);
  }, [api, userId]);

  return (
    <div className="panel" data-testid="parley-panel">
      <header className="panel__bar">
        <span className="panel__brand">Parley</span>
        {session && <AccountMenu user={session.user} onSignOut={() => void signOut()} />}
      </header>
      <main className="panel__body">
        {session === undefined ? null : !session ? (
          <SignInForm candidateName={context?.name ?? null} onSignedIn={signIn} />
        ) : context ? (
          <PanelDbProvider userId={session.user.id}>
            <CandidatePanel key={`${context.ats}:${context.atsCandidateId}`} context={context} />
          </PanelDbProvider>
        ) : (
          <p className="alert panel__status" role="alert">
            Parley could not read the candidate on this page. Reload the page; if this keeps happening,
            the ATS may have changed its layout.
          </p>
        )}
      </main>
    </div>
  );
}
