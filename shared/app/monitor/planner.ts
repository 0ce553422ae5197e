/**
 * The monitor planner: the anonymous counting facts of a change (shared/domain/monitor.ts), written as items of the
 * organisation's monthly partition in the same transaction as the change. Every item is keyed by a digest of the case
 * and the event (or deadline), so a repeated write lands on the same item: a commit never counts twice.
 */
import { createHash } from 'node:crypto';
import { keys } from '#adapters/dynamo/table.js';
import { organisationsOf } from '#domain/access.js';
import { stepOf } from '#domain/akkoord.js';
import { evaluateDeadlines, replayOrder } from '#domain/deadlines/index.js';
import { deadlinesAfter } from '../change-deadlines.js';
import { deadlineFactChanges, eventFacts, type MonitorFact } from '#domain/monitor.js';
import { organisationsConcerned } from '../deadlines.js';
import type { EffectPlanner } from '../effects.js';
import type { StoreEffect } from '../ports.js';

export const MONITOR_ENTITY = 'monitor';

/** A one-way digest of the fact's seed: stable, and it does not spell a case id. */
export function factId(seed: string): string {
  return createHash('sha256').update(seed).digest('base64url').slice(0, 22);
}

function keyOf(fact: MonitorFact) {
  return keys.monitorFact(fact.organisationId, fact.month, fact.regio, fact.counter, factId(fact.seed));
}

function put(fact: MonitorFact): StoreEffect {
  return {
    kind: 'put',
    item: {
      ...keyOf(fact),
      entity: MONITOR_ENTITY,
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

export const monitorPlanner: EffectPlanner = (change) => {
  const { before, after, history, now } = change;
  // The step counts when it takes effect (with the corporatie's akkoord: then), dated as the form says.
  const event = stepOf(change) ?? change.event;
  const rootSeq = replayOrder(history).find((r) => r.event.seq === event.seq)?.rootSeq ?? event.seq;
  const facts = eventFacts({ before, after, event, history, organisations: organisationsOf(after), rootSeq });
  const previous = history.filter((e) => e.seq !== event.seq);
  const deadlines = deadlineFactChanges({
    caseId: after.caseId,
    regio: after.regio,
    before: before ? evaluateDeadlines({ case: before, history: previous, now }) : [],
    after: deadlinesAfter(change),
    organisationsBefore: (d) => (before ? organisationsConcerned(d, before) : []),
    organisationsAfter: (d) => organisationsConcerned(d, after),
  });
  return [...[...facts, ...deadlines.put].map(put), ...deadlines.remove.map((f): StoreEffect => ({ kind: 'delete', key: keyOf(f) }))];
};
