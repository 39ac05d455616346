import { useCallback, useEffect, useState } from 'react';
import type { Session } from '@shared/api/auth.ts';
import { sessionItem } from '../storage/items.ts';
import { SignInForm } from '../ui/sign-in-form.tsx';
import { useSession } from '../ui/use-session.ts';
import { sectionsFor } from './sections.ts';

/** The section the URL hash names; the page is bookmarkable and the back button works. */
function useHashSection(): [string, (id: string) => void] {
  const read = () => decodeURIComponent(location.hash.slice(1));
  const [id, setId] = useState(read);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `read` only reads location.hash; the listener is added once.
  useEffect(() => {
    const follow = () => setId(read());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return [id, (next) => (location.hash = next)];
}

/** Sign-in, then a navigation of the sections this user may see. The session is the panel's. */
export function OptionsApp() {
  const session = useSession();
  const [selectedId, select] = useHashSection();
  const signIn = useCallback((signedIn: Session) => void sessionItem.setValue(signedIn), []);

  if (session === undefined) return null;
  if (!session) {
    return (
      <main className="options options--signin">
        <SignInForm candidateName={null} onSignedIn={signIn} />
      </main>
    );
  }

  const visible = sectionsFor(session.user);
  const current = visible.find((section) => section.id === selectedId) ?? visible[0]!;
  const Section = current.component;
  return (
    <div className="options">
      <nav className="options__nav" aria-label="Settings">
        <p className="options__brand">
          Parley <span className="muted">· {session.user.tenantName}</span>
        </p>
        <ul>
          {visible.map((section) => (
            <li key={section.id}>
              <a
                href={`#${section.id}`}
                data-testid={`nav-${section.id}`}
                aria-current={section.id === current.id ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  select(section.id);
                }}
              >
                {section.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="options__main" aria-labelledby="section-title">
        <h1 id="section-title" className="options__title">
          {current.title}
        </h1>
        <Section key={current.id} user={session.user} />
      </main>
    </div>
  );
}
