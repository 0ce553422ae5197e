/**
 * The reminder pipeline's guarantees on the local stack (DynamoDB Local, fauxqs SQS, aws-ses-v2-local, the local
 * EventBridge stand-in), driving the real handlers: duplicate SQS delivery, two concurrent dispatchers, a crash
 * after the send, SES throttling, partial batch failure, the DLQ, and the outbox relay.
 */
import { SendMessageCommand, SQSClient, ReceiveMessageCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { beforeAll, afterEach, describe, expect, it } from 'vitest';
import { handler as dispatcherHandler } from '../../functions/reminder-dispatcher.js';
import { handler as senderHandler } from '../../functions/reminder-sender.js';
import { onReminderOutcome, replaceReminderPorts, type ReminderOverrides } from '../../shared/app/composition-root.js';
import type { Mailer } from '../../shared/app/ports.js';
import { aanvraagUrgentieBody, createCaseBody } from '../support/bodies.js';
import { callers, localApi, type TestApi } from '../support/api.js';
import { reminderHarness, sleep, type ReminderHarness } from '../support/reminders.js';

const START = '2026-06-08T08:00:00.000Z';
const TODAY = '2026-06-08';
let api: TestApi;
let h: ReminderHarness;

let dispatcher: ReturnType<typeof dispatcherHandler.with>;
let sender: ReturnType<typeof senderHandler.with>;
/** The reminder ports of the stack's handlers (its container's overrides). */
const overrideReminderDeps = (next: ReminderOverrides) => replaceReminderPorts(api.stack.container, next);

beforeAll(async () => {
  api = await localApi({ now: START });
  h = await reminderHarness(api);
  dispatcher = dispatcherHandler.with(api.stack.container);
  sender = senderHandler.with(api.stack.container);
});

afterEach(() => {
  overrideReminderDeps({ wrapMailer: undefined });
});

/** A case with an aanvraag urgentie: one notification to woonzaken, due now. */
async function caseWithAanvraag(): Promise<{ caseId: string; reference: string }> {
  const created = await api.post('/cases', callers.begeleider, createCaseBody());
  expect(created.status).toBe(201);
  const { caseId, reference } = created.body as { caseId: string; reference: string };
  const aanvraag = await api.post(`/cases/${caseId}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(TODAY));
  expect(aanvraag.status, JSON.stringify(aanvraag.body)).toBe(201);
  return { caseId, reference };
}

function count(type: string): { value: number; stop: () => void } {
  const counter = { value: 0, stop: () => {} };
  counter.stop = onReminderOutcome(api.stack.container, (o) => {
    if (o.type === type) counter.value += 1;
  });
  return counter;
}

async function melding(caseId: string) {
  const all = await h.reminders(caseId);
  const found = all.find((r) => r.kind === 'melding');
  expect(found).toBeDefined();
  return found!;
}

describe('notifications through the pipeline', () => {
  it('an aanvraag urgentie sends ONE mail to the woonzaken mailbox with the reference in the subject', async () => {
    const { caseId, reference } = await caseWithAanvraag();
    const stored = await melding(caseId);
    expect(stored).toMatchObject({ reminderStatus: 'pending', stage: 'melding', to: ['woonzaken'] });
    expect(stored.GSI2PK).toMatch(/^DUE#\d$/);
    const tick = await h.scheduler.tick();
    expect(tick.dispatched).toBeGreaterThanOrEqual(1);
    const mails = await h.mailsFor(reference);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: ['woonzaken.omslag@amsterdam.example'], subject: `[${reference}] Aanvraag urgentie onder voorwaarden` });
    expect(mails[0]!.text).toContain(`/cases/${caseId}`);
    const sent = await melding(caseId);
    expect(sent).toMatchObject({ reminderStatus: 'sent', recipients: ['woonzaken.omslag@amsterdam.example'] });
    expect(sent.messageId).toBeTruthy();
    expect(sent.GSI2PK).toBeUndefined();
    expect(sent.GSI2SK).toBeUndefined();
    // Nothing more on later ticks.
    await h.scheduler.tick();
    expect(await h.mailsFor(reference)).toHaveLength(1);
  });
});

describe('exactly one e-mail', () => {
  it('duplicate SQS delivery: the same message twice on the queue, and the same record handled twice at once', async () => {
    const { caseId, reference } = await caseWithAanvraag();
    const dispatched = count('dispatched');
    await dispatcher({}, { getRemainingTimeInMillis: () => 60_000 });
    dispatched.stop();
    expect(dispatched.value).toBeGreaterThanOrEqual(1);
    const item = await melding(caseId);
    // A second copy of the message (SQS standard queues deliver at least once).
    const sqs = new SQSClient({});
    const body = JSON.stringify({ reminderId: item.reminderId, caseId, stage: item.stage, key: { PK: item.PK, SK: item.SK } });
    await sqs.send(new SendMessageCommand({ QueueUrl: h.scheduler.queues.queueUrl, MessageBody: body }));
    // …and the same record delivered to two concurrent sender invocations.
    const record = { messageId: 'dup-1', receiptHandle: '', body, attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: '', awsRegion: 'eu-west-1' };
    const event = { Records: [record] } as never;
    await Promise.all([sender(event), sender(event)]);
    await h.scheduler.tick();
    expect(await h.mailsFor(reference)).toHaveLength(1);
    expect((await melding(caseId)).reminderStatus).toBe('sent');
  });

  it('two concurrent dispatchers put each due stage on the queue once', async () => {
    const cases = [await caseWithAanvraag(), await caseWithAanvraag(), await caseWithAanvraag()];
    const dispatched = count('dispatched');
    const [a, b] = await Promise.all([
      dispatcher({}, { getRemainingTimeInMillis: () => 60_000 }),
      dispatcher({}, { getRemainingTimeInMillis: () => 60_000 }),
    ]);
    dispatched.stop();
    expect(a.dispatched + b.dispatched).toBe(3);
    expect(dispatched.value).toBe(3);
    // A third run while the lease holds finds nothing to dispatch.
    expect((await dispatcher({}, { getRemainingTimeInMillis: () => 60_000 })).dispatched).toBe(0);
    const attributes = await new SQSClient({}).send(
      new GetQueueAttributesCommand({ QueueUrl: h.scheduler.queues.queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(Number(attributes.Attributes?.ApproximateNumberOfMessages)).toBe(3);
    await h.scheduler.tick();
    for (const c of cases) expect(await h.mailsFor(c.reference)).toHaveLength(1);
  });

  it('a crash after the send (before the mark): SES\'s own Send event marks the stage sent; nothing is sent again', async () => {
    const { caseId, reference } = await caseWithAanvraag();
    const crashed: string[] = [];
    overrideReminderDeps({
      wrapMailer: (real: Mailer): Mailer => ({
        async send(mail) {
          const sent = await real.send(mail);
          crashed.push(sent.messageId);
          throw new Error('process died before the mark');
        },
      }),
    });
    await h.scheduler.tick();
    overrideReminderDeps({ wrapMailer: undefined });
    expect(crashed).toHaveLength(1);
    expect(await h.mailsFor(reference)).toHaveLength(1);
    // The local SES stand-in reported the Send event (tags: reminderId, stage, case, key) to ses-events (issue 16).
    const item = await melding(caseId);
    expect(item).toMatchObject({ reminderStatus: 'sent', messageId: crashed[0] });
    expect(item.GSI2PK).toBeUndefined();

    await sleep(1_100);
    api.stack.clock.advance(60 * 60_000);
    await h.scheduler.tick();
    expect(await h.mailsFor(reference)).toHaveLength(1);
  });

  it('SES fails in every way for a batch of due stages (500, timeout, throttling, reset, accepted-then-500): each is sent exactly once', async () => {
    const cases = await Promise.all(Array.from({ length: 6 }, () => caseWithAanvraag()));
    const err = (name: string, status?: number, code?: string) =>
      Object.assign(new Error(name), { name, ...(code ? { code } : {}), ...(status ? { $metadata: { httpStatusCode: status } } : {}) });
    // Per case, what SES does on the first attempt; then it recovers.
    const modes = ['500', 'timeout', 'throttling', 'reset', 'accepted-then-500', 'accepted-then-timeout'] as const;
    const modeOf = new Map(cases.map((c, i) => [c.reference, modes[i]!]));
    const failedOnce = new Set<string>();
    overrideReminderDeps({
      wrapMailer: (real: Mailer): Mailer => ({
        async send(mail) {
          const reference = [...modeOf.keys()].find((r) => mail.subject.includes(`[${r}]`));
          if (!reference || failedOnce.has(reference)) return real.send(mail);
          failedOnce.add(reference);
          switch (modeOf.get(reference)!) {
            case '500':
              throw err('InternalFailure', 500);
            case 'timeout': // the SDK's requestTimeout (a hang past the sender's timeout), nothing accepted
              throw err('TimeoutError', undefined, 'ETIMEDOUT');
            case 'throttling':
              throw err('TooManyRequestsException', 429);
            case 'reset':
              throw err('Error', undefined, 'ECONNRESET');
            case 'accepted-then-500':
              await real.send(mail);
              throw err('InternalFailure', 500);
            case 'accepted-then-timeout':
              await real.send(mail);
              throw err('TimeoutError', undefined, 'ETIMEDOUT');
          }
        },
      }),
    });
    await h.scheduler.tick();
    // Past the doubt wait (CLAIM_TIMEOUT_MINUTES, 10): stages without an SES event are released and sent again.
    for (let round = 0; round < 4; round++) {
      await sleep(1_100);
      api.stack.clock.advance(11 * 60_000);
      await h.scheduler.tick();
    }
    for (const c of cases) {
      expect((await h.mailsFor(c.reference)).length, modeOf.get(c.reference)).toBe(1);
      expect((await melding(c.caseId)).reminderStatus, modeOf.get(c.reference)).toBe('sent');
    }
  }, 60_000);

  it('SES throttling: nothing lost, eventually exactly one mail', async () => {
    const { caseId, reference } = await caseWithAanvraag();
    let throttles = 4;
    overrideReminderDeps({
      wrapMailer: (real: Mailer): Mailer => ({
        async send(mail) {
          if (throttles > 0) {
            throttles -= 1;
            throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
          }
          return real.send(mail);
        },
      }),
    });
    const released = count('released');
    await h.scheduler.tick();
    expect(released.value).toBe(1); // 1 try + 2 quick retries, then released
    expect(await h.mailsFor(reference)).toHaveLength(0);
    const stored = await melding(caseId);
    expect(stored.reminderStatus).toBe('pending');
    expect(stored.claimToken).toBeUndefined();
    // Redelivered after the visibility timeout: one more throttle, then through.
    for (let i = 0; i < 5 && (await h.mailsFor(reference)).length === 0; i++) {
      await sleep(1_100);
      await h.scheduler.tick();
    }
    released.stop();
    expect(throttles).toBe(0);
    expect(await h.mailsFor(reference)).toHaveLength(1);
    expect((await melding(caseId)).reminderStatus).toBe('sent');
    // Also the dispatcher's own retry (after the lease) finds nothing more to send.
    api.stack.clock.advance(20 * 60_000);
    await h.scheduler.tick();
    expect(await h.mailsFor(reference)).toHaveLength(1);
  });

  it('a throttled record does not redeliver the batch: the others are sent in the same invocation', async () => {
    const cases = [await caseWithAanvraag(), await caseWithAanvraag(), await caseWithAanvraag()];
    const victim = cases[1]!.reference;
    overrideReminderDeps({
      wrapMailer: (real: Mailer): Mailer => ({
        async send(mail) {
          if (mail.subject.includes(victim)) throw Object.assign(new Error('throttled'), { name: 'Throttling' });
          return real.send(mail);
        },
      }),
    });
    await dispatcher({}, { getRemainingTimeInMillis: () => 60_000 });
    const sqs = new SQSClient({});
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: h.scheduler.queues.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    const messages = received.Messages ?? [];
    expect(messages).toHaveLength(3);
    const response = await sender({
      Records: messages.map((m) => ({ messageId: m.MessageId!, receiptHandle: m.ReceiptHandle!, body: m.Body!, attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: '', awsRegion: 'eu-west-1' })),
    } as never);
    expect(response.batchItemFailures).toHaveLength(1);
    const failedBody = messages.find((m) => m.MessageId === response.batchItemFailures[0]!.itemIdentifier)!.Body!;
    expect(JSON.parse(failedBody).caseId).toBe(cases[1]!.caseId);
    for (const c of [cases[0]!, cases[2]!]) expect(await h.mailsFor(c.reference)).toHaveLength(1);
    expect(await h.mailsFor(victim)).toHaveLength(0);
    overrideReminderDeps({ wrapMailer: undefined });
    // The released stage goes out on a later round; the messages acked above never come back.
    await sleep(1_100);
    await h.scheduler.tick();
    for (const c of cases) expect(await h.mailsFor(c.reference)).toHaveLength(1);
  });

  it('a message nobody can read ends in the DLQ after maxReceiveCount (5)', async () => {
    const sqs = new SQSClient({});
    await sqs.send(new SendMessageCommand({ QueueUrl: h.scheduler.queues.queueUrl, MessageBody: '{"not":"a reminder"}' }));
    for (let i = 0; i < 6; i++) {
      await h.scheduler.tick();
      await sleep(1_050);
    }
    const dlq = await sqs.send(new ReceiveMessageCommand({ QueueUrl: h.scheduler.queues.dlqUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    expect((dlq.Messages ?? []).map((m) => m.Body)).toContain('{"not":"a reminder"}');
  }, 30_000);
});

describe('domain events (outbox → EventBridge)', () => {
  it('every accepted change is published once, identifiers only; a failed PutEvents is retried on the next run', async () => {
    const bus = h.scheduler.eventBus!;
    expect(bus).toBeDefined();
    bus.failNextCalls(100);
    const { caseId, reference } = await caseWithAanvraag();
    const failed = count('publish-failed');
    await h.scheduler.tick();
    failed.stop();
    expect(failed.value).toBeGreaterThanOrEqual(2);
    expect(bus.events().filter((e) => e.detail.caseId === caseId)).toHaveLength(0);
    const outbox = await h.store.listOutbox(caseId);
    expect(outbox.map((o) => o.outboxStatus)).toEqual(['pending', 'pending']);
    // Released: due again at once (the lease was undone), not after the lease.
    expect(outbox.every((o) => o.GSI2SK === `${o.recordedAt}#${o.eventId}`)).toBe(true);

    bus.failNextCalls(0);
    await h.scheduler.tick();
    // EventBridge keeps no order (and the due shards are dispatched in parallel): consumers order by `seq`.
    const events = bus.events().filter((e) => e.detail.caseId === caseId).sort((a, b) => Number(a.detail.seq) - Number(b.detail.seq));
    expect(events.map((e) => e.detailType)).toEqual(['case-aangemaakt', 'aanvraag-urgentie']);
    expect(events[1]).toMatchObject({ source: 'omslagroute', eventBusName: 'omslagroute-local' });
    expect(events[1]!.detail).toEqual({ eventId: `${caseId}#2`, caseId, reference, action: 'aanvraag-urgentie', seq: 2, occurredOn: TODAY });
    const published = await h.store.listOutbox(caseId);
    expect(published.every((o) => o.outboxStatus === 'published' && o.GSI2PK === undefined && typeof o.expiresAt === 'number')).toBe(true);
    await h.scheduler.tick();
    expect(bus.events().filter((e) => e.detail.caseId === caseId)).toHaveLength(2);
  });
});
