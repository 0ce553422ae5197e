/**
 * The Wonen queue's part of every change (shared/app/effects.ts): a submission that needs Wonen opens a queue item,
 * a decision form closes it, both in the same transaction as the form. The rules are in shared/domain/wonen-queue.ts.
 */
import { countedHistory, stepOf } from '#domain/akkoord.js';
import { planQueue, type QueueOperation } from '#domain/wonen-queue.js';
import type { EffectPlanner } from '../effects.js';
import type { CaseIntent } from '../ports.js';

export const wonenQueuePlanner: EffectPlanner = (change, existing) => {
  // A form waiting for the corporatie's akkoord is not with Wonen yet; the akkoord sends it on (akkoord.ts).
  const step = stepOf(change);
  if (!step) return [];
  const ops = planQueue({ before: change.before, after: change.after, event: step, history: countedHistory(change.history), items: existing.wonenItems });
  return ops.map((op) => intentOf(op, change.now));
};

function intentOf(op: QueueOperation, now: string): CaseIntent {
  switch (op.op) {
    case 'create':
      return { kind: 'wonen.open', item: op.item };
    case 'close':
      // The decision wins over a concurrent "in behandeling" (the adapter writes it unconditionally).
      return { kind: 'wonen.close', item: op.item, decision: op.decision, decidedOn: op.decidedOn, decidedBySeq: op.decidedBySeq, at: now };
    case 'reproject':
      return { kind: 'wonen.reproject', item: op.item, projection: op.projection, at: now };
  }
}
