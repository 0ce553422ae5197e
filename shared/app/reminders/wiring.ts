/**
 * Production dependencies of the reminder functions, built once per container from the validated environment
 * (reminder env, not the HTTP env). The local stack and tests override single ports (clock, mailer wrappers) and
 * listen to outcomes; the handlers stay the same code that runs on AWS.
 */
import { randomUUID } from 'node:crypto';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createDocumentClient } from '#adapters/dynamo/client.js';
import { DynamoWonenBacklog } from '#adapters/dynamo/wonen-backlog.js';
import { DynamoBounceStore } from '#adapters/dynamo/bounce-store.js';
import { DynamoReminderStore } from '#adapters/dynamo/reminder-store.js';
import { createEventBridgeClient, EventBridgePublisher } from '#adapters/eventbridge/publisher.js';
import { createSesClient, readSendRate, SesMailer } from '#adapters/ses/mailer.js';
import { REMINDER_QUEUE } from '#adapters/sqs/queues.js';
import { SqsReminderQueue } from '#adapters/sqs/reminder-queue.js';
import { config as configuration, required, type Config } from '#config/config.js';
import { systemClock, type Clock } from '#domain/clock.js';
import type { OrganisationDirectory } from '#domain/directory.js';
import { loadDirectory } from '../directory.js';
import { RecipientFilter } from '../mail-health/suppression.js';
import type { Mailer } from '../ports.js';
import type { WonenBacklogStore } from '../wonen/backlog.js';
import { REGIOS, type Regio } from '#domain/case.js';
import { logLine } from './log.js';
import { recordReminderMetrics } from './metrics.js';
import { sendPacer, type SendPacer } from './pacing.js';
import type { DispatcherDeps, EventPublisher, ReminderConfig, ReminderOutcome, ReminderQueue, ReminderStore, SenderDeps } from './ports.js';

export interface ReminderOverrides {
  clock?: Clock;
  mailer?: Mailer;
  /** Wraps the production mailer (e.g. a test's crash-after-send or throttling wrapper). */
  wrapMailer?: (mailer: Mailer) => Mailer;
  /** The SES stand-in's own behaviour (local stack: Send events after an accepted mail), applied inside wrapMailer. */
  sesStandIn?: (mailer: Mailer) => Mailer;
  publisher?: EventPublisher;
  queue?: ReminderQueue;
  store?: ReminderStore;
  directory?: OrganisationDirectory;
  config?: Partial<ReminderConfig>;
  /** The sender's pacing; null = unpaced (the bench's comparison run). */
  pacer?: SendPacer | null;
  /**
   * How many senders share the account's rate. On AWS each container is one (REMINDER_QUEUE.maxConcurrency of them);
   * the local scheduler runs all its pollers in one process, against one set of deps: 1.
   */
  sendersSharingRate?: number;
}

type Listener = (outcome: ReminderOutcome) => void;

let dispatcher: DispatcherDeps | undefined;
let sender: SenderDeps | undefined;
let overrides: ReminderOverrides = {};
const listeners = new Set<Listener>();

export { loadDirectory };

const WARN: ReadonlySet<ReminderOutcome['type']> = new Set(['released', 'failed', 'in-doubt', 'doubt-released', 'publish-failed']);
const DEBUG: ReadonlySet<ReminderOutcome['type']> = new Set(['dispatched', 'published', 'skipped']);

/** Structured log line per outcome (metric filters count `reminder failed`, `reminder in-doubt`), and EMF metrics (./metrics.ts). */
function observe(outcome: ReminderOutcome): void {
  logLine(WARN.has(outcome.type) ? 'warn' : DEBUG.has(outcome.type) ? 'debug' : 'info', `reminder ${outcome.type}`, { ...outcome });
  recordReminderMetrics(outcome);
  for (const listener of listeners) listener(outcome);
}

