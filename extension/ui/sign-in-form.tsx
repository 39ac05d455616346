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

/** Signing in, or asking for a password reset link from the same card ("Forgot password?"). */
export function SignInForm({ candidateName, onSignedIn }: Props) {
  const api = useApi();
  const [mode, setMode] = useState<'sign-in' | 'reset'>('sign-in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [resetSentTo, setResetSentTo] = useState<string | null>(null);
  const ids = { title: useId(), email: useId(), password: useId(), error: useId() };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === 'reset') {
        await api.requestPasswordReset(email.trim());
        setResetSentTo(email.trim());
        setBusy(false);
        return;
      }
      onSignedIn(await api.signIn({ email: email.trim(), password }));
    } catch (failure) {
      setError(failure instanceof ApiRequestError && failure.status === 401 ? 'That email and password do not match a Parley account.' : errorMessage(failure));
      setBusy(false);
    }
  }

  function switchTo(next: 'sign-in' | 'reset') {
    setMode(next);
    setError(null);
    setResetSentTo(null);
  }

  const resetting = mode === 'reset';
  return (
    <form className="signin" aria-labelledby={ids.title} onSubmit={(event) => void submit(event)}>
      <h1 id={ids.title} className="signin__title">
        {resetting ? 'Reset your password' : 'Sign in to Parley'}
      </h1>
      {!resetting && candidateName && <p className="muted">to message {candidateName} by SMS or WhatsApp.</p>}
      {resetting && <p className="muted">We email you a link to choose a new password.</p>}
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
      {!resetting && (
        <>
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
        </>
      )}
      {error && (
        <p id={ids.error} className="alert" role="alert">
          {error}
        </p>
      )}
      {resetSentTo && (
        <p className="signin__sent" role="status" data-testid="reset-sent">
          If {resetSentTo} has a Parley account, a link to reset its password is on its way. It works once.
        </p>
      )}
      <button type="submit" className="button button--primary" data-testid={resetting ? 'reset-submit' : 'signin-submit'} disabled={busy}>
        {resetting ? (busy ? 'Sending…' : 'Email me a reset link') : busy ? 'Signing in…' : 'Sign in'}
      </button>
      <button type="button" className="link-button signin__switch" onClick={() => switchTo(resetting ? 'sign-in' : 'reset')} data-testid="signin-forgot">
        {resetting ? 'Back to sign in' : 'Forgot password?'}
      </button>
    </form>
  );
}
