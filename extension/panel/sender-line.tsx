import { useEffect, useState } from 'react';
import type { Channel } from '@shared/api/channels.ts';
import type { SenderForCandidate } from '@shared/api/integrations.ts';
import { formatPhone } from '@shared/domain/phone.ts';
import { useApi } from '../ui/api-context.tsx';
import { countryName } from '../ui/format.ts';

/** Which number the next message goes from: the candidate's country's (local) or the default (international). */
export function SenderLine({ candidateId, channel }: { candidateId: string; channel: Channel }) {
  const api = useApi();
  const [sender, setSender] = useState<SenderForCandidate | null>(null);
  useEffect(() => {
    let current = true;
    api.sender(candidateId, channel).then(
      (answer) => current && setSender(answer),
      // Only a hint: the send itself says what is wrong.
      () => current && setSender(null),
    );
    return () => {
      current = false;
    };
  }, [api, candidateId, channel]);
  if (!sender?.phoneNumber) return null;
  return (
    <p className="sender-line muted" data-testid="sender-line">
      From {formatPhone(sender.phoneNumber)} (
      {sender.international ? `international: your default number, in ${countryName(sender.country ?? '')}` : 'a local number'})
    </p>
  );
}
