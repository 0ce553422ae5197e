/**
 * The sender's decisions per record, with an in-memory store that keeps the same conditions as the DynamoDB adapter:
 * which outcomes ack, which are redelivered, and that only a proven "not sent" releases the claim.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaseState } from '../../shared/domain/case.js';
import { AdjustableClock } from '../../shared/domain/clock.js';
import type { Mailer, OutgoingMail } from '../../shared/app/ports.js';
import { loadDirectory } from '../../shared/app/directory.js';
import { CLAIM_SAFETY_MS, sendReminderBatch } from '../../shared/app/reminders/send.js';
import { sendPacer } from '../../shared/app/reminders/pacing.js';
import type { ReminderOutcome, ReminderStore, SenderDeps } from '../../shared/app/reminders/ports.js';
import { RecipientFilter } from '../../shared/app/mail-health/suppression.js';
import { dueAttributes, reminderIdOf, reminderKeys, type ReminderItem, type ReminderKey } from '../../shared/adapters/dynamo/reminder-items.js';

const NOW = '2026-05-27T06:05:00.000Z';

const CASE: CaseState = {
  caseId: 'case-1',
  reference: 'OMS-2026-000777',
  regio: 'amsterdam',
  route: 'MO',
  doelgroep: 'volwassene',
  clientPseudonym: 'J.D.',
  zorgaanbiederId: 'za-hvo-querido',
  corporatieId: 'corp-ymere',
  phase: 'herstelfase',
  version: 3,
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-05-22T10:00:00.000Z',
  facts: {},
};

function stage(overrides: Partial<ReminderItem> = {}): ReminderItem {
  const deadlineId = overrides.deadlineId ?? 'overlast-reactie:M-1';
  const stageName = overrides.stage ?? 'vandaag';
  const reminderId = reminderIdOf('case-1', deadlineId, stageName);
  const fireAt = overrides.fireAt ?? '2026-05-27T06:00:00.000Z';
  return {
    ...reminderKeys.reminder('case-1', deadlineId, stageName),
    entity: 'reminder',
    kind: 'deadline',
    reminderId,
    caseId: 'case-1',
    reference: CASE.reference,
    deadlineId,
    ruleId: 'overlast-reactie',
    ruleKind: 'termijn',
    title: 'Overlastmelding: contact binnen twee werkdagen',
    actor: 'zorgaanbieder',
    stage: stageName,
    to: ['meldpunt', 'begeleider'],
    dueDate: '2026-05-27',
    fireAt,
    begeleiderUserId: 'begeleider-1',
    reminderStatus: 'pending',
    plannedAt: '2026-05-22T10:00:00.000Z',
    ...dueAttributes(reminderId, fireAt),
    ...overrides,
  };
}

class MemoryStore implements ReminderStore {
  items = new Map<string, ReminderItem>();
  cases = new Map<string, CaseState>([[CASE.caseId, CASE]]);
  put(item: ReminderItem) {
    this.items.set(item.SK, { ...item });
  }
  get(key: ReminderKey) {
    return this.items.get(key.SK);
  }
  private update(key: ReminderKey, when: (i: ReminderItem) => boolean, change: (i: ReminderItem) => ReminderItem): boolean {
    const item = this.items.get(key.SK);
    if (!item || !when(item)) return false;
    this.items.set(key.SK, change(item));
    return true;
  }
  async getReminder(key: ReminderKey) {
    const item = this.items.get(key.SK);
    return item ? { ...item } : undefined;
  }
  async getCase(caseId: string) {
    return this.cases.get(caseId);
  }
  async claim(key: ReminderKey, c: { reminderId: string; token: string; now: string; claimUntil: string }) {
    return this.update(key, (i) => i.reminderStatus === 'pending' && i.fireAt <= c.now, (i) => ({ ...i, reminderStatus: 'sending', claimToken: c.token, claimedAt: c.now, GSI2SK: `${c.claimUntil}#${i.reminderId}` }));
  }
  async markSent(key: ReminderKey, token: string, s: { now: string; messageId: string; recipients: string[] }) {
    return this.update(key, (i) => i.reminderStatus === 'sending' && i.claimToken === token, ({ GSI2PK: _pk, GSI2SK: _sk, ...i }) => ({ ...i, reminderStatus: 'sent', sentAt: s.now, messageId: s.messageId, recipients: s.recipients }));
  }
  async release(key: ReminderKey, r: { reminderId: string; token: string; retryAt: string }) {
    return this.update(key, (i) => i.reminderStatus === 'sending' && i.claimToken === r.token, ({ claimToken: _t, claimedAt: _c, ...i }) => ({ ...i, reminderStatus: 'pending', GSI2SK: `${r.retryAt}#${i.reminderId}` }));
  }
  async markFailed(key: ReminderKey, reason: string, now: string, token?: string) {
    return this.update(key, (i) => (token ? i.reminderStatus === 'sending' && i.claimToken === token : i.reminderStatus === 'pending'), ({ GSI2PK: _pk, GSI2SK: _sk, ...i }) => ({ ...i, reminderStatus: 'failed', failReason: reason, failedAt: now }));
  }
  async cancelPending(key: ReminderKey, reason: string, now: string) {
    return this.update(key, (i) => i.reminderStatus === 'pending', ({ GSI2PK: _pk, GSI2SK: _sk, ...i }) => ({ ...i, reminderStatus: 'cancelled', cancelReason: reason, cancelledAt: now }));
  }
  async queryDue(): Promise<never> {
    throw new Error('not used by the sender');
  }
  async lease(): Promise<never> {
    throw new Error('not used by the sender');
  }
  async releaseInDoubt(): Promise<never> {
    throw new Error('not used by the sender');
  }
  async confirmSent(): Promise<never> {
    throw new Error('not used by the sender');
  }
  async markPublished(): Promise<never> {
    throw new Error('not used by the sender');
  }
  async releaseOutbox(): Promise<never> {
    throw new Error('not used by the sender');
  }
}

class MemoryMailer implements Mailer {
  sent: OutgoingMail[] = [];
  failWith: unknown[] = [];
  async send(mail: OutgoingMail) {
    const error = this.failWith.shift();
    if (error) throw error;
    this.sent.push(mail);
    return { messageId: `m-${this.sent.length}` };
  }
}

let store: MemoryStore;
let mailer: MemoryMailer;
let outcomes: ReminderOutcome[];
let deps: SenderDeps;

beforeEach(() => {
  store = new MemoryStore();
  mailer = new MemoryMailer();
  outcomes = [];
  let n = 0;
  deps = {
    store,
    mailer,
    directory: loadDirectory(),
    clock: new AdjustableClock(NOW),
    config: { leaseMinutes: 15, claimTimeoutMinutes: 10, outboxRetentionDays: 7, appBaseUrl: 'https://omslagroute.example' },
    newToken: () => `token-${++n}`,
    observe: (o) => outcomes.push(o),
  };
});

function record(item: ReminderItem, messageId = 'msg-1') {
  return { messageId, body: JSON.stringify({ reminderId: item.reminderId, caseId: item.caseId, stage: item.stage, key: { PK: item.PK, SK: item.SK } }) };
}

const throttled = () => Object.assign(new Error('Maximum sending rate exceeded'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });

describe('sender decisions', () => {
  it('sends once, with tags and the resolved addresses, and marks the stage sent (out of the due index)', async () => {
    const item = stage();
    store.put(item);
    expect(await sendReminderBatch(deps, [record(item)])).toEqual({ batchItemFailures: [] });
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({ to: ['meldpunt-overlast@hvo-querido.example', 'begeleider.een@hvo-querido.example'], tags: { reminderId: item.reminderId, stage: 'vandaag' } });
    expect(store.get(item)).toMatchObject({ reminderStatus: 'sent', messageId: 'm-1', claimToken: 'token-1' });
    expect(store.get(item)!.GSI2SK).toBeUndefined();
    // The same record again (duplicate delivery): acked, not sent.
    expect(await sendReminderBatch(deps, [record(item)])).toEqual({ batchItemFailures: [] });
    expect(mailer.sent).toHaveLength(1);
  });

  it('sends a suppressed (bounced) recipient’s mail to its organisation’s mailbox; with nobody deliverable the stage fails, unsent', async () => {
    const suppressedOnly = (addresses: string[]) => new RecipientFilter({ suppressedAmong: async () => new Set(addresses) }, deps.directory);
    const item = stage();
    store.put(item);
    deps.suppressions = suppressedOnly(['begeleider.een@hvo-querido.example']);
    await sendReminderBatch(deps, [record(item)]);
    expect(mailer.sent[0]!.to).toEqual(['meldpunt-overlast@hvo-querido.example', 'omslagroute@hvo-querido.example']);

    const other = stage({ deadlineId: 'd-undeliverable' });
    store.put(other);
    deps.suppressions = suppressedOnly(['begeleider.een@hvo-querido.example', 'meldpunt-overlast@hvo-querido.example', 'omslagroute@hvo-querido.example']);
    expect(await sendReminderBatch(deps, [record(other)])).toEqual({ batchItemFailures: [] });
    expect(mailer.sent).toHaveLength(1);
    expect(store.get(other)).toMatchObject({ reminderStatus: 'failed' });
    expect(outcomes.at(-1)).toMatchObject({ type: 'failed', reason: 'geen-ontvanger:onbestelbaar' });
  });

  it('processes a batch record by record: one throttled record is the only failure', async () => {
    const items = ['vooraf', 'vandaag', 'escalatie'].map((s, i) => stage({ stage: s, deadlineId: `d-${i}`, fireAt: '2026-05-27T06:00:00.000Z' }));
    items.forEach((i) => store.put(i));
    mailer.failWith = [undefined, throttled(), throttled(), throttled()];
    const result = await sendReminderBatch(deps, items.map((i, n) => record(i, `msg-${n}`)), { throttleBackoffMs: 0 });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }]);
    expect(mailer.sent).toHaveLength(2);
    expect(store.get(items[1]!)).toMatchObject({ reminderStatus: 'pending', GSI2SK: `2026-05-27T06:20:00.000Z#${items[1]!.reminderId}` });
    expect(store.get(items[1]!)!.claimToken).toBeUndefined();
    expect(outcomes.filter((o) => o.type === 'released')).toHaveLength(1);
  });

  it('absorbs two throttles inside the claim', async () => {
    const item = stage();
    store.put(item);
    mailer.failWith = [throttled(), throttled()];
    expect(await sendReminderBatch(deps, [record(item)], { throttleBackoffMs: 0 })).toEqual({ batchItemFailures: [] });
    expect(mailer.sent).toHaveLength(1);
  });

  it('an answer in doubt keeps the claim: redelivered, and the redelivery does not resend', async () => {
    const item = stage();
    store.put(item);
    mailer.failWith = [Object.assign(new Error('socket hang up'), { name: 'TimeoutError' })];
    expect((await sendReminderBatch(deps, [record(item)])).batchItemFailures).toHaveLength(1);
    expect(store.get(item)!.reminderStatus).toBe('sending');
    expect((await sendReminderBatch(deps, [record(item)])).batchItemFailures).toHaveLength(0);
    expect(mailer.sent).toHaveLength(0);
    expect(outcomes.map((o) => o.type)).toEqual(['in-doubt', 'skipped']);
  });

  it('a permanent rejection marks the stage failed (no retry loop)', async () => {
    const item = stage();
    store.put(item);
    mailer.failWith = [Object.assign(new Error('Email address is not verified'), { name: 'MessageRejected' })];
    expect((await sendReminderBatch(deps, [record(item)])).batchItemFailures).toHaveLength(0);
    expect(store.get(item)).toMatchObject({ reminderStatus: 'failed', failReason: 'afgewezen:MessageRejected' });
  });

  it('nobody to send to (corporatie only, no consent recorded): failed, for a human', async () => {
    const item = stage({ to: ['corporatie'] });
    store.put(item);
    expect((await sendReminderBatch(deps, [record(item)])).batchItemFailures).toHaveLength(0);
    expect(store.get(item)).toMatchObject({ reminderStatus: 'failed', failReason: 'geen-ontvanger:corporatie' });
    expect(mailer.sent).toHaveLength(0);
  });

  it('not yet due (fireAt moved after dispatch): acked, nothing sent, still pending', async () => {
    const item = stage({ fireAt: '2026-05-28T06:00:00.000Z' });
    store.put(item);
    expect((await sendReminderBatch(deps, [record(item)])).batchItemFailures).toHaveLength(0);
    expect(store.get(item)!.reminderStatus).toBe('pending');
    expect(mailer.sent).toHaveLength(0);
  });

  it('superseded by the next stage that is due too: cancelled as ingehaald', async () => {
    const item = stage({ stage: 'vooraf', fireAt: '2026-05-26T06:00:00.000Z', nextStageAt: '2026-05-27T06:00:00.000Z' });
    store.put(item);
    await sendReminderBatch(deps, [record(item)]);
    expect(store.get(item)).toMatchObject({ reminderStatus: 'cancelled', cancelReason: 'ingehaald' });
    expect(mailer.sent).toHaveLength(0);
  });

  it('too little time left in the invocation: not claimed, redelivered', async () => {
    const item = stage();
    store.put(item);
    const result = await sendReminderBatch(deps, [record(item)], { remainingMs: () => CLAIM_SAFETY_MS - 1 });
    expect(result.batchItemFailures).toHaveLength(1);
    expect(store.get(item)!.reminderStatus).toBe('pending');
  });

  it('waits for its send slot before the claim; a slot beyond the invocation’s time leaves the stage pending, redelivered', async () => {
    let now = 0;
    const slept: number[] = [];
    const pacer = sendPacer({ accountRate: async () => 2, senders: 1, nowMs: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)) });
    const first = stage({ deadlineId: 'overlast-reactie:M-1' });
    const second = stage({ deadlineId: 'overlast-reactie:M-2' });
    const third = stage({ deadlineId: 'overlast-reactie:M-3' });
    for (const item of [first, second, third]) store.put(item);
    const paced = { ...deps, pacer };
    expect(await sendReminderBatch(paced, [record(first, 'a'), record(second, 'b')])).toEqual({ batchItemFailures: [] });
    expect(slept).toEqual([500]);
    expect(mailer.sent).toHaveLength(2);
    // 500 ms to the next slot, and only the claim's safety margin left: not claimed.
    const result = await sendReminderBatch(paced, [record(third, 'c')], { remainingMs: () => CLAIM_SAFETY_MS + 499 });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'c' }]);
    expect(store.get(third)!.reminderStatus).toBe('pending');
    expect(mailer.sent).toHaveLength(2);
  });

  it('a body that is not a reminder message is redelivered (towards the DLQ); a cancelled stage is acked', async () => {
    expect((await sendReminderBatch(deps, [{ messageId: 'x', body: 'not json' }])).batchItemFailures).toEqual([{ itemIdentifier: 'x' }]);
    const item = stage({ reminderStatus: 'cancelled' });
    store.put(item);
    expect((await sendReminderBatch(deps, [record(item)])).batchItemFailures).toHaveLength(0);
    expect(mailer.sent).toHaveLength(0);
  });
});
