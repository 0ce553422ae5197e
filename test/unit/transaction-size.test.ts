/**
 * Every accepted form is ONE DynamoDB transaction: the case, its event, memberships, idempotency record and every
 * concern's effects (reminders, cancellations, deadline index, Wonen queue, outbox, monitor facts). DynamoDB refuses
 * a transaction of more than 100 items, so a form whose effects grew past that could never be submitted. This walks
 * every form of the route the way the store would see it (effects applied to a simulated partition, so
 * cancellations see the reminders earlier forms wrote) and checks the largest transaction keeps a wide margin.
 */
import { describe, expect, it } from 'vitest';
import { planEffects } from '../../shared/app/effects.js';
import { amsterdamInstant, addDays } from '../../shared/domain/calendar.js';
import { organisationsOf } from '../../shared/domain/access.js';
import { ACTIONS, type Action } from '../../shared/domain/phases.js';
import { applyEffects, partitionOf, type Table } from '../support/effects.js';
import { applyForm, caseOverridesFor, FIXTURE_TODAY, newCase, STEPS_BEFORE, validInput, type CaseFile } from './forms.fixtures.js';
import { caseItemsOf } from '../../shared/adapters/dynamo/case-items.js';

const DYNAMODB_TRANSACTION_LIMIT = 100;
/** Room for what a later concern may add without anyone noticing. */
const MARGIN = 25;

/** Items per transaction for each step of the walk to `action` and `action` itself. */
function transactionSizes(action: Action, today: string, submittedOn: string = today): Array<{ action: Action; items: number }> {
  let file: CaseFile = newCase(caseOverridesFor(action), today);
  const table: Table = new Map();
  const sizes: Array<{ action: Action; items: number }> = [];
  for (const step of [...STEPS_BEFORE[action], { action, overrides: undefined }]) {
    const before = file.state;
    const { state: after, history, event } = applyForm(file, step.action, validInput(step.action, step.overrides ?? {}, today), { today: submittedOn });
    const existing = partitionOf(table, `CASE#${before.caseId}`);
    const effects = planEffects({ before, after, event, history, now: amsterdamInstant(submittedOn, 12) }, caseItemsOf(existing));
    applyEffects(table, effects);
    const memberships = new Set([...organisationsOf(before), ...organisationsOf(after)]).size;
    // case + event + memberships (put or delete) + idempotency record + effects
    sizes.push({ action: step.action, items: 2 + memberships + 1 + effects.length });
    file = { state: after, history };
  }
  return sizes;
}

describe('one transaction per form', () => {
  it(`stays well inside DynamoDB's ${DYNAMODB_TRANSACTION_LIMIT}-item limit on every form of the route`, () => {
    const largest = ACTIONS.flatMap((action) => transactionSizes(action, FIXTURE_TODAY)).sort((a, b) => b.items - a.items)[0]!;
    expect(largest.items, `${largest.action} writes ${largest.items} items`).toBeLessThanOrEqual(DYNAMODB_TRANSACTION_LIMIT - MARGIN);
  });

  it('stays inside the limit when the forms come late (deadlines overdue, monitor facts for missed deadlines)', () => {
    // Every form registered two years after the day it records: every clock the earlier forms started is long past.
    const late = addDays(FIXTURE_TODAY, 730);
    const largest = ACTIONS.flatMap((action) => transactionSizes(action, FIXTURE_TODAY, late)).sort((a, b) => b.items - a.items)[0]!;
    expect(largest.items, `${largest.action} writes ${largest.items} items`).toBeLessThanOrEqual(DYNAMODB_TRANSACTION_LIMIT - MARGIN);
  });
});
