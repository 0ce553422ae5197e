/**
 * The one place a change's intents (app/ports.ts `CaseIntent`) become table items: keys, index attributes, entity
 * marks and conditions. The case store writes what this returns in the change's transaction; pure tests apply it to a
 * Map (test/support/effects.ts), so they see the same items the table gets.
 */
import { createHash } from 'node:crypto';
import type { CaseIntent } from '#app/ports.js';
import type { PlannedStage, ReminderItem } from '#app/reminders/ports.js';
import { REMINDER_TRANSITIONS } from '#domain/reminder-status.js';
import type { MonitorFact } from '#domain/monitor.js';
import { monthOf } from '#domain/retention.js';
import { DUE_INDEX, dueAttributes, reminderKeys, statusCondition, STATUS_ATTRIBUTE } from './reminder-items.js';
import { ENTITIES, keys, TABLE } from './table.js';
import { inboundToStore, queueIndex, wonenItemToStore } from './wonen-items.js';

/** The store form of an intent: a put, delete or update of one item of the table, written in the change's transaction. */
export type StoreEffect =
  | { kind: 'put'; item: Record<string, unknown>; /** only if it does not exist yet */ ifAbsent?: boolean }
  | { kind: 'delete'; key: { PK: string; SK: string } }
  | { kind: 'update'; key: { PK: string; SK: string }; set: Record<string, unknown>; remove?: string[]; condition?: string; conditionValues?: Record<string, unknown> };

const GSI3 = TABLE.indexes.byQueue;

// The planner's two transitions of the reminder status table; `rem` keeps their placeholders apart in a transaction.
const CANCEL = statusCondition('cancel', 'rem');
const REPLAN = statusCondition('replan', 'rem');

function reminderItemOf(stage: PlannedStage): ReminderItem {
  return { ...reminderKeys.reminder(stage.caseId, stage.deadlineId, stage.stage), entity: 'reminder', ...stage, ...dueAttributes(stage.reminderId, stage.fireAt) };
}

/** A one-way digest of a monitor fact's seed: stable, and it does not spell a case id. */
export function factId(seed: string): string {
  return createHash('sha256').update(seed).digest('base64url').slice(0, 22);
}

function monitorKey(fact: MonitorFact) {
  return keys.monitorFact(fact.organisationId, fact.month, fact.regio, fact.counter, factId(fact.seed));
}

