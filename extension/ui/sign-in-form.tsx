import { useId, useState, type FormEvent } from 'react';
import type { Session } from '@shared/api/auth.ts';
import { ApiRequestError } from '../api/client.ts';
import { useApi } from './api-context.tsx';
import { errorMessage } from './errors.ts';

type Props = {
  /** Whom the recruiter is about to message, when the page told us. */
  candidateName: string | null;
  onSignedIn(session: Session): void;
};

export function SignInForm({ candidateName, onSignedIn }: Props) {
  const api = useApi();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { title: useId(), email: useId(), password: useId(), error: useId() };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.signIn({ email: email.trim(), password }));
    } catch (failure) {
      setError(failure instanceof ApiRequestError && failure.status === 401 ? 'That email and password do not match a Parley account.' : errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <form className="signin" aria-labelledby={ids.title} onSubmit={(event) => void submit(event)}>
      <h1 id={ids.title} className="signin__title">
        Sign in to Parley
      </h1>
      {candidateName && <p className="muted">to message {candidateName} by SMS or WhatsApp.</p>}
      <label htmlFor={ids.email}>Work email</label>
      <input
        id={ids.email}
        data-testid="signin-email"
        type="email"
        autoComplete="username"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        aria-describedby={error ? ids.error : undefined}
      />
      <label htmlFor={ids.password}>Password</label>
      <input
        id={ids.password}
        data-testid="signin-password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        aria-describedby={error ? ids.error : undefined}
      />
      {error && (
        <p id={ids.error} className="alert" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary" data-testid="signin-submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
