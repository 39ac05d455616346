import { canSendWithSeat } from '../../shared/domain/seats.ts';
import { listActiveAdmins } from '../db/queries/users.ts';
import type { SessionUser } from '../env.ts';
import { ApiError } from '../lib/errors.ts';

/** The seat gate of every send: 403 seat_required, naming whom to ask, for a user without a seat. */
export async function requireSeat(db: D1Database, user: SessionUser): Promise<void> {
  const decision = canSendWithSeat({ seat: user.hasSeat }, user.hasSeat ? [] : await listActiveAdmins(db, user.tenantId));
  if (!decision.ok) throw new ApiError(403, decision.refusal.code, decision.refusal.message);
}
