/**
 * The one composition root (issue 15 point 2): `buildDeps(config, overrides?)` builds every adapter of a function
 * from the one configuration, part by part and lazily, so a function builds only what it uses — one SDK client per
 * container, reused by every invocation. Nothing else in shared/app or functions/ builds an adapter.
 *
 * `containerDeps()` is the container of this process, built from `config()` (rebuilt when the environment changes:
 * tests and the local stack point the same module at other local servers). Function files take their dependencies
 * from it; the accessors below (`appDeps()`, `wonenDeps()`, …) name its parts.
 *
 * Still process-global (issue 15 point 2, not done): the overrides of that default container (`useClock`,
 * `useAuditStore`, `overrideReminderDeps`, the resets) and the reminder-outcome listeners. They change the default
 * container's overrides, never a built adapter.
 */
import { randomUUID } from 'node:crypto';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoPrivacyStore } from '#adapters/dynamo/audit-store.js';
import { DynamoBounceStore } from '#adapters/dynamo/bounce-store.js';
import { DynamoCaseStore } from '#adapters/dynamo/case-store.js';
import { createDocumentClient } from '#adapters/dynamo/client.js';
import { DynamoDeadlineIndex } from '#adapters/dynamo/deadline-index.js';
import { DynamoDraftStore } from '#adapters/dynamo/draft-store.js';
import { DynamoMonitorReader } from '#adapters/dynamo/monitor-store.js';
import { DynamoReminderStore } from '#adapters/dynamo/reminder-store.js';
import { DynamoWonenBacklog } from '#adapters/dynamo/wonen-backlog.js';
import { DynamoWonenStore } from '#adapters/dynamo/wonen-store.js';
import { CognitoUserDirectory, createCognitoClient } from '#adapters/cognito/user-directory.js';
import { createEventBridgeClient, EventBridgePublisher } from '#adapters/eventbridge/publisher.js';
import { LocalPeopleDirectory } from '#adapters/local-people/user-directory.js';
import { createS3Client, S3MailStore } from '#adapters/s3/mail-store.js';
import { createSesClient, readSendRate, SesMailer } from '#adapters/ses/mailer.js';
import { REMINDER_QUEUE } from '#adapters/sqs/queues.js';
import { SqsReminderQueue } from '#adapters/sqs/reminder-queue.js';
import { config, required, type Config } from '#config/config.js';
import { REGIOS, type Regio } from '#domain/case.js';
import { systemClock, type Clock } from '#domain/clock.js';
import type { OrganisationDirectory } from '#domain/directory.js';
import type { AuditStore, PrivacyDeps } from './audit.js';
import type { DeadlineIndexReader } from './deadlines.js';
import { loadDirectory } from './directory.js';
import type { DraftStore } from './drafts.js';
import type { BounceDeps } from './mail-health/bounces.js';
import type { MailEventDeps } from './mail-health/events.js';
import { RecipientFilter, suppressingMailer } from './mail-health/suppression.js';
import type { MonitorDeps } from './monitor/figures.js';
import type { AppDeps, Mailer } from './ports.js';
import { logLine } from './reminders/log.js';
import { recordReminderMetrics } from './reminders/metrics.js';
import { sendPacer, type SendPacer } from './reminders/pacing.js';
import type { DispatcherDeps, EventPublisher, ReminderConfig, ReminderOutcome, ReminderQueue, ReminderStore, SenderDeps } from './reminders/ports.js';
import type { UserDirectory } from './users/users.js';
import type { WonenBacklogStore } from './wonen/backlog.js';
import type { DigestDeps } from './wonen/digest.js';
import type { InboundDeps } from './wonen/inbound.js';
import type { MailObjectStore } from './wonen/ports.js';
import type { WonenDeps } from './wonen/queue.js';

export type Deps = AppDeps & { deadlineIndex: DeadlineIndexReader; drafts: DraftStore };

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

/** What tests and the local stack replace; everything else is built from the configuration. */
export interface Overrides {
  /** The clock of the HTTP, Wonen, bounce and monitor parts (the local stack's dev clock). */
  clock?: Clock;
  newId?: () => string;
  /** The audit store (a test's failing one). */
  audit?: AuditStore;
  /** The reminder parts' ports; read at every call, so a change applies to the next invocation. */
  reminders?: ReminderOverrides;
}

/** The Wonen part of the configuration, with its regios checked against the domain's. */
export type WonenEnv = Omit<Config, 'INBOX_REGIO' | 'DIGEST_REGIOS'> & { INBOX_REGIO: Regio; DIGEST_REGIOS: Regio[] };

