/**
 * Store shapes of the reminder concern: reminder stages (deadline reminders and one-off notifications) and outbox
 * events, all in the case's partition, and the sparse `byDue` index (GSI2) through which the dispatcher finds work
 * that falls due. Key spelling for these items lives here (table.ts spells the core items).
 *
 *   reminder  PK=CASE#<caseId>  SK=REM#<deadlineId>#<stage>          (notification: deadlineId = <ruleId>:<seq>, stage = melding)
 *   outbox    PK=CASE#<caseId>  SK=OUT#<seq, 8 digits>
 *   pending / sending / leased items carry GSI2PK=DUE#<shard>, GSI2SK=<instant>#<id>; sent, cancelled, failed,
 *   unconfirmed and published items do not (sparse: the dispatcher never reads them).
 */
import { createHash } from 'node:crypto';
import { REMINDER_TRANSITIONS, type ReminderStatus, type ReminderTransition, type ReminderTransitionName } from '#domain/reminder-status.js';
import { DUE_SHARD_COUNT, type OutboxItem, type ReminderItem, type ReminderKey } from '#app/reminders/ports.js';
import { TABLE } from './table.js';

// The stored shapes, the deterministic ids and the shard count are the reminder ports' (the planners and the
// dispatcher need them too); the keys and the due index attributes are spelled here.
export type { DomainEventDetail, OutboxItem, OutboxStatus, ReminderItem, ReminderKey } from '#app/reminders/ports.js';
export { DUE_SHARD_COUNT, eventIdOf, normaliseInstant, reminderIdOf } from '#app/reminders/ports.js';

export const DUE_INDEX = TABLE.indexes.byDue;

/**
 * The attribute holding the status (#domain/reminder-status). Not `status`: that is a DynamoDB reserved word, and the
 * store form's conditions (intents.ts, StoreEffect.condition) are written as plain expressions without attribute-name placeholders.
 */
export const STATUS_ATTRIBUTE = 'reminderStatus';

/** The value placeholder of a status: `:pending`, or with a prefix `:remPending` (unique within a transaction item). */
function statusPlaceholder(status: ReminderStatus, prefix: string): string {
  return prefix ? `:${prefix}${status[0]!.toUpperCase()}${status.slice(1)}` : `:${status}`;
}

/**
 * A transition of the status table as DynamoDB expressions: `condition`, the stored status is one of the transition's
 * `from` (and, for a move that needs the claim, `claimToken = :token`; the caller supplies `:token`), with the
 * placeholders of `conditionValues`; `set`, the new status, with `values` holding the placeholders of both. The only
 * place status conditions are spelled.
 */
export function statusCondition(
  transition: ReminderTransitionName,
  prefix = '',
): { condition: string; conditionValues: Record<string, ReminderStatus>; set: string; values: Record<string, ReminderStatus> } {
  const move: ReminderTransition = REMINDER_TRANSITIONS[transition];
  const conditionValues = Object.fromEntries(move.from.map((status) => [statusPlaceholder(status, prefix), status]));
  const from = Object.keys(conditionValues);
  const status = from.length === 1 ? `${STATUS_ATTRIBUTE} = ${from[0]}` : `${STATUS_ATTRIBUTE} IN (${from.join(', ')})`;
  return {
    condition: move.ownClaim ? `${status} AND claimToken = :token` : status,
    conditionValues,
    set: `${STATUS_ATTRIBUTE} = ${statusPlaceholder(move.to, prefix)}`,
    values: { ...conditionValues, [statusPlaceholder(move.to, prefix)]: move.to },
  };
}

export const reminderKeys = {
  reminder: (caseId: string, deadlineId: string, stage: string): ReminderKey => ({ PK: `CASE#${caseId}`, SK: `REM#${deadlineId}#${stage}` }),
  reminderPrefix: 'REM#',
  outbox: (caseId: string, seq: number): ReminderKey => ({ PK: `CASE#${caseId}`, SK: `OUT#${String(seq).padStart(8, '0')}` }),
  outboxPrefix: 'OUT#',
  duePartition: (shard: number) => `DUE#${shard}`,
  dueSort: (instant: string, id: string) => `${instant}#${id}`,
  /** Upper bound of a due query: every `<instant>#…` with instant ≤ now sorts below `<now>~` ('~' > '#'). */
  dueUpTo: (now: string) => `${now}~`,
} as const;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** hash(id) mod N: spreads due items evenly over the shards. */
export function shardOf(id: string, shards = DUE_SHARD_COUNT): number {
  return Number.parseInt(sha256(id).slice(0, 8), 16) % shards;
}

/** The GSI2 attributes that make an item due at `instant`. */
export function dueAttributes(id: string, instant: string): { GSI2PK: string; GSI2SK: string } {
  return { GSI2PK: reminderKeys.duePartition(shardOf(id)), GSI2SK: reminderKeys.dueSort(instant, id) };
}

export function isReminderItem(item: Record<string, unknown>): item is ReminderItem & Record<string, unknown> {
  return item.entity === 'reminder';
}

export function isOutboxItem(item: Record<string, unknown>): item is OutboxItem & Record<string, unknown> {
  return item.entity === 'outbox';
}
