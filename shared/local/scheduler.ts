/**
 * The local stand-in for EventBridge Scheduler + the SQS event source mapping (no emulator exists for either):
 * every interval, and on demand (`tick()`, `POST /_dev/tick`), it
 *   1. invokes the real dispatcher handler (functions/reminder-dispatcher.ts) on the local clock, then
 *   2. polls the local SQS queue and invokes the real sender handler (functions/reminder-sender.ts) with an SQSEvent
 *      of up to 10 received messages, `concurrency` pollers at a time (the mapping's maxConcurrency), deleting the
 *      messages not reported in batchItemFailures. Failed messages stay invisible for the queue's visibility
 *      timeout and come back on a later tick; fauxqs moves them to the DLQ after maxReceiveCount itself.
 * Domain events go to a local EventBridge stand-in (shared/adapters/eventbridge/local-bus.ts) unless
 * AWS_ENDPOINT_URL_EVENTBRIDGE already points somewhere.
 */
import { randomUUID } from 'node:crypto';
import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { startLocalEventBus, type LocalEventBus } from '#adapters/eventbridge/local-bus.js';
import { createLocalQueues, REMINDER_QUEUE, type LocalQueues } from '#adapters/sqs/queues.js';
import { onReminderOutcome, replaceReminderPorts, type Container } from '#app/composition-root.js';
import { monotonicMs, type Clock } from '#domain/clock.js';
import type { DevRoute } from './api-gateway.js';
import { loadHandler } from './functions.js';
import { localSesMaxSendRate } from './services.js';
import { localSendQuota, settleLocalSesEvents, withLocalSendEvents, type LocalSendQuota } from './ses-events.js';

export interface LocalSchedulerOptions {
  clock: Clock;
  /** How often to tick on its own; 0 = only on demand. Default 60 s (AWS: every 5 minutes). */
  intervalMs?: number;
  queueUrl: string;
  /** Parallel sender invocations, as the event source mapping's maxConcurrency. */
  concurrency?: number;
  eventBusName?: string;
  mailFrom?: string;
  /** Start the local EventBridge stand-in when AWS_ENDPOINT_URL_EVENTBRIDGE is not set (default true). */
  localEventBus?: boolean;
  log?: (line: string) => void;
  /** Let the local SES refuse sends over its account's rate, as SES does (bench; `LOCAL_SES_ENFORCE_RATE=1`). */
  enforceSendRate?: boolean;
  /** The container the dispatcher and sender run on (the local stack's). */
  container: Container;
}

export interface TickResult {
  dispatched: number;
  sent: number;
}

export interface LocalScheduler {
  tick(): Promise<TickResult>;
  stop(): Promise<void>;
  /** The container its handlers run on: `replaceReminderPorts(scheduler.container, …)` changes their ports. */
  container: Container;
  /** The local bus, when this scheduler started one: the domain events it received. */
  eventBus?: LocalEventBus;
  /** The local SES's rate enforcement, when on (`enforceSendRate`). */
  sendQuota?: LocalSendQuota;
}

