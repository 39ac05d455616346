/**
 * My Inbox: the recruiter's and the team's conversations, unread first, filtered and searched on
 * the worker, refreshed the moment the realtime feed reports a change. Opening a conversation
 * brings the candidate's ATS profile to the front, where the panel marks it read.
 * @module
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import type { Channel } from '@shared/api/channels.ts';
import type { InboxEntry, InboxQuery, UnknownSender } from '@shared/api/inbox.ts';
import { onRealtimeEvents } from '../messaging/protocol.ts';
import { formatPhone } from '@shared/domain/phone.ts';
import { useApi } from '../ui/api-context.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { errorMessage } from '../ui/errors.ts';
import { channelLabel, messageTime, plural, statusLabel } from '../ui/format.ts';
import { useSession } from '../ui/use-session.ts';

type Filters = { scope: 'mine' | 'team'; channel: Channel | ''; unreadOnly: boolean; unknownOnly: boolean; q: string };

export function Inbox() {
  const session = useSession();
  if (session === undefined) return null;
  if (!session) {
    return (
      <main className="inbox inbox--empty" data-testid="inbox">
        <h1>Inbox</h1>
        <p className="muted">Sign in to Parley from the panel on a candidate's page or from the options page.</p>
      </main>
    );
  }
  return <SignedInInbox />;
}

function queryOf(filters: Filters): InboxQuery {
  return {
    scope: filters.scope,
    ...(filters.channel ? { channel: filters.channel } : {}),
    ...(filters.unreadOnly ? { unread: 'true' as const } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
  };
}

function SignedInInbox() {
  const api = useApi();
  const [filters, setFilters] = useState<Filters>({ scope: 'team', channel: '', unreadOnly: false, unknownOnly: false, q: '' });
  const [entries, setEntries] = useState<InboxEntry[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  // How many conversations the recruiter has paged through: a refresh reloads as many, not only the first page.
  const shownCount = useRef(0);
  const [unknownSenders, setUnknownSenders] = useState<UnknownSender[]>([]);
  const [unreadTotal, setUnreadTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        let inbox = await api.inbox(queryOf(filters), signal);
        const conversations = [...inbox.conversations];
        while (inbox.nextCursor && conversations.length < shownCount.current) {
          inbox = await api.inbox({ ...queryOf(filters), cursor: inbox.nextCursor }, signal);
          conversations.push(...inbox.conversations);
        }
        shownCount.current = conversations.length;
        setEntries(conversations);
        setNextCursor(inbox.nextCursor);
        setUnreadTotal(inbox.unreadTotal);
        if (filters.unknownOnly) setUnknownSenders((await api.unknownSenders()).senders);
        setError(null);
      } catch (caught) {
        if (!signal?.aborted) setError(errorMessage(caught));
      }
    },
    [api, filters],
  );

  useEffect(() => {
    const controller = new AbortController();
    // Typing in the search box waits for a pause; everything else applies at once.
    const timer = setTimeout(() => void load(controller.signal), filters.q ? 250 : 0);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [load, filters.q]);

  useEffect(() => onRealtimeEvents(() => void load()), [load]);

  async function open(entry: InboxEntry) {
    await api.markRead(entry.candidate.id, entry.channel).catch(() => undefined);
    void load();
    const url = entry.candidate.profileUrl;
    if (!url) return;
    const [tab] = await browser.tabs.query({ url: url.split('#')[0] });
    if (tab?.id !== undefined) await browser.tabs.update(tab.id, { active: true });
    else await browser.tabs.create({ url });
  }

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => {
    shownCount.current = 0;
    setFilters((current) => ({ ...current, [key]: value }));
  };

  async function showOlder() {
    if (!nextCursor) return;
    try {
      const page = await api.inbox({ ...queryOf(filters), cursor: nextCursor });
      setEntries((current) => {
        // A refresh that landed meanwhile may already show some of them.
        const shown = new Set(current?.map((entry) => entry.conversationId));
        const merged = [...(current ?? []), ...page.conversations.filter((entry) => !shown.has(entry.conversationId))];
        shownCount.current = merged.length;
        return merged;
      });
      setNextCursor(page.nextCursor);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }

  return (
    <main className="inbox" data-testid="inbox">
      <header className="inbox__bar">
        <h1>
          Inbox{' '}
          {unreadTotal > 0 && (
            <span className="inbox__total" data-testid="inbox-unread-total">
              {unreadTotal}
              <span className="visually-hidden"> unread</span>
            </span>
          )}
        </h1>
      </header>
      <form className="inbox__filters" aria-label="Filter conversations" onSubmit={(event) => event.preventDefault()}>
        <fieldset className="segmented" aria-label="Whose conversations">
          {(['mine', 'team'] as const).map((scope) => (
            <button key={scope} type="button" aria-pressed={filters.scope === scope} onClick={() => set('scope', scope)} data-testid={`inbox-scope-${scope}`}>
              {scope === 'mine' ? 'Mine' : 'Team'}
            </button>
          ))}
        </fieldset>
        <label>
          <span className="visually-hidden">Channel</span>
          <select value={filters.channel} onChange={(event) => set('channel', event.target.value as Filters['channel'])} data-testid="inbox-channel">
            <option value="">All channels</option>
            <option value="sms">SMS</option>
            <option value="whatsapp">WhatsApp</option>
          </select>
        </label>
        <label className="inbox__check">
          <input type="checkbox" checked={filters.unreadOnly} onChange={(event) => set('unreadOnly', event.target.checked)} data-testid="inbox-unread-only" />
          Unread
        </label>
        <label className="inbox__check">
          <input
            type="checkbox"
            checked={filters.unknownOnly}
            onChange={(event) => set('unknownOnly', event.target.checked)}
            data-testid="inbox-unknown-only"
          />
          Unknown senders
        </label>
        <label className="inbox__search">
          <span className="visually-hidden">Search by name, number or text</span>
          <input
            type="search"
            placeholder="Search name, number, text"
            value={filters.q}
            onChange={(event) => set('q', event.target.value)}
            data-testid="inbox-search"
          />
        </label>
      </form>
      {unreadTotal === 0 && entries !== null && entries.length > 0 && !filters.unknownOnly && (
        <p className="inbox__caught-up" role="status" data-testid="inbox-caught-up">
          You're all caught up.
        </p>
      )}
      {error && (
        <p role="alert" className="inbox__error">
          {error}
        </p>
      )}
      {filters.unknownOnly ? (
        <UnknownSenderList senders={unknownSenders} />
      ) : (
        <>
          <ConversationList entries={entries} open={open} />
          {nextCursor && (
            <button type="button" className="inbox__older" onClick={() => void showOlder()} data-testid="inbox-show-older">
              Show older conversations
            </button>
          )}
        </>
      )}
    </main>
  );
}

function ConversationList({ entries, open }: { entries: InboxEntry[] | null; open(entry: InboxEntry): Promise<void> }) {
  return (
    <>
      {entries && entries.length === 0 && (
        <EmptyState title="No conversations match." testId="inbox-empty">
          Change the filters, or write to a candidate from their profile.
        </EmptyState>
      )}
      <ul className="inbox__list" aria-label="Conversations">
        {entries?.map((entry) => (
          <li key={entry.conversationId}>
            <button
              type="button"
              className={`inbox__item${entry.unread > 0 ? ' inbox__item--unread' : ''}`}
              onClick={() => void open(entry)}
              data-testid="inbox-entry"
              data-candidate-id={entry.candidate.id}
              data-unread={entry.unread}
            >
              <span className="inbox__name">
                {entry.candidate.name}
                {entry.candidate.jobTitle && <span className="inbox__job"> · {entry.candidate.jobTitle}</span>}
              </span>
              <span className="inbox__meta">
                {channelLabel[entry.channel]} · {messageTime(entry.lastMessage.createdAt)}
              </span>
              <span className="inbox__preview" data-testid="inbox-preview">
                {previewPrefix(entry.lastMessage)}
                {entry.lastMessage.body}
              </span>
              {entry.unread > 0 && (
                <span className="inbox__count">
                  {entry.unread}
                  <span className="visually-hidden"> unread</span>
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * "You: ", "Jana: ", "Parley: " before an outbound preview (the candidate's own need none), and
 * what became of a message that never reached the candidate.
 */
