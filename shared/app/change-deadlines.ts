/**
 * The deadlines of a case after a change, evaluated once per change: the deadline index, the reminders and the
 * monitor figures all plan from them, in the same transaction.
 */
import { evaluateDeadlines, type Deadline } from '#domain/deadlines/index.js';
import type { ChangeContext } from './effects.js';

const evaluated = new WeakMap<ChangeContext, Deadline[]>();

export function deadlinesAfter(change: ChangeContext): Deadline[] {
  let deadlines = evaluated.get(change);
  if (!deadlines) {
    deadlines = evaluateDeadlines({ case: change.after, history: change.history, now: change.now });
    evaluated.set(change, deadlines);
  }
  return deadlines;
}
