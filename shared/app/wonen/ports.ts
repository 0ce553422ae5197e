/**
 * Ports of the Wonen concern: the queue and inbound-mail records in the table (adapter:
 * shared/adapters/dynamo/wonen-store.ts) and the mail object store (adapter: shared/adapters/s3/mail-store.ts).
 */
import type { Regio } from '#domain/case.js';
import type { RefusedAttachment } from '#domain/inbound-mail.js';
import type { WonenItem, WonenKind, WonenStatus } from '#domain/wonen-queue.js';
import type { IdempotencyRecord, Page } from '../ports.js';

export interface QueueQuery {
  kind?: WonenKind;
  limit: number;
  cursor?: string;
}

export type InboundStatus = 'gekoppeld' | 'niet-gekoppeld' | 'geweigerd';

/** A stored attachment of a received mail: metadata only; the content is in the mail object store. */
export interface StoredAttachment {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  /** Object key in the inbox bucket (SSE). */
  key: string;
  inline?: boolean;
}

/**
 * What the system knows of one received mail, whatever became of it. For unmatched and refused mail this record is
 * the entry of the list a person works (GSI3 `UNMATCHED#<regio>`); for attached mail it marks the mail as processed.
 */
export interface InboundRecord {
  mailId: string;
  /** The regio the receiving mailbox serves. */
  regio: Regio;
  status: InboundStatus;
  /** UnmatchedReason or RefusalReason. */
  reason?: string;
  detail?: string;
  /** Sender address (a professional's), lower case. */
  from: string;
  subject: string;
  messageId?: string;
  receivedAt: string;
  /** The raw mail as SES stored it. */
  rawKey: string;
  /** The extracted body text (may hold health data: only in the encrypted bucket, never in the table). Absent when refused. */
  bodyKey?: string;
  attachments: StoredAttachment[];
  refusedAttachments?: RefusedAttachment[];
  /** Inline images left out (other image formats). */
  skippedInline?: number;
  /** The reference the mail carried, if any (also for 'onbekend kenmerk' / 'andere regio'). */
  reference?: string;
  caseId?: string;
  eventSeq?: number;
  linkedBy?: string;
  linkedAt?: string;
}

export interface WonenStore {
  /** Items of one regio in the given status partitions, merged in received (= due) order. */
  listQueue(regio: Regio, statuses: readonly WonenStatus[], query: QueueQuery): Promise<Page<WonenItem>>;
  /** Open items received before `receivedBefore` (exclusive): those due by a day (see receivedBeforeBoundForDueBy). */
  listReceivedBefore(regio: Regio, status: WonenStatus, receivedBefore: string): Promise<WonenItem[]>;
  getItem(caseId: string, seq: number): Promise<WonenItem | undefined>;
  /**
   * Moves an item from `from` to `to` with a condition on its current status (a concurrent decision wins), and writes
   * the idempotency record in the same transaction. Throws WonenStatusConflict when the status changed underneath,
   * IdempotencyRace when the key was committed concurrently.
   */
  changeStatus(
    item: WonenItem,
    change: { to: WonenStatus; at: string; by: string; decision?: string; decidedOn?: string },
    idempotency: IdempotencyRecord,
  ): Promise<void>;
  getInbound(mailId: string): Promise<InboundRecord | undefined>;
  /** Writes the record unless one exists for the mail; false when it already existed. */
  putInbound(record: InboundRecord): Promise<boolean>;
  listUnmatched(regio: Regio, query: { limit: number; cursor?: string }): Promise<Page<InboundRecord>>;
  /** Claims the digest of a regio and day (conditional put); false when it was claimed before. */
  claimDigest(regio: Regio, date: string, at: string): Promise<boolean>;
  markDigestSent(regio: Regio, date: string, messageId: string, at: string): Promise<void>;
  /** Gives a claim back after a failed send, so a retry of the schedule may send it. */
  releaseDigest(regio: Regio, date: string): Promise<void>;
}

/** The encrypted inbox bucket: raw mails as SES stored them, and the parts extracted from them. */
export interface MailObjectStore {
  getRaw(key: string): Promise<Buffer>;
  putRaw(key: string, body: Buffer): Promise<void>;
  putPart(key: string, body: Buffer | string, contentType: string): Promise<void>;
  getPart(key: string): Promise<Buffer>;
}

/** The head of each open Wonen queue partition, for the oldest-overdue metric (the dispatcher reads it). */
export interface WonenBacklogStore {
  /** The open item of `status` received first (earliest due) in the regio's queue, skipping expired items. */
  oldestOpen(regio: Regio, status: WonenStatus, now: string): Promise<WonenItem | undefined>;
}
