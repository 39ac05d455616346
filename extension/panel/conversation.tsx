import { useMemo } from 'react';
import type { Candidate } from '@shared/api/candidates.ts';
import type { Channel } from '@shared/api/channels.ts';
import { canSend } from '@shared/domain/consent.ts';
import { messageHold } from '@shared/domain/quiet-hours.ts';
import { mergeValuesOf, renderTemplate } from '@shared/domain/template.ts';
import { ApiRequestError } from '../api/client.ts';
import { useApi } from '../ui/api-context.tsx';
import { channelLabel } from '../ui/format.ts';
import { useSession } from '../ui/use-session.ts';
import { Composer } from './composer.tsx';
import { candidateZone } from './interviews/labels.ts';
import { ConsentLockAction } from './consent-lock-action.tsx';
import { lastInboundAt, useClock } from './conversation-clock.ts';
import { SenderLine } from './sender-line.tsx';
import { Thread } from './thread.tsx';
import { useDraft } from './use-draft.ts';
import { useOutbox } from './use-outbox.ts';
import { useThread } from './use-thread.ts';
import { useWhatsappWindow, WhatsappWindowNotice } from './whatsapp-window-notice.tsx';

type Props = {
  candidate: Candidate;
  channel: Channel;
  /** Why this user cannot send at all (no seat, from `useSeatRefusal`); null when they hold a seat. */
  seatRefusal: string | null;
  /**
   * A reply arrived (START, STOP…) or the worker refused for lack of consent: the consent shown
   * may be stale, so the candidate is worth re-reading.
   */
  onConsentMayChange(): void;
};

/** One candidate on one channel: the thread and the composer. Remount it to switch either. */
export function Conversation({ candidate, channel, seatRefusal, onConsentMayChange }: Props) {
  const api = useApi();
  const thread = useThread(candidate.id, channel, onConsentMayChange);
  // Only to explain the lock: the worker decides again on every send (409 consent_required).
  const decision = canSend(candidate.consent, channel);
  // Explains the worker's 409 whatsapp_window_closed before it happens (only with a seat and consent: those locks come first).
  const window = useWhatsappWindow(thread.messages, channel === 'whatsapp' && seatRefusal === null && decision.ok);
  // In the worker's order: the seat, consent, then the WhatsApp window.
  const lockedReason =
    seatRefusal ??
    (!decision.ok ? decision.refusal.message : window && !window.open ? 'Outside the WhatsApp window only an approved template can be sent (above).' : null);
  // Says before Send what the worker will decide on send: a candidate's night ends while the recruiter waits, and a
  // reply makes it a live conversation (so nothing is said before the thread has loaded).
  const foreseeable = lockedReason === null && thread.loaded;
  const now = useClock(foreseeable && candidate.quietHours !== null, 60_000);
  const quietHold = foreseeable ? messageHold(candidate.quietHours, lastInboundAt(thread.messages), now) : null;
  const firstName = candidate.name.split(' ')[0] ?? candidate.name;
  const user = useSession()?.user;
  const outbox = useOutbox(candidate.id, channel, user?.id ?? '', thread);
  const draft = useDraft(candidate.id, channel);
  // The values the worker fills a template with, for the composer's preview.
  const templates = useMemo(
    () =>
      user && {
        channel,
        language: candidate.language,
        timeZone: candidateZone(candidate),
        recipient: firstName,
        values: mergeValuesOf({
          candidate: { name: candidate.name, jobTitle: candidate.jobTitle },
          companyName: user.tenantName,
          recruiterName: user.name,
          interview: null,
        }),
      },
    [user, channel, candidate, firstName],
  );

  async function send(body: string, templateId: string | null) {
    // The text the worker will store: it trims, then fills a template's fields with these values.
    const rendered = templateId && templates ? renderTemplate(body.trim(), templates.values) : null;
    try {
      await outbox.send(body, templateId, rendered?.ok ? rendered.text : body.trim());
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === 'consent_required') onConsentMayChange();
      throw error;
    }
  }

  return (
    <>
      <Thread
        messages={thread.messages}
        loaded={thread.loaded}
        pollError={thread.pollError}
        emptyText={`No ${channelLabel[channel]} messages with ${firstName} yet.`}
        onRetry={async (messageId) => thread.add(await api.retryMessage(messageId))}
        onCancel={async (messageId) => thread.add(await api.cancelMessage(messageId))}
        pending={outbox.pending}
        onSendAgain={outbox.sendAgain}
        onDiscard={outbox.discard}
        {...(user ? { viewerUserId: user.id } : {})}
      />
      <SenderLine candidateId={candidate.id} channel={channel} />
      {window && <WhatsappWindowNotice window={window} language={candidate.language} onSendTemplate={(template) => send(template.body, template.id)} />}
      {draft.initial && (
        <Composer
          label={`Message ${firstName} by ${channelLabel[channel]}`}
          lockedReason={lockedReason}
          {...(seatRefusal === null && !decision.ok
            ? { lockAction: <ConsentLockAction candidate={candidate} channel={channel} onRequested={onConsentMayChange} /> }
            : {})}
          quietHold={quietHold}
          onSend={send}
          {...(templates ? { templates } : {})}
          initialDraft={draft.initial}
          onDraftChange={draft.save}
        />
      )}
    </>
  );
}
