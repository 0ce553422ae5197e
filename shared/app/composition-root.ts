/**
 * The one composition root (issue 15 point 2): `buildDeps(config, overrides?)` builds every adapter of a function
 * from the one configuration, part by part and lazily, so a function builds only what it uses — one SDK client per
 * container, reused by every invocation. Nothing else in shared/app or functions/ builds an adapter.
 *
 * A function file is `bindable((c) => …)`: on Lambda it takes its parts from the process's container
 * (`containerDeps()`, built from `config()`); the local stack and tests bind it to their own container with
 * `handler.with(container)` and pass overrides (clock, audit store, …) instead of patching globals.
 *
 * The reminder ports and the outcome listeners are a container's too: `replaceReminderPorts(container, …)`,
 * `onReminderOutcome(container, listener)`.
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

/**
 * A container: the configuration, the overrides and every part built so far. A part is a function of the container
 * (below: `appPart`, `senderPart`, …), built on first use and then reused; a function's bundle carries only the
 * parts it asks for, with their adapters (esbuild drops the rest), so the composition root is one place without
 * every function carrying every SDK client.
 */
export interface Container {
  readonly config: Config;
  readonly overrides: Overrides;
  part<T>(build: (container: Container) => T): T;
}

/** A container for `config`; `overrides` replace single ports. Nothing is built until a part is asked for. */
export function buildDeps(config: Config, overrides: Overrides = {}): Container {
  const built = new Map<(container: Container) => unknown, unknown>();
  const container: Container = {
    config,
    overrides,
    part<T>(build: (container: Container) => T): T {
      if (!built.has(build)) built.set(build, build(container));
      return built.get(build) as T;
    },
  };
  return container;
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

/** The outcome listeners of a container, by its overrides (which a container over a changing configuration keeps). */
const listeners = new WeakMap<Overrides, Set<(outcome: ReminderOutcome) => void>>();
const WARN: ReadonlySet<ReminderOutcome['type']> = new Set(['released', 'failed', 'in-doubt', 'doubt-released', 'publish-failed']);
const DEBUG: ReadonlySet<ReminderOutcome['type']> = new Set(['dispatched', 'published', 'skipped']);

/** Structured log line per outcome (metric filters count `reminder failed`, `reminder in-doubt`), and EMF metrics. */
function observe(c: Container, outcome: ReminderOutcome): void {
  logLine(WARN.has(outcome.type) ? 'warn' : DEBUG.has(outcome.type) ? 'debug' : 'info', `reminder ${outcome.type}`, { ...outcome });
  recordReminderMetrics(outcome);
  for (const listener of listeners.get(c.overrides) ?? []) listener(outcome);
}

function reminderConfigOf(c: Config): ReminderConfig {
  return { leaseMinutes: c.REMINDER_LEASE_MINUTES, claimTimeoutMinutes: c.CLAIM_TIMEOUT_MINUTES, outboxRetentionDays: c.OUTBOX_RETENTION_DAYS, appBaseUrl: c.APP_BASE_URL };
}

// ---------------------------------------------------------------------------------------------------------------------
// The parts

const table = (c: Container, part: string) => required(c.config, 'TABLE_NAME', part);
const clockOf = (c: Container): Clock => c.overrides.clock ?? systemClock;
const reminderOverrides = (c: Container): ReminderOverrides => c.overrides.reminders ?? {};

export const dbPart = (_: Container) => createDocumentClient();
/** SES from the stage's sender address, with its configuration set (the Send, bounce and complaint events). */
const sesMailerOf = (c: Container, ses: ReturnType<typeof createSesClient>, part: string) =>
  new SesMailer(ses, { from: required(c.config, 'MAIL_FROM', part), ...(c.config.SES_CONFIGURATION_SET ? { configurationSet: c.config.SES_CONFIGURATION_SET } : {}) });
export const directoryPart = (c: Container): OrganisationDirectory => loadDirectory(c.config.ORGANISATIONS_FILE);

export const appPart = (c: Container): Deps => {
  const db = c.part(dbPart);
  const tableName = table(c, 'app');
  const clock = clockOf(c);
  return {
    // The store reads the clock to treat expired items (retention, TTL) as gone.
    store: new DynamoCaseStore(db, tableName, { now: () => clock.now() }),
    deadlineIndex: new DynamoDeadlineIndex(db, tableName),
    drafts: new DynamoDraftStore(db, tableName),
    clock,
    newId: c.overrides.newId ?? randomUUID,
    organisationKind: (id) => c.part(directoryPart).organisation(id)?.kind,
  };
};

const privacyStorePart = (c: Container) => new DynamoPrivacyStore(c.part(dbPart), table(c, 'privacy'));

/** The app plus the audit and retention stores; the audit override is read at every call (a test's failing store). */
export const privacyOf = (c: Container): PrivacyDeps & Deps => {
  const store = c.part(privacyStorePart);
  return { ...c.part(appPart), audit: c.overrides.audit ?? store, retention: store };
};

const bounceStorePart = (c: Container) => new DynamoBounceStore(c.part(dbPart), table(c, 'bounces'));

export const wonenEnvPart = (c: Container): WonenEnv => ({
  ...c.config,
  INBOX_REGIO: regioOf('INBOX_REGIO', c.config.INBOX_REGIO),
  DIGEST_REGIOS: c.config.DIGEST_REGIOS.map((r) => regioOf('DIGEST_REGIOS', r)),
});
export const wonenPart = (c: Container): WonenDeps => ({ ...c.part(appPart), wonen: new DynamoWonenStore(c.part(dbPart), table(c, 'wonen')) });
const mailStorePart = (c: Container) => new S3MailStore(createS3Client(), required(c.config, 'INBOX_BUCKET', 'wonen'), c.config.INBOX_KMS_KEY_ID);
// Bounces and complaints: suppressed addresses get their organisation's functional mailbox (shared/app/mail-health).
const wonenMailerPart = (c: Container): Mailer =>
  suppressingMailer(
    sesMailerOf(c, createSesClient(), 'wonen'),
    new RecipientFilter(c.part(bounceStorePart), c.part(directoryPart)),
  );

export const unmatchedPart = (c: Container): WonenDeps & { mail?: MailObjectStore } => ({ ...c.part(wonenPart), ...(c.config.INBOX_BUCKET ? { mail: c.part(mailStorePart) } : {}) });
export const inboxObjectsPart = (c: Container): S3MailStore | undefined => (c.config.INBOX_BUCKET ? c.part(mailStorePart) : undefined);

export const inboundPart = (c: Container): InboundDeps => {
  const e = c.part(wonenEnvPart);
  const directory = c.part(directoryPart);
  const noticeTo = woonzakenAddressFor(e, directory)(e.INBOX_REGIO);
  return {
    ...c.part(wonenPart),
    mail: c.part(mailStorePart),
    mailboxRegio: e.INBOX_REGIO,
    inboxActor: { userId: 'systeem:woonzaken-inbox', organisationId: gemeenteOf(directory, e.INBOX_REGIO)?.id ?? e.WONEN_ORGANISATION_ID, role: 'medewerker-wonen' },
    ...(noticeTo && e.MAIL_FROM ? { notice: { mailer: c.part(wonenMailerPart), to: noticeTo, appBaseUrl: e.APP_BASE_URL } } : {}),
  };
};

export const digestPart = (c: Container): DigestDeps & { regios: Regio[] } => {
  const e = c.part(wonenEnvPart);
  return {
    wonen: c.part(wonenPart).wonen,
    clock: clockOf(c),
    mailer: c.part(wonenMailerPart),
    woonzakenAddress: woonzakenAddressFor(e, c.part(directoryPart)),
    queueUrl: `${e.APP_BASE_URL.replace(/\/$/, '')}/wonen/wachtrij`,
    regios: e.DIGEST_REGIOS,
  };
};

export const bouncesPart = (c: Container): BounceDeps => ({ bounces: c.part(bounceStorePart), clock: clockOf(c) });
export const mailEventsPart = (c: Container): MailEventDeps => ({
  bounces: c.part(bounceStorePart),
  directory: c.part(directoryPart),
  clock: clockOf(c),
  reminders: new DynamoReminderStore(c.part(dbPart), table(c, 'ses-events')),
});

export const monitorPart = (c: Container): MonitorDeps => {
  const directory = c.part(directoryPart);
  const clock = clockOf(c);
  return {
    monitor: new DynamoMonitorReader(c.part(dbPart), table(c, 'monitor'), { now: () => clock.now() }),
    clock,
    isCountedOrganisation: (id) => {
      const kind = directory.organisation(id)?.kind;
      return kind === 'zorgaanbieder' || kind === 'woningcorporatie';
    },
  };
};

/** Cognito on AWS (USER_POOL_ID, set by infra/stage.ts); locally the seeded people (PEOPLE_FILE or config/people.local.json). */
export const usersPart = (c: Container): { users: UserDirectory } => ({
  users: c.config.USER_POOL_ID
    ? new CognitoUserDirectory(createCognitoClient(), c.config.USER_POOL_ID)
    : new LocalPeopleDirectory(c.config.PEOPLE_FILE ?? new URL('../../config/people.local.json', import.meta.url)),
});

const dispatcherBasePart = (c: Container): DispatcherDeps => {
  const part = 'reminder-dispatcher';
  return {
    store: new DynamoReminderStore(c.part(dbPart), table(c, part)),
    queue: new SqsReminderQueue(new SQSClient({}), required(c.config, 'QUEUE_URL', part)),
    publisher: new EventBridgePublisher(createEventBridgeClient(), required(c.config, 'EVENT_BUS_NAME', part)),
    clock: systemClock,
    config: reminderConfigOf(c.config),
    observe: (outcome) => observe(c, outcome),
  };
};

/** The dispatcher's ports, with the reminder overrides of this call applied. */
export const dispatcherOf = (c: Container): DispatcherDeps => {
  const base = c.part(dispatcherBasePart);
  const { clock, publisher, queue, store, config: changed } = reminderOverrides(c);
  return { ...base, ...(clock ? { clock } : {}), ...(publisher ? { publisher } : {}), ...(queue ? { queue } : {}), ...(store ? { store } : {}), config: { ...base.config, ...changed } };
};

const senderBasePart = (c: Container): SenderDeps => {
  const part = 'reminder-sender';
  const tableName = table(c, part);
  const ses = createSesClient();
  const maxSendRate = c.config.SES_MAX_SEND_RATE;
  const directory = c.part(directoryPart);
  return {
    store: new DynamoReminderStore(c.part(dbPart), tableName),
    mailer: sesMailerOf(c, ses, part),
    pacer: sendPacer({ accountRate: maxSendRate ? async () => maxSendRate : () => readSendRate(ses), senders: reminderOverrides(c).sendersSharingRate ?? REMINDER_QUEUE.maxConcurrency }),
    directory,
    suppressions: new RecipientFilter(c.part(bounceStorePart), directory),
    clock: systemClock,
    config: reminderConfigOf(c.config),
    newToken: randomUUID,
    observe: (outcome) => observe(c, outcome),
  };
};

/** The sender's ports, with the reminder overrides of this call applied. */
export const senderOf = (c: Container): SenderDeps => {
  const sender = c.part(senderBasePart);
  const { clock, mailer, wrapMailer, sesStandIn, store, directory, config: changed, pacer } = reminderOverrides(c);
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
    config: { ...sender.config, ...changed },
  };
};

