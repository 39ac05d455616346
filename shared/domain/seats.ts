/**
 * Seats: only a user holding one of the tenant's purchased seats may send. The worker calls these
 * as the authority (send, seat toggles, CSV import); the panel and the options page call the same
 * functions only to explain a lock before the worker has to refuse.
 * @module
 */
import type { SeatContact } from '../api/users.ts';

export type SeatRefusal = { code: 'seat_required' | 'seats_exhausted'; message: string };
export type SeatDecision = { ok: true } | { ok: false; refusal: SeatRefusal };

const listContacts = (admins: readonly SeatContact[]): string => {
  const named = admins.slice(0, 3).map((a) => `${a.name} (${a.email})`);
  if (named.length === 0) return 'your Parley admin';
  if (named.length === 1) return named[0]!;
  return `${named.slice(0, -1).join(', ')} or ${named.at(-1)}`;
};

/** May this user send? A user without a seat reads conversations but every send is refused. */
export function canSendWithSeat(user: { seat: boolean }, admins: readonly SeatContact[]): SeatDecision {
  if (user.seat) return { ok: true };
  return {
    ok: false,
    refusal: {
      code: 'seat_required',
      message: `You do not have a Parley seat, so you can read conversations but not send. Ask ${listContacts(admins)} to give you one.`,
    },
  };
}

/** May `adding` more seats be taken when `used` of `purchased` are taken already? */
export function canAssignSeats(usage: { purchased: number; used: number }, adding = 1): SeatDecision {
  if (usage.used + adding <= usage.purchased) return { ok: true };
  return {
    ok: false,
    refusal: {
      code: 'seats_exhausted',
      message: `All ${usage.purchased} purchased seats are taken. Revoke a seat first, or buy more seats.`,
    },
  };
}
