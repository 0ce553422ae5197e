/**
 * Ports of the reminder pipeline: the due index and item transitions (DynamoDB), the queue (SQS), the event bus
 * (EventBridge). The Mailer port is shared (app/ports.ts). Adapters implement them with the AWS SDK; tests hand in
 * the same adapters pointed at the local stand-ins, or wrap them to inject failures.
 *
 * The status machine of a reminder stage (the one place it is written down; issue 16):
 *
 * | from        | event                                                          | to          | by            |
 * |-------------|----------------------------------------------------------------|-------------|---------------|
 * | pending     | due: leased, put on the queue                                  | pending     | dispatcher    |
 * | pending     | claimed (token, claimUntil = now + CLAIM_TIMEOUT_MINUTES)      | sending     | sender        |
 * | pending     | a later stage of the deadline is due as well                   | cancelled   | sender        |
 * | pending     | no recipient / case gone                                       | failed      | sender        |
 * | sending     | SES answered a MessageId                                       | sent        | sender        |
 * | sending     | SES refused before accepting (throttling 429, paused account)  | pending     | sender        |
 * | sending     | SES rejected for good (MessageRejected, 400)                   | failed      | sender        |
 * | sending     | in doubt (500, timeout, connection reset): claim kept          | sending     | sender        |
 * | pending, sending, unconfirmed | SES Send/Delivery event whose tags name it   | sent        | ses-events    |
 * | sending     | claim ran out (the doubt wait) and no SES event came           | pending     | dispatcher    |
 *
 * The doubt wait is CLAIM_TIMEOUT_MINUTES (default 10): SES publishes a Send event seconds after it accepted a mail,
 * and the sender's own run is bounded by its Lambda timeout, so after 10 minutes without an event SES did not accept
 * it and sending again is safe. `unconfirmed` is no longer entered (every doubt resolves: by an event, or by resending);
 * it stays readable for stages stored before, and an event for one still marks it sent.
 */
import type { CaseState } from '#domain/case.js';
import type { Clock } from '#domain/clock.js';
import type { OrganisationDirectory } from '#domain/directory.js';
import type { OutboxItem, ReminderItem, ReminderKey } from '#adapters/dynamo/reminder-items.js';
import type { Mailer } from '../ports.js';
import type { SendPacer } from './pacing.js';

export type DueItem = ReminderItem | OutboxItem;

export interface DuePage {
  items: DueItem[];
  cursor?: Record<string, unknown>;
}

/** Store operations of the pipeline. Every transition is a conditional write; `false` = the condition failed. */
export interface ReminderStore {
  /** Items of one shard of the due index with GSI2SK ≤ `<now>~`, oldest first. */
  queryDue(shard: number, now: string, limit: number, cursor?: Record<string, unknown>): Promise<DuePage>;
  /** Moves a due item's GSI2SK to `<until>#<id>` if it is still where the dispatcher saw it (the lease). */
  lease(item: DueItem, until: string, now: string): Promise<boolean>;
  getReminder(key: ReminderKey): Promise<ReminderItem | undefined>;
  getCase(caseId: string): Promise<CaseState | undefined>;
  /** pending → sending, if pending and due; keeps the item in the due index at `claimUntil` (stuck detection). */
  claim(key: ReminderKey, claim: { reminderId: string; token: string; now: string; claimUntil: string }): Promise<boolean>;
  /** sending → sent (our claim only); leaves the due index. */
  markSent(key: ReminderKey, token: string, sent: { now: string; messageId: string; recipients: string[]; unresolved: string[] }): Promise<boolean>;
  /** sending → pending (our claim only): SES said no, nothing went out; due again at `retryAt`. */
  release(key: ReminderKey, release: { reminderId: string; token: string; retryAt: string }): Promise<boolean>;
  /** pending → cancelled (superseded by a later stage that is due as well); leaves the due index. */
  cancelPending(key: ReminderKey, reason: string, now: string): Promise<boolean>;
  /** pending|sending → failed (no recipient, permanent rejection); leaves the due index, for a human. */
  markFailed(key: ReminderKey, reason: string, now: string, token?: string): Promise<boolean>;
  /**
   * sending (claim expired, token as seen) → pending, due at `now`: the doubt wait passed without an SES Send/Delivery
   * event for the stage, so SES did not accept it; it is sent again (issue 16).
   */
  releaseInDoubt(key: ReminderKey, release: { reminderId: string; token: string; now: string }): Promise<boolean>;
  /**
   * SES's own record (a Send or Delivery event whose tags name this stage): pending|sending|unconfirmed → sent.
   * Idempotent (false when already sent or otherwise final); never sends.
   */
  confirmSent(key: ReminderKey, confirm: { reminderId: string; sesMessageId: string; at: string }): Promise<boolean>;
  /** outbox pending → published; leaves the due index and expires later (TTL). */
  markPublished(key: ReminderKey, now: string, expiresAt: number): Promise<boolean>;
  /** outbox: undo our lease after a failed PutEvents, so the next run retries at once. */
  releaseOutbox(item: OutboxItem, leasedSort: string): Promise<boolean>;
}

