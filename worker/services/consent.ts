/**
 * Consent changes, in the order the rules demand: read the current state, ask the one model
 * (shared/domain/consent.ts) what the event makes of it, then write the new state and its
 * evidence record together (`eventStatements`, used by the keywords, the consent links and
 * application consent), and the recruiter's consent pane with its one-click revoke.
 * @module
 */
import type { Channel } from '../../shared/api/channels.ts';
import type { ConsentPane } from '../../shared/api/consent.ts';
import { type ConsentEvent, type ConsentState, nextConsentState, optInFor } from '../../shared/domain/consent.ts';
import { consentsOf } from '../db/queries/consent.ts';
import { type ConsentChange, consentStateOf, changeConsentStatements, lastChanges } from '../db/queries/consent.ts';
import { openOptOutFlags, resolveOptOutFlagsStatement } from '../db/queries/opt-out-flags.ts';
import { optInSettingsOf } from '../db/queries/compliance-settings.ts';
import type { Bindings, SessionUser } from '../env.ts';
import { requireCandidate } from './candidates.ts';
import { notifyTenant } from './notifier.ts';

export type Evidence = Pick<ConsentChange, 'source' | 'actor' | 'actorUserId' | 'ip' | 'userAgent' | 'wordingVersion' | 'language' | 'detail'>;

export const noOrigin = { ip: null, userAgent: null, wordingVersion: null, language: null };

/** The statements for one event on one candidate's channel, none when the model says nothing changes. */
export function eventStatements(
  db: D1Database,
  target: { tenantId: string; candidateId: string; channel: Channel; current: ConsentState },
  event: ConsentEvent,
  evidence: Evidence,
  now: string,
): { to: ConsentState | null; statements: D1PreparedStatement[] } {
  const to = nextConsentState(target.current, event);
  if (to === null) return { to, statements: [] };
  return { to, statements: changeConsentStatements(db, { ...target, from: target.current, to, ...evidence, now }) };
}

export async function consentPaneOf(db: D1Database, user: SessionUser, candidateId: string): Promise<ConsentPane> {
  const candidate = await requireCandidate(db, user.tenantId, candidateId);
  const [consent, settings, changes, flags] = await Promise.all([
    consentsOf(db, user.tenantId, candidate.id),
    optInSettingsOf(db, user.tenantId),
    lastChanges(db, user.tenantId, candidate.id),
    openOptOutFlags(db, user.tenantId, candidate.id),
  ]);
  const lastChange: ConsentPane['lastChange'] = { sms: null, whatsapp: null };
  for (const change of changes) lastChange[change.channel] = { state: change.state, source: change.source, at: change.created_at };
  return {
    consent,
    optIn: optInFor(settings, candidate.phone_country),
    country: candidate.phone_country,
    lastChange,
    openOptOutFlags: flags.map((flag) => ({ messageId: flag.message_id, channel: flag.channel, body: flag.body, at: flag.created_at })),
  };
}

/** The recruiter's one-click revoke (after a free-text opt-out, or on the candidate's word by phone); resolves the channel's flags. */
export async function revokeByRecruiter(env: Bindings, user: SessionUser, candidateId: string, channel: Channel, now: Date): Promise<ConsentPane> {
  const db = env.DB;
  const candidate = await requireCandidate(db, user.tenantId, candidateId);
  const at = now.toISOString();
  const current = await consentStateOf(db, user.tenantId, candidate.id, channel);
  const { statements } = eventStatements(
    db,
    { tenantId: user.tenantId, candidateId: candidate.id, channel, current },
    { kind: 'stop' },
    { ...noOrigin, source: 'recruiter', actor: `recruiter ${user.name} <${user.email}>`, actorUserId: user.userId, detail: 'revoked by the recruiter' },
    at,
  );
  await db.batch([...statements, resolveOptOutFlagsStatement(db, user.tenantId, candidate.id, channel, at)]);
  notifyTenant(env, user.tenantId);
  return consentPaneOf(db, user, candidate.id);
}