export function previewPrefix(last: InboxEntry['lastMessage']): string {
  const who = { you: 'You: ', teammate: `${firstName(last.sender.name)}: `, parley: 'Parley (automatic): ', candidate: '' }[last.sender.kind];
  const fate = last.status === 'cancelled' || last.status === 'failed' || last.status === 'scheduled' ? `${statusLabel[last.status]} · ` : '';
  return `${fate}${who}`;
}

const firstName = (name: string | null): string => name?.split(/\s+/)[0] || 'A teammate';

/** Messages from numbers that match no candidate: shown so nothing is missed, with no profile to open. */
function UnknownSenderList({ senders }: { senders: UnknownSender[] }) {
  if (senders.length === 0) return <EmptyState title="No messages from unknown numbers." />;
  return (
    <ul className="inbox__list" aria-label="Unknown senders">
      {senders.map((sender) => (
        <li key={`${sender.fromNumber}:${sender.channel}`} className="inbox__item" data-testid="inbox-unknown-sender">
          <span className="inbox__name">{formatPhone(sender.fromNumber)}</span>
          <span className="inbox__meta">
            {channelLabel[sender.channel]} · {messageTime(sender.lastAt)}
          </span>
          <span className="inbox__preview">
            Unknown sender · {plural(sender.messages, 'message')}: {sender.lastBody}
          </span>
        </li>
      ))}
    </ul>
  );
}