const backlogReaderPart = (c: Container) => new DynamoWonenBacklog(c.part(dbPart), table(c, 'reminder-dispatcher'));

/** The dispatcher's measurement of Wonen's queue: the backlog reader, its clock and the regios (WONEN_REGIOS). */
export const backlogOf = (c: Container): { backlog: WonenBacklogStore; clock: Clock; regios: Regio[] } => ({
  backlog: c.part(backlogReaderPart),
  clock: dispatcherOf(c).clock,
  regios: c.config.WONEN_REGIOS.filter((name): name is Regio => (REGIOS as readonly string[]).includes(name)),
});

// ---------------------------------------------------------------------------------------------------------------------
// The container of this process, and handlers bound to another

/**
 * A container over the configuration of the moment: rebuilt (with the same overrides) when the environment changes.
 * `now()` is the container built for the current configuration; `container` is one object that follows it.
 */
function following(overrides: Overrides): { now: () => Container; container: Container } {
  let built: Container | undefined;
  const now = (): Container => {
    const c = config();
    if (built?.config !== c) built = buildDeps(c, overrides);
    return built;
  };
  return {
    now,
    container: {
      get config() {
        return now().config;
      },
      overrides,
      part: (build) => now().part(build),
    },
  };
}

/** The process's container (a Lambda's): built from `config()`, its overrides kept when it is rebuilt. */
const processDeps = following({});

