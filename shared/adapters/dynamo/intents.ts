/**
 * The one place a change's intents (app/ports.ts `CaseIntent`) become table items: keys, index attributes, entity
 * marks and conditions. The case store writes what this returns in the change's transaction; pure tests apply it to a
 * Map (test/support/effects.ts), so they see the same items the table gets.
 */
import { createHash } from 'node:crypto';
import type { CaseIntent, CaseWrite, StoreEffect } from '#app/ports.js';
import type { MonitorFact } from '#domain/monitor.js';
import { monthOf } from '#domain/retention.js';
import { ENTITIES, keys, TABLE } from './table.js';
import { inboundToStore, queueIndex, wonenItemToStore } from './wonen-items.js';

const GSI3 = TABLE.indexes.byQueue;

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
          [GSI3.sortKey]: `${deadline.dueAt}#${caseId}#${deadline.deadlineId}`,
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

/** Intents in store form; store-form effects (the concerns not yet speaking intents) pass unchanged. */
export function storeEffectsOf(writes: readonly CaseWrite[]): StoreEffect[] {
  return writes.map((write) => (isIntent(write) ? storeEffectOf(write) : write));
}

function isIntent(write: CaseWrite): write is CaseIntent {
  return write.kind.includes('.');
}
