/**
 * Ports of the reminder pipeline: the due index and item transitions (DynamoDB), the queue (SQS), the event bus
 * (EventBridge). The Mailer port is shared (app/ports.ts). Adapters implement them with the AWS SDK; tests hand in
 * the same adapters pointed at the local stand-ins, or wrap them to inject failures.
 *
 * The status machine of a reminder stage is a table of the domain (#domain/reminder-status): each store
 * transition below names its row there, and the DynamoDB adapter derives its conditions from it.
 */
import { createHash } from 'node:crypto';
import type { CaseState } from '#domain/case.js';
import type { Clock } from '#domain/clock.js';
import type { OrganisationDirectory } from '#domain/directory.js';
import type { Party } from '#domain/deadlines/index.js';
import type { ReminderStatus } from '#domain/reminder-status.js';
import type { Mailer } from '../ports.js';
import type { SendPacer } from './pacing.js';

/**
 * Shards of the due index. The planner (in the HTTP functions) and the dispatcher must agree, so this is a constant
 * of the code, not an environment variable: changing it means the dispatcher must still read the old shards until
 * their items are gone. 4 spreads GSI2 writes over four partition keys and lets the dispatcher read in parallel.
 */
export const DUE_SHARD_COUNT = 4;

/** Deterministic reminder id: the same case, deadline and stage always give the same id (an idempotency key). */
export function reminderIdOf(caseId: string, deadlineId: string, stage: string): string {
  return `rem-${createHash('sha256').update(`${caseId}|${deadlineId}|${stage}`).digest('hex').slice(0, 32)}`;
}

/** `<caseId>#<seq>`: the dedupe key of a domain event for subscribers (delivery is at least once). */
export function eventIdOf(caseId: string, seq: number): string {
  return `${caseId}#${seq}`;
}

/** Normalises an ISO instant to `toISOString()` form, so instants compare as strings. */
export function normaliseInstant(instant: string): string {
  return new Date(Date.parse(instant)).toISOString();
}

/** The stored items of the pipeline (their keys are spelled by the DynamoDB adapter, reminder-items.ts). */
export interface ReminderKey {
  PK: string;
  SK: string;
}

/** A reminder stage as stored (attributes beyond the keys). */
export interface ReminderItem extends ReminderKey {
  entity: 'reminder';
  /** `deadline`: a stage of a deadline of the engine; `melding`: a one-off notification caused by a form. */
  kind: 'deadline' | 'melding';
  reminderId: string;
  caseId: string;
  reference: string;
  /** deadline: the engine's deadlineId; melding: `<notificationRuleId>:<seq>`. */
  deadlineId: string;
  /** deadline: the engine's rule id; melding: the notification rule id. */
  ruleId: string;
  ruleKind?: 'termijn' | 'ambitie' | 'signaal';
  title: string;
  source?: string;
  actor?: Party;
  stage: string;
  to: Party[];
  dueDate?: string;
  dueAt?: string;
  /** When the mail is due to go out (ISO instant, UTC). Never moved by a lease. */
  fireAt: string;
  /** fireAt of the deadline's next stage; once that is due as well, this stage is superseded and not sent. */
  nextStageAt?: string;
  /** melding: the event that caused it. */
  seq?: number;
  occurredOn?: string;
  correction?: boolean;
  /** The case's begeleider when planned (user id of the latest begeleider on the case), for the directory lookup. */
  begeleiderUserId?: string;
  reminderStatus: ReminderStatus;
  plannedAt: string;
  GSI2PK?: string;
  GSI2SK?: string;
  leaseUntil?: string;
  dispatchCount?: number;
  claimToken?: string;
  claimedAt?: string;
  attempts?: number;
  sentAt?: string;
  messageId?: string;
  recipients?: string[];
  unresolvedParties?: Party[];
  cancelledAt?: string;
  cancelReason?: string;
  failedAt?: string;
  failReason?: string;
}

export type OutboxStatus = 'pending' | 'published';

