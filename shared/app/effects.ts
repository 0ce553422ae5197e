/**
 * What a change implies besides the case and its event: reminders for the new deadlines, cancelled reminders for
 * met deadlines, Wonen queue items, outbox events. Each concern contributes a planner; all their writes are
 * committed in the same transaction as the case change.
 */
import { stepOf } from '#domain/akkoord.js';
import type { CaseEvent, CaseState } from '#domain/case.js';
import { evaluateDeadlines, type Deadline } from '#domain/deadlines/index.js';
import { deadlineIndexPlanner } from './deadlines.js';
import { monitorPlanner } from './monitor/planner.js';
import type { CaseItems, CaseIntent } from './ports.js';
import { REMINDER_PLANNERS } from './reminders/planners.js';
import { retentionPlanner } from './retention.js';
import { wonenQueuePlanner } from './wonen/planner.js';

export interface ChangeInput {
  before: CaseState | undefined;
  after: CaseState;
  event: CaseEvent;
  /**
   * The step that takes effect with this change, as the rules read it (akkoord.ts), when it is not `event` itself:
   * `null` while a form waits for the corporatie's akkoord; the accepted submission (counted from now) when the
   * akkoord is given. Read it with `stepOf`.
   */
  step?: CaseEvent | null;
  /** The full history including `event`. */
  history: CaseEvent[];
  now: string;
}

/** A change as the planners see it: with the deadlines before and after it, evaluated once for all of them. */
export interface ChangeContext extends ChangeInput {
  /**
   * The engine's deadlines without the step that takes effect (the history minus that event), at `now`: compared with
   * `deadlinesAfter` at the same instant, only the step makes a difference, never time passing. Empty for a new case.
   */
  deadlinesBefore: Deadline[];
  /** The engine's deadlines on the full history, at `now`. */
  deadlinesAfter: Deadline[];
}

/** Evaluates the change's deadlines once (the deadline index, the reminders, retention and the monitor plan from them). */
export function changeContext(input: ChangeInput): ChangeContext {
  const { before, after, history, now } = input;
  const step = stepOf(input) ?? input.event;
  const previous = history.filter((e) => e.seq !== step.seq);
  return {
    ...input,
    deadlinesBefore: before ? evaluateDeadlines({ case: before, history: previous, now }) : [],
    deadlinesAfter: evaluateDeadlines({ case: after, history, now }),
  };
}

export type EffectPlanner = (change: ChangeContext, existing: ExistingItems) => CaseIntent[];

/** What other concerns already stored for the case (e.g. pending reminders), loaded once per change. */
export type ExistingItems = CaseItems;

/** The planners of all concerns, in the order their writes are added to the transaction. */
const PLANNERS: EffectPlanner[] = [deadlineIndexPlanner, ...REMINDER_PLANNERS, wonenQueuePlanner, retentionPlanner, monitorPlanner];

export function planEffects(input: ChangeInput, existing: ExistingItems): CaseIntent[] {
  const change = changeContext(input);
  return PLANNERS.flatMap((planner) => planner(change, existing));
}
