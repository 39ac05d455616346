import { useState } from 'react';
import { useApi } from '../ui/api-context.tsx';
import { errorMessage } from '../ui/errors.ts';
import { useLoaded } from './use-loaded.ts';

/**
 * How a user hears of candidate replies: desktop notifications and the badge come with the
 * extension; the email digest of unanswered replies is theirs to turn on.
 */
export function NotificationsSection() {
  const api = useApi();
  const digest = useLoaded(async () => (await api.digest()).enabled, [api]);
  const enabled = digest.data;
  const [changeError, setChangeError] = useState<string | null>(null);
  const error = digest.error ?? changeError;

  async function change(next: boolean) {
    setChangeError(null);
    try {
      digest.setData((await api.setDigest(next)).enabled);
    } catch (failure) {
      setChangeError(errorMessage(failure));
    }
  }

  return (
    <section className="card" data-testid="notifications-section">
      <p>Parley shows a desktop notification for each candidate reply and counts unread replies on its toolbar button.</p>
      <label className="row">
        <input
          type="checkbox"
          checked={enabled ?? false}
          disabled={enabled === null}
          onChange={(event) => void change(event.target.checked)}
          data-testid="digest-toggle"
        />
        Email me a digest of replies nobody has answered (at most hourly, for replies older than 15 minutes)
      </label>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
