import { useState } from 'react';
import { sessionItem } from '../storage/items.ts';
import { useApi } from '../ui/api-context.tsx';
import { errorMessage } from '../ui/errors.ts';
import type { SectionProps } from './section-props.ts';

/** What every user may see about themselves: who is signed in, and the ways to sign out. */
export function AccountSection({ user }: SectionProps) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);

  async function signOut(everywhere: boolean) {
    setError(null);
    try {
      await (everywhere ? api.signOutEverywhere() : api.signOut());
    } catch (failure) {
      // Signing out here must always work; signing out everywhere must not pretend it did.
      if (everywhere) return setError(errorMessage(failure));
    }
    await sessionItem.setValue(null);
  }

  return (
    <section className="card" data-testid="account-section">
      <p>
        Signed in as <strong data-testid="account-name">{user.name}</strong> ({user.email}), <span data-testid="account-role">{user.role}</span> at{' '}
        {user.tenantName}.
      </p>
      <div className="row">
        <button type="button" className="button" data-testid="options-sign-out" onClick={() => void signOut(false)}>
          Sign out
        </button>
        <button type="button" className="button" data-testid="sign-out-everywhere" onClick={() => void signOut(true)}>
          Sign out everywhere
        </button>
      </div>
      <p className="muted">Signing out everywhere ends your Parley sessions in every browser, this one included.</p>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
