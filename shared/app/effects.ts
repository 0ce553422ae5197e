/**
 * What a change implies besides the case and its event: reminders for the new deadlines, cancelled reminders for
 * met deadlines, Wonen queue items, outbox events. Each concern contributes a planner; all their writes are
 * committed in the same transaction as the case change.
 */
import type { CaseEvent, CaseState } from '#domain/case.js';
import { deadlineIndexPlanner } from './deadlines.js';
import { monitorPlanner } from './monitor/planner.js';
import type { CaseItems, CaseIntent } from './ports.js';
import { REMINDER_PLANNERS } from './reminders/planners.js';
import { retentionPlanner } from './retention.js';
import { wonenQueuePlanner } from './wonen/planner.js';

export interface ChangeContext {
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

export type EffectPlanner = (change: ChangeContext, existing: ExistingItems) => CaseIntent[];

/** What other concerns already stored for the case (e.g. pending reminders), loaded once per change. */
export type ExistingItems = CaseItems;

/** The planners of all concerns, in the order their writes are added to the transaction. */
const PLANNERS: EffectPlanner[] = [deadlineIndexPlanner, ...REMINDER_PLANNERS, wonenQueuePlanner, retentionPlanner, monitorPlanner];

export function planEffects(change: ChangeContext, existing: ExistingItems): CaseIntent[] {
  return PLANNERS.flatMap((planner) => planner(change, existing));
}
