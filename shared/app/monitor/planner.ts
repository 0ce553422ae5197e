/**
 * The monitor planner: the anonymous counting facts of a change (shared/domain/monitor.ts), written as items of the
 * organisation's monthly partition in the same transaction as the change. The adapter keys every item by a digest of
 * the fact's seed (the case and the event or deadline), so a repeated write lands on the same item: a commit never
 * counts twice.
 */
import { organisationsOf } from '#domain/access.js';
import { stepOf } from '#domain/akkoord.js';
import { replayOrder } from '#domain/deadlines/index.js';
import { deadlineFactChanges, eventFacts } from '#domain/monitor.js';
import { organisationsConcerned } from '../deadlines.js';
import type { EffectPlanner } from '../effects.js';
import type { CaseIntent } from '../ports.js';

export const monitorPlanner: EffectPlanner = (change) => {
  const { before, after, history } = change;
  // The step counts when it takes effect (with the corporatie's akkoord: then), dated as the form says.
  const event = stepOf(change) ?? change.event;
  const rootSeq = replayOrder(history).find((r) => r.event.seq === event.seq)?.rootSeq ?? event.seq;
  const facts = eventFacts({ before, after, event, history, organisations: organisationsOf(after), rootSeq });
  const deadlines = deadlineFactChanges({
    caseId: after.caseId,
    regio: after.regio,
    before: change.deadlinesBefore,
    after: change.deadlinesAfter,
    organisationsBefore: (d) => (before ? organisationsConcerned(d, before) : []),
    organisationsAfter: (d) => organisationsConcerned(d, after),
  });
  return [
    ...[...facts, ...deadlines.put].map((fact): CaseIntent => ({ kind: 'monitor.fact', fact })),
    ...deadlines.remove.map((fact): CaseIntent => ({ kind: 'monitor.retract', fact })),
  ];
};