/** A domain event waiting to be relayed to EventBridge (transactional outbox). */
export interface OutboxItem extends ReminderKey {
  entity: 'outbox';
  /** `<caseId>#<seq>`: the dedupe key for subscribers (delivery is at least once). */
  eventId: string;
  caseId: string;
  seq: number;
  detailType: string;
  detail: DomainEventDetail;
  /** When the event was recorded (ISO instant). */
  recordedAt: string;
  outboxStatus: OutboxStatus;
  publishedAt?: string;
  GSI2PK?: string;
  GSI2SK?: string;
  leaseUntil?: string;
  expiresAt?: number;
}

/** The detail of a domain event: identifiers only, never personal data or form content. */
export interface DomainEventDetail {
  eventId: string;
  caseId: string;
  reference: string;
  action: string;
  seq: number;
  occurredOn: string;
}

export type DueItem = ReminderItem | OutboxItem;

/** What the store form adds to a planned item: its key, its `entity` mark and the due index attributes. */
type StoreForm = 'PK' | 'SK' | 'entity' | 'GSI2PK' | 'GSI2SK';
/** A reminder stage as a planner plans it (the adapter puts it in store form). */
export type PlannedStage = Omit<ReminderItem, StoreForm>;
/** A domain event for the outbox as the planner plans it. */
export type PlannedOutboxEvent = Omit<OutboxItem, StoreForm>;

export interface DuePage {
  items: DueItem[];
  cursor?: Record<string, unknown>;
}

/** Store operations of the pipeline. Every transition is a conditional write; `false` = the condition failed. */
export interface ReminderStore {
  /** Items of one shard of the due index with GSI2SK ≤ `<now>~`, oldest first. */
  queryDue(shard: number, now: string, limit: number, cursor?: Record<string, unknown>): Promise<DuePage>;
  /** `lease` (a stage; an outbox item likewise): moves a due item's GSI2SK to `<until>#<id>` if it is still where the dispatcher saw it (the lease). */
  lease(item: DueItem, until: string, now: string): Promise<boolean>;
  getReminder(key: ReminderKey): Promise<ReminderItem | undefined>;
  getCase(caseId: string): Promise<CaseState | undefined>;
  /** `claim`: pending → sending, if pending and due; keeps the item in the due index at `claimUntil` (stuck detection). */
  claim(key: ReminderKey, claim: { reminderId: string; token: string; now: string; claimUntil: string }): Promise<boolean>;
  /** `markSent`: sending → sent (our claim only); leaves the due index. */
  markSent(key: ReminderKey, token: string, sent: { now: string; messageId: string; recipients: string[]; unresolved: string[] }): Promise<boolean>;
  /** `release`: sending → pending (our claim only): SES said no, nothing went out; due again at `retryAt`. */
  release(key: ReminderKey, release: { reminderId: string; token: string; retryAt: string }): Promise<boolean>;
  /** `supersede`: pending → cancelled (a later stage is due as well); leaves the due index. */
  cancelPending(key: ReminderKey, reason: string, now: string): Promise<boolean>;
  /**
   * `failUndeliverable` (pending → failed: no recipient) or, with the claim token, `reject` (sending → failed: SES
   * rejected it for good); leaves the due index, for a human.
   */
  markFailed(key: ReminderKey, reason: string, now: string, token?: string): Promise<boolean>;
  /**
   * `releaseInDoubt`: sending (claim expired, token as seen) → pending, due at `now`: the doubt wait passed without an SES Send/Delivery
   * event for the stage, so SES did not accept it; it is sent again (issue 16).
   */
  releaseInDoubt(key: ReminderKey, release: { reminderId: string; token: string; now: string }): Promise<boolean>;
  /**
   * `confirmFromSes`: SES's own record (a Send or Delivery event whose tags name this stage): pending|sending|unconfirmed → sent.
   * Idempotent (false when already sent or otherwise final); never sends.
   */
  confirmSent(key: ReminderKey, confirm: { reminderId: string; sesMessageId: string; at: string }): Promise<boolean>;
  /** outbox pending → published; leaves the due index and expires later (TTL). */
  markPublished(key: ReminderKey, now: string, expiresAt: number): Promise<boolean>;
  /** outbox: undo our lease (until `leasedUntil`) after a failed PutEvents, so the next run retries at once. */
  releaseOutbox(item: OutboxItem, leasedUntil: string): Promise<boolean>;
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