export interface Container {
  readonly config: Config;
  app(): Deps;
  /** The app plus the audit and retention stores; also what every authenticated function's audit trail writes with. */
  privacy(): PrivacyDeps & Deps;
  wonenEnv(): WonenEnv;
  wonen(): WonenDeps;
  unmatched(): WonenDeps & { mail?: MailObjectStore };
  inbound(): InboundDeps;
  digest(): DigestDeps & { regios: Regio[] };
  /** The inbox bucket's objects, for the retention sweeper; none where there is no inbox. */
  inboxObjects(): S3MailStore | undefined;
  bounces(): BounceDeps;
  mailEvents(): MailEventDeps;
  monitor(): MonitorDeps;
  users(): { users: UserDirectory };
  dispatcher(): DispatcherDeps;
  sender(): SenderDeps;
  /** The dispatcher's measurement of Wonen's queue: the backlog reader, its clock and the regios (WONEN_REGIOS). */
  backlog(): { backlog: WonenBacklogStore; clock: Clock; regios: Regio[] };
}

function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

function regioOf(name: string, value: string): Regio {
  if (!(REGIOS as readonly string[]).includes(value)) throw new Error(`Configuration error (wonen): ${name}: '${value}' is not one of ${REGIOS.join(', ')}`);
  return value as Regio;
}

/** The gemeente organisation (directie Wonen) of a regio in the directory. */
function gemeenteOf(directory: OrganisationDirectory, of: Regio) {
  return directory.document.organisations.find((o) => o.kind === 'gemeente' && o.regios.includes(of));
}

/** The woonzaken address of a regio: the directory, else WOONZAKEN_ADDRESS for the inbox's regio. */
export function woonzakenAddressFor(e: WonenEnv, directory: OrganisationDirectory): (of: Regio) => string | undefined {
  return (of) => gemeenteOf(directory, of)?.mailbox ?? (of === e.INBOX_REGIO ? e.WOONZAKEN_ADDRESS : undefined);
}

const listeners = new Set<(outcome: ReminderOutcome) => void>();
const WARN: ReadonlySet<ReminderOutcome['type']> = new Set(['released', 'failed', 'in-doubt', 'doubt-released', 'publish-failed']);
const DEBUG: ReadonlySet<ReminderOutcome['type']> = new Set(['dispatched', 'published', 'skipped']);

/** Structured log line per outcome (metric filters count `reminder failed`, `reminder in-doubt`), and EMF metrics. */
function observe(outcome: ReminderOutcome): void {
  logLine(WARN.has(outcome.type) ? 'warn' : DEBUG.has(outcome.type) ? 'debug' : 'info', `reminder ${outcome.type}`, { ...outcome });
  recordReminderMetrics(outcome);
  for (const listener of listeners) listener(outcome);
}

function reminderConfigOf(c: Config): ReminderConfig {
  return { leaseMinutes: c.REMINDER_LEASE_MINUTES, claimTimeoutMinutes: c.CLAIM_TIMEOUT_MINUTES, outboxRetentionDays: c.OUTBOX_RETENTION_DAYS, appBaseUrl: c.APP_BASE_URL };
}