/** The container of this process (a Lambda's) for its configuration now. */
export const containerDeps: () => Container = processDeps.now;

/** The process's container as one object that follows its configuration (for code that keeps a container). */
export const processContainer: Container = processDeps.container;

/**
 * The local stack's and the test harnesses' container, whose environment is completed after they start (the API's
 * address, the inbox bucket, the reminder queue): it follows the configuration like the process's own.
 */
export function liveDeps(overrides: Overrides = {}): Container {
  return following(overrides).container;
}

/** A handler that takes its dependencies from the process's container, and `with(container)` from another. */
export type Bindable<F> = F & { with(container: Container): F };

/**
 * Makes a handler from `make`, which receives how to reach the container: the process's (`containerDeps`) for the
 * exported handler, a given one for `handler.with(container)` (the local stack, tests). No process-global hook.
 */
export function bindable<F extends object>(make: (container: () => Container) => F): Bindable<F> {
  return Object.assign(make(containerDeps), { with: (container: Container) => make(() => container) });
}

/** Replace single reminder ports of `container` (merged with earlier ones; the next invocation uses them). */
export function replaceReminderPorts(container: Container, next: ReminderOverrides): void {
  Object.assign((container.overrides.reminders ??= {}), next);
}

/** Listen to every reminder outcome of `container`'s handlers (local scheduler counts, tests); returns the unsubscribe. */
export function onReminderOutcome(container: Container, listener: (outcome: ReminderOutcome) => void): () => void {
  let set = listeners.get(container.overrides);
  if (!set) listeners.set(container.overrides, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}
