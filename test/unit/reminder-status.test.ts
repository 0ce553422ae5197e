/**
 * The reminder status machine (#domain/reminder-status) and the DynamoDB adapter that obeys it: the laws of the
 * table (a sent stage is never sent again, only the claim leads into and out of `sending`), and every conditional
 * write of DynamoReminderStore and of the reminder planner checked against the table's rows.
 */
import fc from 'fast-check';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  DUE_STATUSES,
  isDueStatus,
  nextReminderStatus,
  REMINDER_STATUSES,
  REMINDER_TRANSITIONS,
  type ReminderStatus,
  type ReminderTransitionName,
} from '../../shared/domain/reminder-status.js';
import { statusCondition, type ReminderItem } from '../../shared/adapters/dynamo/reminder-items.js';
import { DynamoReminderStore } from '../../shared/adapters/dynamo/reminder-store.js';

const NAMES = Object.keys(REMINDER_TRANSITIONS) as ReminderTransitionName[];
const step = fc.record({ transition: fc.constantFrom(...NAMES), holdsClaim: fc.boolean() });

/** Walks the table from `status`: each step moves when the table allows it and stays otherwise (the write fails). */
function walk(status: ReminderStatus, steps: { transition: ReminderTransitionName; holdsClaim: boolean }[]): ReminderStatus[] {
  const seen = [status];
  for (const s of steps) seen.push(nextReminderStatus(seen.at(-1)!, s.transition, s.holdsClaim) ?? seen.at(-1)!);
  return seen;
}

describe('the status table', () => {
  it('never moves a sent or failed stage again, whatever is tried', () => {
    fc.assert(
      fc.property(fc.constantFrom<ReminderStatus>('sent', 'failed'), fc.array(step, { maxLength: 30 }), (final, steps) => {
        expect(new Set(walk(final, steps))).toEqual(new Set([final]));
      }),
    );
  });

  it('reaches sending only by a claim, and leaves it for pending or failed only with the claim', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REMINDER_STATUSES), fc.array(step, { maxLength: 30 }), (start, steps) => {
        let status = start;
        for (const s of steps) {
          const next = nextReminderStatus(status, s.transition, s.holdsClaim) ?? status;
          if (next === 'sending' && status !== 'sending') expect(s.transition).toBe('claim');
          if (status === 'sending' && (next === 'pending' || next === 'failed')) expect(s.holdsClaim).toBe(true);
          status = next;
        }
      }),
    );
  });

  it('marks a stage sent from every status in which SES may have accepted it, but never resends a sent one', () => {
    for (const status of ['pending', 'sending', 'unconfirmed'] as const) expect(nextReminderStatus(status, 'confirmFromSes')).toBe('sent');
    for (const name of NAMES) expect(nextReminderStatus('sent', name, true)).toBeUndefined();
  });

  it('lets the planner touch only pending and cancelled stages (never one being sent or sent)', () => {
    const planner = NAMES.filter((name) => REMINDER_TRANSITIONS[name].by === 'planner');
    expect(new Set(planner.flatMap((name) => REMINDER_TRANSITIONS[name].from))).toEqual(new Set(['pending', 'cancelled']));
  });

  it('reaches every status from pending but the no longer entered `unconfirmed`', () => {
    const reached = new Set<ReminderStatus>(['pending']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const name of NAMES) {
        const move = REMINDER_TRANSITIONS[name];
        if (move.from.some((s) => reached.has(s)) && !reached.has(move.to)) {
          reached.add(move.to);
          changed = true;
        }
      }
    }
    expect([...reached].sort()).toEqual(REMINDER_STATUSES.filter((s) => s !== 'unconfirmed').sort());
    expect(NAMES.some((name) => (REMINDER_TRANSITIONS[name].to as ReminderStatus) === 'unconfirmed')).toBe(false);
    expect(DUE_STATUSES).toEqual(['pending', 'sending']);
  });
});