/** The message the dispatcher puts on the queue for one reminder stage. */
export interface ReminderMessage {
  reminderId: string;
  caseId: string;
  stage: string;
  key: ReminderKey;
}

export interface ReminderQueue {
  /** SendMessageBatch (≤ 10 per call); returns the reminderIds that were not accepted. */
  send(messages: ReminderMessage[]): Promise<{ failed: string[] }>;
}

export interface DomainEventEntry {
  eventId: string;
  detailType: string;
  detail: Record<string, unknown>;
  time: string;
}

export interface EventPublisher {
  /** PutEvents (≤ 10 per call); returns the eventIds that were not accepted. */
  publish(events: DomainEventEntry[]): Promise<{ failed: string[] }>;
}

export interface ReminderConfig {
  /** How long a dispatched item stays out of the due index before it is dispatched again (minutes). */
  leaseMinutes: number;
  /** After this long a claim (`sending`) counts as stuck (minutes). Well above the sender's timeout. */
  claimTimeoutMinutes: number;
  /** Published outbox items are removed by TTL after this many days. */
  outboxRetentionDays: number;
  /** Link base for the mails. */
  appBaseUrl: string;
}

/** What happened to one record or item, for logs, metrics and the local scheduler's counts. */
export type ReminderOutcome =
  | { type: 'dispatched'; reminderId: string }
  | { type: 'published'; eventId: string }
  | { type: 'publish-failed'; eventId: string }
  | { type: 'doubt-released'; reminderId: string }
  | { type: 'sent'; reminderId: string; messageId: string; recipients: number; stage?: string }
  | { type: 'skipped'; reminderId: string; reason: string }
  | { type: 'released'; reminderId: string; reason: string }
  | { type: 'failed'; reminderId: string; reason: string }
  | { type: 'in-doubt'; reminderId: string; reason: string };

export interface DispatcherDeps {
  store: ReminderStore;
  queue: ReminderQueue;
  publisher: EventPublisher;
  clock: Clock;
  config: ReminderConfig;
  observe: (outcome: ReminderOutcome) => void;
}

export interface SenderDeps {
  store: ReminderStore;
  mailer: Mailer;
  directory: OrganisationDirectory;
  /** Swaps suppressed (bounced, complained) recipients for their organisation's mailbox; none = send as resolved. */
  suppressions?: { apply(to: readonly string[]): Promise<{ to: string[] }> };
  clock: Clock;
  config: ReminderConfig;
  newToken: () => string;
  observe: (outcome: ReminderOutcome) => void;
  /** Spaces the sends at this container's share of the SES account's send rate (./pacing.ts); none = unpaced. */
  pacer?: SendPacer;
}