/** Every dependency of every function, built from `c` on first use; `overrides` replace single ports. */
export function buildDeps(c: Config, overrides: Overrides = {}): Container {
  const table = (part: string) => required(c, 'TABLE_NAME', part);
  const db = once(createDocumentClient);
  const directory = once(() => loadDirectory(c.ORGANISATIONS_FILE));
  const clock = overrides.clock ?? systemClock;
  const reminderOverrides = (): ReminderOverrides => overrides.reminders ?? {};

  const app = once((): Deps => {
    const tableName = table('app');
    return {
      // The store reads the clock to treat expired items (retention, TTL) as gone.
      store: new DynamoCaseStore(db(), tableName, { now: () => clock.now() }),
      deadlineIndex: new DynamoDeadlineIndex(db(), tableName),
      drafts: new DynamoDraftStore(db(), tableName),
      clock,
      newId: overrides.newId ?? randomUUID,
      organisationKind: (id) => directory().organisation(id)?.kind,
    };
  });
  const privacy = once((): PrivacyDeps & Deps => {
    const store = new DynamoPrivacyStore(db(), table('privacy'));
    return { ...app(), audit: overrides.audit ?? store, retention: store };
  });
  const bounceStore = once(() => new DynamoBounceStore(db(), table('bounces')));

  const wonenEnv = once((): WonenEnv => ({ ...c, INBOX_REGIO: regioOf('INBOX_REGIO', c.INBOX_REGIO), DIGEST_REGIOS: c.DIGEST_REGIOS.map((r) => regioOf('DIGEST_REGIOS', r)) }));
  const wonen = once((): WonenDeps => ({ ...app(), wonen: new DynamoWonenStore(db(), table('wonen')) }));
  const mailStore = once(() => new S3MailStore(createS3Client(), required(c, 'INBOX_BUCKET', 'wonen'), c.INBOX_KMS_KEY_ID));
  // Bounces and complaints: suppressed addresses get their organisation's functional mailbox (shared/app/mail-health).
  const wonenMailer = once((): Mailer =>
    suppressingMailer(
      new SesMailer(createSesClient(), { from: required(c, 'MAIL_FROM', 'wonen'), ...(c.SES_CONFIGURATION_SET ? { configurationSet: c.SES_CONFIGURATION_SET } : {}) }),
      new RecipientFilter(bounceStore(), directory()),
    ),
  );

  const dispatcherBase = once((): DispatcherDeps => {
    const part = 'reminder-dispatcher';
    return {
      store: new DynamoReminderStore(db(), table(part)),
      queue: new SqsReminderQueue(new SQSClient({}), required(c, 'QUEUE_URL', part)),
      publisher: new EventBridgePublisher(createEventBridgeClient(), required(c, 'EVENT_BUS_NAME', part)),
      clock: systemClock,
      config: reminderConfigOf(c),
      observe,
    };
  });
  const senderBase = once((): SenderDeps => {
    const part = 'reminder-sender';
    const tableName = table(part);
    const ses = createSesClient();
    const maxSendRate = c.SES_MAX_SEND_RATE;
    return {
      store: new DynamoReminderStore(db(), tableName),
      mailer: new SesMailer(ses, { from: required(c, 'MAIL_FROM', part), ...(c.SES_CONFIGURATION_SET ? { configurationSet: c.SES_CONFIGURATION_SET } : {}) }),
      pacer: sendPacer({ accountRate: maxSendRate ? async () => maxSendRate : () => readSendRate(ses), senders: reminderOverrides().sendersSharingRate ?? REMINDER_QUEUE.maxConcurrency }),
      directory: directory(),
      suppressions: new RecipientFilter(new DynamoBounceStore(db(), tableName), directory()),
      clock: systemClock,
      config: reminderConfigOf(c),
      newToken: randomUUID,
      observe,
    };
  });
  const dispatcher = (): DispatcherDeps => {
    const base = dispatcherBase();
    const { clock: own, publisher, queue, store, config: changed } = reminderOverrides();
    return { ...base, ...(own ? { clock: own } : {}), ...(publisher ? { publisher } : {}), ...(queue ? { queue } : {}), ...(store ? { store } : {}), config: { ...base.config, ...changed } };
  };
  const backlogReader = once(() => new DynamoWonenBacklog(db(), table('reminder-dispatcher')));

  return {
    config: c,
    app,
    privacy,
    wonenEnv,
    wonen,
    unmatched: () => ({ ...wonen(), ...(c.INBOX_BUCKET ? { mail: mailStore() } : {}) }),
    inbound: () => {
      const e = wonenEnv();
      const noticeTo = woonzakenAddressFor(e, directory())(e.INBOX_REGIO);
      return {
        ...wonen(),
        mail: mailStore(),
        mailboxRegio: e.INBOX_REGIO,
        inboxActor: { userId: 'systeem:woonzaken-inbox', organisationId: gemeenteOf(directory(), e.INBOX_REGIO)?.id ?? e.WONEN_ORGANISATION_ID, role: 'medewerker-wonen' },
        ...(noticeTo && e.MAIL_FROM ? { notice: { mailer: wonenMailer(), to: noticeTo, appBaseUrl: e.APP_BASE_URL } } : {}),
      };
    },
    digest: () => {
      const e = wonenEnv();
      return {
        wonen: wonen().wonen,
        clock,
        mailer: wonenMailer(),
        woonzakenAddress: woonzakenAddressFor(e, directory()),
        queueUrl: `${e.APP_BASE_URL.replace(/\/$/, '')}/wonen/wachtrij`,
        regios: e.DIGEST_REGIOS,
      };
    },
    inboxObjects: () => (c.INBOX_BUCKET ? mailStore() : undefined),
    bounces: () => ({ bounces: bounceStore(), clock }),
    mailEvents: () => ({ bounces: bounceStore(), directory: directory(), clock, reminders: new DynamoReminderStore(db(), table('ses-events')) }),
    monitor: once((): MonitorDeps => {
      const dir = directory();
      return {
        monitor: new DynamoMonitorReader(db(), table('monitor'), { now: () => clock.now() }),
        clock,
        isCountedOrganisation: (id) => {
          const kind = dir.organisation(id)?.kind;
          return kind === 'zorgaanbieder' || kind === 'woningcorporatie';
        },
      };
    }),
    users: once(() => ({
      users: c.USER_POOL_ID
        ? new CognitoUserDirectory(createCognitoClient(), c.USER_POOL_ID)
        : new LocalPeopleDirectory(c.PEOPLE_FILE ?? new URL('../../config/people.local.json', import.meta.url)),
    })),
    dispatcher,
    sender: () => {
      const sender = senderBase();
      const { clock: own, mailer, wrapMailer, sesStandIn, store, directory: dir, config: changed, pacer } = reminderOverrides();
      const base = sesStandIn ? sesStandIn(mailer ?? sender.mailer) : (mailer ?? sender.mailer);
      const { pacer: ownPacer, ...rest } = sender;
      const chosen = pacer === null ? undefined : (pacer ?? ownPacer);
      return {
        ...rest,
        ...(chosen ? { pacer: chosen } : {}),
        ...(own ? { clock: own } : {}),
        ...(store ? { store } : {}),
        ...(dir ? { directory: dir } : {}),
        mailer: wrapMailer ? wrapMailer(base) : base,
        config: { ...sender.config, ...changed },
      };
    },
    backlog: () => ({
      backlog: backlogReader(),
      clock: dispatcher().clock,
      regios: c.WONEN_REGIOS.filter((name): name is Regio => (REGIOS as readonly string[]).includes(name)),
    }),
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// The container of this process

const defaults: Overrides = {};
let current: Container | undefined;

/** The container of this process: built from `config()` with the default overrides; rebuilt when either changes. */
export function containerDeps(): Container {
  const c = config();
  if (current?.config !== c) current = buildDeps(c, defaults);
  return current;
}

export const appDeps = (): Deps => containerDeps().app();
export const privacyDeps = (): PrivacyDeps & Deps => containerDeps().privacy();
export const wonenEnv = (): WonenEnv => containerDeps().wonenEnv();
export const wonenDeps = (): WonenDeps => containerDeps().wonen();
export const unmatchedDeps = (): WonenDeps & { mail?: MailObjectStore } => containerDeps().unmatched();
export const inboundDeps = (): InboundDeps => containerDeps().inbound();
export const digestDeps = (): DigestDeps & { regios: Regio[] } => containerDeps().digest();
export const inboxObjects = (): S3MailStore | undefined => containerDeps().inboxObjects();
export const bounceDeps = (): BounceDeps => containerDeps().bounces();
export const mailEventDeps = (): MailEventDeps => containerDeps().mailEvents();
export const monitorDeps = (): MonitorDeps => containerDeps().monitor();
export const userDeps = (): { users: UserDirectory } => containerDeps().users();
export const dispatcherDeps = (): DispatcherDeps => containerDeps().dispatcher();
export const senderDeps = (): SenderDeps => containerDeps().sender();
export const backlogDeps = (): { backlog: WonenBacklogStore; clock: Clock; regios: Regio[] } => containerDeps().backlog();

/** The local stack and tests move time through this; on AWS the system clock is used. */
export function useClock(clock: Clock): void {
  defaults.clock = clock;
  current = undefined;
}

/** Tests: replace the audit store (e.g. one that fails) for every function in this process; `undefined` restores. */
export function useAuditStore(store: AuditStore | undefined): void {
  if (store) defaults.audit = store;
  else delete defaults.audit;
  current = undefined;
}

/** Forget the built dependencies (tests that point the same module at another local server). */
export function resetAppDeps(): void {
  current = undefined;
}

/** Replace single reminder ports (merged with earlier overrides). Local stack and tests only. */
export function overrideReminderDeps(next: ReminderOverrides): void {
  defaults.reminders = { ...defaults.reminders, ...next };
}

/** Forget the built dependencies and, unless kept, the reminder overrides. */
export function resetReminderDeps(options: { keepOverrides?: boolean } = {}): void {
  current = undefined;
  if (!options.keepOverrides) delete defaults.reminders;
}

/** Listen to every reminder outcome (local scheduler counts, tests); returns the unsubscribe function. */
export function onReminderOutcome(listener: (outcome: ReminderOutcome) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