interface Captured {
  ConditionExpression?: string;
  UpdateExpression?: string;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/** The UpdateItem each store transition sends, captured instead of sent. */
async function captured(call: (store: DynamoReminderStore) => Promise<boolean>): Promise<Captured> {
  const sent: Captured[] = [];
  const db = { send: async (command: { input: Captured }) => (sent.push(command.input), {}) } as unknown as DynamoDBDocumentClient;
  expect(await call(new DynamoReminderStore(db, 'omslagroute'))).toBe(true);
  return sent[0]!;
}

const KEY = { PK: 'CASE#c-1', SK: 'REM#d-1#vooraf' };
const NOW = '2026-12-03T08:00:00.000Z';
const STAGE = { ...KEY, entity: 'reminder', reminderId: 'rem-1', reminderStatus: 'pending', GSI2SK: `${NOW}#rem-1` } as ReminderItem;

const STORE_TRANSITIONS: Record<Exclude<ReminderTransitionName, 'replan' | 'cancel'>, (store: DynamoReminderStore) => Promise<boolean>> = {
  lease: (s) => s.lease(STAGE, NOW, NOW),
  claim: (s) => s.claim(KEY, { reminderId: 'rem-1', token: 't', now: NOW, claimUntil: NOW }),
  supersede: (s) => s.cancelPending(KEY, 'ingehaald', NOW),
  failUndeliverable: (s) => s.markFailed(KEY, 'geen-ontvanger', NOW),
  markSent: (s) => s.markSent(KEY, 't', { now: NOW, messageId: 'm', recipients: ['a@example.org'], unresolved: [] }),
  release: (s) => s.release(KEY, { reminderId: 'rem-1', token: 't', retryAt: NOW }),
  reject: (s) => s.markFailed(KEY, 'afgewezen', NOW, 't'),
  releaseInDoubt: (s) => s.releaseInDoubt(KEY, { reminderId: 'rem-1', token: 't', now: NOW }),
  confirmFromSes: (s) => s.confirmSent(KEY, { reminderId: 'rem-1', sesMessageId: 'm', at: NOW }),
};

describe('the DynamoDB reminder store obeys the table', () => {
  for (const [name, call] of Object.entries(STORE_TRANSITIONS) as [ReminderTransitionName, (s: DynamoReminderStore) => Promise<boolean>][]) {
    it(`${name}: conditional on the table's from-statuses, writes its to-status, in the due index exactly while due`, async () => {
      const input = await captured(call);
      const move = REMINDER_TRANSITIONS[name];
      const derived = statusCondition(name);
      expect(input.ConditionExpression).toContain(derived.condition);
      const values = input.ExpressionAttributeValues ?? {};
      const allowed = Object.keys(derived.conditionValues).map((placeholder) => values[placeholder]);
      expect(new Set(allowed)).toEqual(new Set(move.from));
      if ('ownClaim' in move) expect(input.ConditionExpression).toContain('claimToken = :token');
      else expect(input.ConditionExpression).not.toContain('claimToken');
      if (move.to !== move.from[0] || move.from.length > 1) expect(input.UpdateExpression).toContain(derived.set);
      // Out of the due index (the sparse GSI2) exactly when the new status is not a due one.
      expect(/REMOVE[^]*#pk, #sk/.test(input.UpdateExpression ?? '')).toBe(!isDueStatus(move.to));
    });
  }

  it('spells every status condition the same way (derived from the table, nothing by hand)', () => {
    expect(statusCondition('confirmFromSes').condition).toBe('reminderStatus IN (:pending, :sending, :unconfirmed)');
    expect(statusCondition('markSent').condition).toBe('reminderStatus = :sending AND claimToken = :token');
    expect(statusCondition('cancel', 'rem')).toMatchObject({ condition: 'reminderStatus = :remPending', conditionValues: { ':remPending': 'pending' } });
    expect(statusCondition('replan', 'rem').conditionValues).toEqual({ ':remPending': 'pending', ':remCancelled': 'cancelled' });
  });
});
