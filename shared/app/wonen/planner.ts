/**
 * The Wonen queue's part of every change (shared/app/effects.ts): a submission that needs Wonen opens a queue item,
 * a decision form closes it, both in the same transaction as the form. The rules are in shared/domain/wonen-queue.ts.
 */
import { keys } from '#adapters/dynamo/table.js';
import { countedHistory, stepOf } from '#domain/akkoord.js';
import { planQueue, type QueueOperation } from '#domain/wonen-queue.js';
import type { EffectPlanner } from '../effects.js';
import type { StoreEffect } from '../ports.js';
import { queueIndex, wonenItemToStore } from './records.js';

export const wonenQueuePlanner: EffectPlanner = (change, existing) => {
  // A form waiting for the corporatie's akkoord is not with Wonen yet; the akkoord sends it on (akkoord.ts).
  const step = stepOf(change);
  if (!step) return [];
  const ops = planQueue({ before: change.before, after: change.after, event: step, history: countedHistory(change.history), items: existing.wonenItems });
  return ops.map((op) => toEffect(op, change.now));
};

function toEffect(op: QueueOperation, now: string): StoreEffect {
  switch (op.op) {
    case 'create':
      // One item per submitting event: a replayed transaction can never create it twice.
      return { kind: 'put', item: wonenItemToStore(op.item), ifAbsent: true };
    case 'close':
      // Unconditional: the decision wins over a concurrent "in behandeling" (which is conditional on an open status).
      return {
        kind: 'update',
        key: keys.wonenItem(op.item.caseId, op.item.seq),
        set: {
          status: 'besloten',
          ...queueIndex(op.item, 'besloten'),
          decision: op.decision,
          decidedOn: op.decidedOn,
          decidedBySeq: op.decidedBySeq,
          statusChangedAt: now,
        },
      };
    case 'reproject':
      return { kind: 'update', key: keys.wonenItem(op.item.caseId, op.item.seq), set: { projection: op.projection, correctedAt: now } };
  }
}
