/**
 * The panel's local database, in the extension's origin. It is opened by the background service
 * worker only: a content script's IndexedDB would belong to the ATS site, and the panel page is a
 * third-party frame in the ATS page, where Chromium denies IndexedDB whenever third-party cookies
 * are blocked. The panel reaches it by messaging (messaging/store.ts). It holds what lets a thread
 * open at once and what must survive a reload: cached candidates and messages, drafts, and sends
 * not yet accepted. Being the only connection, the background never blocks a schema upgrade.
 * @module
 */
import { Dexie, type Table } from 'dexie';
import type { Candidate } from '@shared/api/candidates.ts';
import type { Channel } from '@shared/api/channels.ts';
import type { Message } from '@shared/api/messages.ts';

/** A candidate as the worker last resolved them, found again by the page that shows them. */
export interface IDatabaseCandidate {
  /** `${ats}:${atsCandidateId}`, what the page knows before the worker answers. */
  readonly pageKey: string;
  readonly candidate: Candidate;
}

/** A message as the worker last returned it; the candidate is not part of the message contract. */
export type IDatabaseMessage = Message & { readonly candidateId: string };

export interface IDatabaseDraft {
  readonly candidateId: string;
  readonly channel: Channel;
  readonly body: string;
  /** Set when the draft came from a template: its merge fields are filled by the worker. */
  readonly templateId: string | null;
}

/**
 * A send the worker has not confirmed. Written before the request goes out, so a reload, a crash
 * or a lost connection leaves it visible with "Send again" instead of losing the text.
 */
export interface IDatabasePendingMessage {
  /** A local id (`local_…`), never a worker id. */
  readonly id: string;
  readonly candidateId: string;
  readonly channel: Channel;
  /** What the composer sent: with a template, its merge fields still in place. */
  readonly body: string;
  readonly templateId: string | null;
  /** The text the worker stores for it (trimmed, template filled): how its message is recognised. */
  readonly expectedBody: string;
  readonly senderUserId: string;
  /** When it was staged, by this computer's clock. */
  readonly createdAt: string;
  /** The newest seq the thread showed when it was staged: its message, if accepted, comes after. */
  readonly knownSeq: number;
}

export class PanelDatabase extends Dexie {
  declare candidates: Table<IDatabaseCandidate, string>;
  declare messages: Table<IDatabaseMessage, string>;
  declare drafts: Table<IDatabaseDraft, [string, Channel]>;
  declare pending: Table<IDatabasePendingMessage, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      candidates: 'pageKey',
      messages: 'id, [candidateId+channel]',
      drafts: '[candidateId+channel]',
      pending: 'id, [candidateId+channel]',
    });
  }
}