/** Listen to every outcome (local scheduler counts, tests); returns the unsubscribe function. */
export function onReminderOutcome(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function configOf(env: Config): ReminderConfig {
  return {
    leaseMinutes: env.REMINDER_LEASE_MINUTES,
    claimTimeoutMinutes: env.CLAIM_TIMEOUT_MINUTES,
    outboxRetentionDays: env.OUTBOX_RETENTION_DAYS,
    appBaseUrl: env.APP_BASE_URL,
  };
}

export function dispatcherDeps(): DispatcherDeps {
  if (!dispatcher) {
    const env = configuration();
    const part = 'reminder-dispatcher';
    dispatcher = {
      store: new DynamoReminderStore(createDocumentClient(), required(env, 'TABLE_NAME', part)),
      queue: new SqsReminderQueue(new SQSClient({}), required(env, 'QUEUE_URL', part)),
      publisher: new EventBridgePublisher(createEventBridgeClient(), required(env, 'EVENT_BUS_NAME', part)),
      clock: systemClock,
      config: configOf(env),
      observe,
    };
  }
  const { clock, publisher, queue, store, config } = overrides;
  return {
    ...dispatcher,
    ...(clock ? { clock } : {}),
    ...(publisher ? { publisher } : {}),
    ...(queue ? { queue } : {}),
    ...(store ? { store } : {}),
    config: { ...dispatcher.config, ...config },
  };
}

export function senderDeps(): SenderDeps {
  if (!sender) {
    const env = configuration();
    const part = 'reminder-sender';
    const tableName = required(env, 'TABLE_NAME', part);
    const db = createDocumentClient();
    const directory = loadDirectory(env.ORGANISATIONS_FILE);
    const ses = createSesClient();
    const maxSendRate = env.SES_MAX_SEND_RATE;
    sender = {
      store: new DynamoReminderStore(db, tableName),
      mailer: new SesMailer(ses, { from: required(env, 'MAIL_FROM', part), ...(env.SES_CONFIGURATION_SET ? { configurationSet: env.SES_CONFIGURATION_SET } : {}) }),
      pacer: sendPacer({ accountRate: maxSendRate ? async () => maxSendRate : () => readSendRate(ses), senders: overrides.sendersSharingRate ?? REMINDER_QUEUE.maxConcurrency }),
      directory,
      suppressions: new RecipientFilter(new DynamoBounceStore(db, tableName), directory),
      clock: systemClock,
      config: configOf(env),
      newToken: randomUUID,
      observe,
    };
  }
  const { clock, mailer, wrapMailer, sesStandIn, store, directory, config, pacer } = overrides;
  const base = sesStandIn ? sesStandIn(mailer ?? sender.mailer) : (mailer ?? sender.mailer);
  const { pacer: ownPacer, ...rest } = sender;
  const chosen = pacer === null ? undefined : (pacer ?? ownPacer);
  return {
    ...rest,
    ...(chosen ? { pacer: chosen } : {}),
    ...(clock ? { clock } : {}),
    ...(store ? { store } : {}),
    ...(directory ? { directory } : {}),
    mailer: wrapMailer ? wrapMailer(base) : base,
    config: { ...sender.config, ...config },
  };
}

let backlog: { tableName: string; reader: DynamoWonenBacklog } | undefined;

/** The dispatcher's measurement of Wonen's queue: the backlog reader, its clock, and the regios (WONEN_REGIOS) measured. */
export function backlogDeps(): { backlog: WonenBacklogStore; clock: Clock; regios: Regio[] } {
  const env = configuration();
  const tableName = required(env, 'TABLE_NAME', 'reminder-dispatcher');
  if (backlog?.tableName !== tableName) backlog = { tableName, reader: new DynamoWonenBacklog(createDocumentClient(), tableName) };
  const regios = env.WONEN_REGIOS.filter((name): name is Regio => (REGIOS as readonly string[]).includes(name));
  return { backlog: backlog.reader, clock: dispatcherDeps().clock, regios };
}

/** Replace single ports (merged with earlier overrides). Local stack and tests only. */
export function overrideReminderDeps(next: ReminderOverrides): void {
  overrides = { ...overrides, ...next };
}

/** Forget overrides, and the built dependencies (the environment is read again on next use). */
export function resetReminderDeps(options: { keepOverrides?: boolean } = {}): void {
  dispatcher = undefined;
  sender = undefined;
  if (!options.keepOverrides) overrides = {};
}
