import { useEffect, useState } from 'react';
import { canSendWithSeat } from '@shared/domain/seats.ts';
import { useApi } from '../ui/api-context.tsx';

/**
 * Why the signed-in user cannot send for lack of a seat (the worker's own words, naming the admins
 * to ask), or null. Only to explain the lock up front: the worker decides again on every send
 * (403 seat_required), so null while /v1/me is read or when it cannot be.
 */
export function useSeatRefusal(): string | null {
  const api = useApi();
  const [refusal, setRefusal] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void api.me().then(
      (me) => {
        const decision = canSendWithSeat(me, me.seatAdmins);
        if (current) setRefusal(decision.ok ? null : decision.refusal.message);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);
  return refusal;
}
