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

// ---------------------------------------------------------------------------------------------------------------------
// The parts

const table = (c: Container, part: string) => required(c.config, 'TABLE_NAME', part);
const clockOf = (c: Container): Clock => c.overrides.clock ?? systemClock;
const reminderOverrides = (c: Container): ReminderOverrides => c.overrides.reminders ?? {};

export const dbPart = (_: Container) => createDocumentClient();
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

export const privacyPart = (c: Container): PrivacyDeps & Deps => {
  const store = new DynamoPrivacyStore(c.part(dbPart), table(c, 'privacy'));
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
    new SesMailer(createSesClient(), { from: required(c.config, 'MAIL_FROM', 'wonen'), ...(c.config.SES_CONFIGURATION_SET ? { configurationSet: c.config.SES_CONFIGURATION_SET } : {}) }),
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
    observe,
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
    mailer: new SesMailer(ses, { from: required(c.config, 'MAIL_FROM', part), ...(c.config.SES_CONFIGURATION_SET ? { configurationSet: c.config.SES_CONFIGURATION_SET } : {}) }),
    pacer: sendPacer({ accountRate: maxSendRate ? async () => maxSendRate : () => readSendRate(ses), senders: reminderOverrides(c).sendersSharingRate ?? REMINDER_QUEUE.maxConcurrency }),
    directory,
    suppressions: new RecipientFilter(new DynamoBounceStore(c.part(dbPart), tableName), directory),
    clock: systemClock,
    config: reminderConfigOf(c.config),
    newToken: randomUUID,
    observe,
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
// The container of this process

const defaults: Overrides = {};
let current: Container | undefined;

/** The container of this process: built from `config()` with the default overrides; rebuilt when either changes. */
export function containerDeps(): Container {
  const c = config();
  if (current?.config !== c) current = buildDeps(c, defaults);
  return current;
}

// The parts of the process's container, by name: what the function files take.
export const appDeps = (): Deps => containerDeps().part(appPart);
export const privacyDeps = (): PrivacyDeps & Deps => containerDeps().part(privacyPart);
export const wonenEnv = (): WonenEnv => containerDeps().part(wonenEnvPart);
export const wonenDeps = (): WonenDeps => containerDeps().part(wonenPart);
export const unmatchedDeps = (): WonenDeps & { mail?: MailObjectStore } => containerDeps().part(unmatchedPart);
export const inboundDeps = (): InboundDeps => containerDeps().part(inboundPart);
export const digestDeps = (): DigestDeps & { regios: Regio[] } => containerDeps().part(digestPart);
export const inboxObjects = (): S3MailStore | undefined => containerDeps().part(inboxObjectsPart);
export const bounceDeps = (): BounceDeps => containerDeps().part(bouncesPart);
export const mailEventDeps = (): MailEventDeps => containerDeps().part(mailEventsPart);
export const monitorDeps = (): MonitorDeps => containerDeps().part(monitorPart);
export const userDeps = (): { users: UserDirectory } => containerDeps().part(usersPart);
export const dispatcherDeps = (): DispatcherDeps => dispatcherOf(containerDeps());
export const senderDeps = (): SenderDeps => senderOf(containerDeps());
export const backlogDeps = (): { backlog: WonenBacklogStore; clock: Clock; regios: Regio[] } => backlogOf(containerDeps());

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
