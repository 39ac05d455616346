import type { SiteProfileField } from '@shared/domain/site-profiles.ts';
import type { TaughtSite } from '../messaging/shown-candidate.ts';

/** How the panel names a taught field (the teaching UI uses the same words). */
export const fieldLabels: Record<SiteProfileField, string> = {
  name: 'name',
  phone: 'phone number',
  email: 'email',
  jobTitle: 'job title',
  language: "job ad's language",
};

type Props = { taught: TaughtSite | undefined; isAdmin: boolean; onReteach: (field: SiteProfileField) => void };

/**
 * On a taught site, the fields whose every locator failed: said plainly instead of silently
 * sending less (the phone prompt would otherwise look like the candidate has no number).
 */
export function MissingFields({ taught, isAdmin, onReteach }: Props) {
  if (!taught || taught.missing.length === 0) return null;
  return (
    <div className="alert panel__status" role="status" data-testid="missing-fields">
      <p>
        Parley could not find the candidate's {taught.missing.map((field) => fieldLabels[field]).join(', ')} on this {taught.host} page: the page may have
        changed since it was taught.
      </p>
      {isAdmin ? (
        <p>
          {taught.missing.map((field) => (
            <button key={field} type="button" className="button button--secondary" onClick={() => onReteach(field)}>
              Re-teach the {fieldLabels[field]}
            </button>
          ))}
        </p>
      ) : (
        <p>Ask an admin to re-teach Parley this page (Parley button → This page).</p>
      )}
    </div>
  );
}