/** The store form of one intent (a put, a delete or a conditional update of one item). */
export function storeEffectOf(intent: CaseIntent): StoreEffect {
  switch (intent.kind) {
    case 'draft.discard':
      return { kind: 'delete', key: keys.draft(intent.caseId, intent.organisationId, intent.action) };
    case 'retention.schedule': {
      const { record } = intent;
      return {
        kind: 'update',
        key: keys.retention(record.caseId),
        set: {
          entity: ENTITIES.retention,
          ...record,
          [GSI3.partitionKey]: keys.retentionQueue(monthOf(record.dueAt)),
          [GSI3.sortKey]: keys.retentionQueueSort(record.dueAt, record.caseId),
        },
        remove: ['eraseAt', 'markedAt'],
        // The sweeper may have claimed the case since it was loaded: then this change must fail (and is retried/refused).
        condition: 'attribute_not_exists(retentionState) OR retentionState IN (:retentionScheduled, :retentionMarked)',
        conditionValues: { ':retentionScheduled': 'scheduled', ':retentionMarked': 'marked' },
      };
    }
    case 'retention.cancel':
      return { kind: 'delete', key: keys.retention(intent.caseId) };
    case 'deadline.index': {
      const { caseId, organisationId, deadline } = intent;
      return {
        kind: 'put',
        item: {
          ...keys.deadlineIndex(caseId, organisationId, deadline.deadlineId),
          entity: ENTITIES.deadlineIndex,
          [GSI3.partitionKey]: keys.deadlinePartition(organisationId),
          [GSI3.sortKey]: keys.deadlineSort(deadline.dueAt, caseId, deadline.deadlineId),
          caseId,
          // The monitor figures count a Wonen regio's overdue deadlines from this index (shared/app/monitor).
          ...deadline,
        },
      };
    }
    case 'deadline.close':
      return { kind: 'delete', key: keys.deadlineIndex(intent.caseId, intent.organisationId, intent.deadlineId) };
    case 'monitor.fact': {
      const { fact } = intent;
      return {
        kind: 'put',
        item: {
          ...monitorKey(fact),
          entity: ENTITIES.monitor,
          organisationId: fact.organisationId,
          month: fact.month,
          regio: fact.regio,
          counter: fact.counter,
          ...(fact.phase ? { phase: fact.phase } : {}),
          ...(fact.days !== undefined ? { days: fact.days } : {}),
          ...(fact.outcome ? { outcome: fact.outcome } : {}),
          ...(fact.ruleId ? { ruleId: fact.ruleId } : {}),
        },
      };
    }
    case 'monitor.retract':
      return { kind: 'delete', key: monitorKey(intent.fact) };
    case 'wonen.open':
      // One item per submitting event: a replayed transaction can never create it twice.
      return { kind: 'put', item: wonenItemToStore(intent.item), ifAbsent: true };
    case 'wonen.close':
      // Unconditional: the decision wins over a concurrent "in behandeling" (which is conditional on an open status).
      return {
        kind: 'update',
        key: keys.wonenItem(intent.item.caseId, intent.item.seq),
        set: {
          status: 'besloten',
          ...queueIndex(intent.item, 'besloten'),
          decision: intent.decision,
          decidedOn: intent.decidedOn,
          decidedBySeq: intent.decidedBySeq,
          statusChangedAt: intent.at,
        },
      };
    case 'wonen.reproject':
      return { kind: 'update', key: keys.wonenItem(intent.item.caseId, intent.item.seq), set: { projection: intent.projection, correctedAt: intent.at } };
    case 'reminder.schedule':
      return { kind: 'put', item: { ...reminderItemOf(intent.stage) }, ifAbsent: true };
    case 'reminder.replan': {
      const { PK, SK, ...fields } = reminderItemOf(intent.stage);
      return {
        kind: 'update',
        key: { PK, SK },
        set: fields,
        // What the new plan leaves out, and what a cancellation or a lease had written.
        remove: [...(intent.stage.begeleiderUserId ? [] : ['begeleiderUserId']), ...(intent.stage.nextStageAt ? [] : ['nextStageAt']), 'cancelledAt', 'cancelReason', 'leaseUntil'],
        condition: REPLAN.condition,
        conditionValues: REPLAN.conditionValues,
      };
    }
    case 'reminder.cancel':
      return {
        kind: 'update',
        key: reminderKeys.reminder(intent.caseId, intent.deadlineId, intent.stage),
        set: { [STATUS_ATTRIBUTE]: REMINDER_TRANSITIONS.cancel.to, cancelledAt: intent.at, cancelReason: intent.reason },
        remove: [DUE_INDEX.partitionKey, DUE_INDEX.sortKey, 'leaseUntil'],
        condition: CANCEL.condition,
        conditionValues: CANCEL.conditionValues,
      };
    case 'outbox.publish': {
      const { event } = intent;
      return { kind: 'put', item: { ...reminderKeys.outbox(event.caseId, event.seq), entity: 'outbox', ...event, ...dueAttributes(event.eventId, intent.dueAt) }, ifAbsent: true };
    }
    case 'inbound.attach':
      return { kind: 'put', item: inboundToStore(intent.record), ifAbsent: true };
    case 'inbound.link':
      return {
        kind: 'update',
        key: keys.inboundMail(intent.mailId),
        set: { mailStatus: 'gekoppeld', ...intent.link },
        remove: [GSI3.partitionKey, GSI3.sortKey],
        condition: 'mailStatus = :unmatched',
        conditionValues: { ':unmatched': 'niet-gekoppeld' },
      };
  }
}

/** A change's intents in store form, in order. */
export function storeEffectsOf(intents: readonly CaseIntent[]): StoreEffect[] {
  return intents.map(storeEffectOf);
}
