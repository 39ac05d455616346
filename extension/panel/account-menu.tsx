import { useEffect, useId, useRef, useState } from 'react';
import type { User } from '@shared/api/auth.ts';

type Props = { user: User; onSignOut(): void };

/** A disclosure (button + popover), not an ARIA menu: two items do not need arrow-key roving. */
export function AccountMenu({ user, onSignOut }: Props) {
  const [open, setOpen] = useState(false);
  const popoverId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const closeOnOutsideClick = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('pointerdown', closeOnOutsideClick);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('pointerdown', closeOnOutsideClick);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [open]);

  return (
    <div className="account" ref={root}>
      <button
        ref={toggle}
        type="button"
        className="icon-button"
        aria-expanded={open}
        aria-controls={popoverId}
        aria-label="Account"
        data-testid="account-menu"
        onClick={() => setOpen((value) => !value)}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <div id={popoverId} className="account__popover">
          <p className="account__who">
            <strong>{user.name}</strong>
            <span className="muted">{user.email}</span>
          </p>
          <button type="button" className="button" data-testid="sign-out" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