/** A Lambda context good enough for the handlers: they only ask for the remaining time. */
function context(budgetMs: number) {
  const end = monotonicMs() + budgetMs;
  return { getRemainingTimeInMillis: () => Math.max(0, end - monotonicMs()) };
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

export async function startLocalScheduler(options: LocalSchedulerOptions): Promise<LocalScheduler> {
  const log = options.log ?? (() => {});
  process.env.QUEUE_URL = options.queueUrl;
  process.env.EVENT_BUS_NAME = options.eventBusName ?? process.env.EVENT_BUS_NAME ?? 'omslagroute-local';
  process.env.MAIL_FROM = options.mailFrom ?? process.env.MAIL_FROM ?? 'Omslagroute (lokaal) <noreply@omslagroute.example>';
  let eventBus: LocalEventBus | undefined;
  if ((options.localEventBus ?? true) && !process.env.AWS_ENDPOINT_URL_EVENTBRIDGE) {
    eventBus = await startLocalEventBus();
    process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = eventBus.endpoint;
  }
  // The handlers run on the local clock, in the stack's container (which reads the environment set above).
  const container = options.container;
  const enforce = options.enforceSendRate ?? process.env.LOCAL_SES_ENFORCE_RATE === '1';
  const sendQuota = enforce ? localSendQuota(localSesMaxSendRate()) : undefined;
  replaceReminderPorts(container, {
    clock: options.clock,
    // Every poller runs in this process on one set of deps, so one pacer holds the whole account's rate.
    sendersSharingRate: 1,
    sesStandIn: (mailer) => withLocalSendEvents(sendQuota ? sendQuota.wrap(mailer) : mailer, options.clock, container),
  });

  const sqs = new SQSClient({});
  const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: options.queueUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn ?? '';
  const region = process.env.AWS_REGION ?? 'eu-west-1';
  const concurrency = options.concurrency ?? REMINDER_QUEUE.maxConcurrency;

  async function pollOnce(sender: Handler): Promise<boolean> {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: REMINDER_QUEUE.batchSize,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    const messages = received.Messages ?? [];
    if (!messages.length) return false;
    const event: SQSEvent = { Records: messages.map((m) => toRecord(m, arn, region, Date.parse(options.clock.now()))) };
    const response = (await sender(event, context(REMINDER_QUEUE.visibilityTimeoutSeconds * 1000))) as SQSBatchResponse | undefined;
    const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    const done = messages.filter((m) => !failed.has(m.MessageId ?? ''));
    if (done.length) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    }
    return true;
  }

  async function runTick(): Promise<TickResult> {
    let dispatched = 0;
    let sent = 0;
    const unsubscribe = onReminderOutcome(container, (o) => {
      if (o.type === 'dispatched') dispatched += 1;
      if (o.type === 'sent') sent += 1;
    });
    try {
      const dispatcher = await loadHandler('reminder-dispatcher', container);
      await dispatcher({ source: 'local-scheduler', time: options.clock.now() }, context(60_000));
      const sender = await loadHandler('reminder-sender', container);
      // Like the event source mapping: `concurrency` pollers, each invoking the sender per received batch.
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (await pollOnce(sender));
        }),
      );
      // The Send events of what SES accepted in this tick (as the configuration set reports them on AWS).
      await settleLocalSesEvents();
    } finally {
      unsubscribe();
    }
    if (dispatched || sent) log(`[scheduler] ${options.clock.now()}: dispatched ${dispatched}, sent ${sent}`);
    return { dispatched, sent };
  }

  // Ticks never overlap: an on-demand tick waits for a running one.
  let chain: Promise<unknown> = Promise.resolve();
  const tick = (): Promise<TickResult> => {
    const next = chain.then(runTick);
    chain = next.catch(() => undefined);
    return next;
  };
  const interval = options.intervalMs ?? 60_000;
  const timer = interval > 0 ? setInterval(() => void tick().catch((e: Error) => log(`[scheduler] tick failed: ${e.message}`)), interval) : undefined;
  timer?.unref();

  return {
    tick,
    container,
    eventBus,
    ...(sendQuota ? { sendQuota } : {}),
    async stop() {
      if (timer) clearInterval(timer);
      await chain;
      sqs.destroy();
      if (eventBus) {
        await eventBus.stop();
        if (process.env.AWS_ENDPOINT_URL_EVENTBRIDGE === eventBus.endpoint) delete process.env.AWS_ENDPOINT_URL_EVENTBRIDGE;
      }
    },
  };
}

function toRecord(m: Message, arn: string, region: string, nowMs: number): SQSRecord {
  const a = m.Attributes ?? {};
  return {
    messageId: m.MessageId ?? randomUUID(),
    receiptHandle: m.ReceiptHandle ?? '',
    body: m.Body ?? '',
    attributes: {
      ApproximateReceiveCount: a.ApproximateReceiveCount ?? '1',
      SentTimestamp: a.SentTimestamp ?? String(nowMs),
      SenderId: a.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? String(nowMs),
    },
    messageAttributes: {},
    md5OfBody: m.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: arn,
    awsRegion: region,
  };
}

/**
 * One call for the local stack: the reminder queues (same settings as CDK) and a scheduler on them.
 * `visibilityTimeoutSeconds` lets tests see redeliveries without waiting three minutes.
 */
export async function startLocalReminders(
  options: Omit<LocalSchedulerOptions, 'queueUrl'> & { visibilityTimeoutSeconds?: number; queuePrefix?: string },
): Promise<LocalScheduler & { queues: LocalQueues }> {
  const sqs = new SQSClient({});
  const queues = await createLocalQueues(sqs, {
    ...(options.queuePrefix ? { prefix: options.queuePrefix } : {}),
    ...(options.visibilityTimeoutSeconds !== undefined ? { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds } : {}),
  });
  sqs.destroy();
  const scheduler = await startLocalScheduler({ ...options, queueUrl: queues.queueUrl });
  return { ...scheduler, queues };
}

/** `POST /_dev/tick`: run the dispatcher and drain the queue now; answers `{dispatched, sent}`. */
export function tickRoute(scheduler: Pick<LocalScheduler, 'tick'>): DevRoute {
  return async ({ method, path }) => {
    if (path !== '/_dev/tick') return undefined;
    if (method !== 'POST') return { status: 405, body: { error: 'POST /_dev/tick' } };
    return { status: 200, body: await scheduler.tick() };
  };
}
