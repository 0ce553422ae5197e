/**
 * Production dependencies of the Wonen functions, built once per container from the validated environment. The case
 * store and clock come from the shared appDeps() (so the local stack's clock moves these functions too).
 *
 * The woonzaken address (digest, refusal notices) comes from the organisation directory (the `gemeente` organisation
 * that serves the regio; ORGANISATIONS_FILE, else the bundled config/organisations.local.json); WOONZAKEN_ADDRESS is
 * the fallback for the mailbox's regio when the directory names none.
 */
import { createDocumentClient } from '#adapters/dynamo/client.js';
import { DynamoBounceStore } from '#adapters/dynamo/bounce-store.js';
import { DynamoWonenStore } from '#adapters/dynamo/wonen-store.js';
import { createS3Client, S3MailStore } from '#adapters/s3/mail-store.js';
import { createSesClient, SesMailer } from '#adapters/ses/mailer.js';
import { config, type Config } from '#config/config.js';
import { REGIOS, type Regio } from '#domain/case.js';
import type { OrganisationDirectory } from '#domain/directory.js';
import { loadDirectory } from '../directory.js';
import { RecipientFilter, suppressingMailer } from '../mail-health/suppression.js';
import type { Mailer } from '../ports.js';
import { appDeps } from '../wiring.js';
import type { DigestDeps } from './digest.js';
import type { InboundDeps } from './inbound.js';
import type { MailObjectStore } from './ports.js';
import type { WonenDeps } from './queue.js';

/** The Wonen part of the one configuration (shared/config/config.ts), with its regios checked against the domain's. */
export type WonenEnv = Omit<Config, 'INBOX_REGIO' | 'DIGEST_REGIOS'> & { INBOX_REGIO: Regio; DIGEST_REGIOS: Regio[] };

function regioOf(name: string, value: string): Regio {
  if (!(REGIOS as readonly string[]).includes(value)) throw new Error(`Configuration error (wonen): ${name}: '${value}' is not one of ${REGIOS.join(', ')}`);
  return value as Regio;
}

export function wonenEnv(): WonenEnv {
  const c = config();
  return { ...c, INBOX_REGIO: regioOf('INBOX_REGIO', c.INBOX_REGIO), DIGEST_REGIOS: c.DIGEST_REGIOS.map((r) => regioOf('DIGEST_REGIOS', r)) };
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`Configuration error (wonen): ${name} is required`);
  return value;
}

/** The gemeente organisation (directie Wonen) of a regio in the directory. */
function gemeenteOf(directory: OrganisationDirectory, of: Regio) {
  return directory.document.organisations.find((o) => o.kind === 'gemeente' && o.regios.includes(of));
}

/** The woonzaken address of a regio: the directory, else WOONZAKEN_ADDRESS for the inbox's regio. */
export function woonzakenAddressFor(e: WonenEnv, directory: OrganisationDirectory): (of: Regio) => string | undefined {
  return (of) => gemeenteOf(directory, of)?.mailbox ?? (of === e.INBOX_REGIO ? e.WOONZAKEN_ADDRESS : undefined);
}

function tableName(): string {
  return required(config().TABLE_NAME, 'TABLE_NAME');
}

interface Built {
  base: ReturnType<typeof appDeps>;
  wonen: DynamoWonenStore;
}

let built: Built | undefined;
let cachedMailer: Mailer | undefined;
let cachedMailStore: S3MailStore | undefined;
let cachedDirectory: OrganisationDirectory | undefined;

/** Queue and unmatched-list endpoints. */
export function wonenDeps(): WonenDeps {
  const base = appDeps();
  // Rebuilt when the shared dependencies were reset (tests pointing the module at another local server).
  if (!built || built.base.store !== base.store) built = { base, wonen: new DynamoWonenStore(createDocumentClient(), tableName()) };
  return { ...base, wonen: built.wonen };
}

/** The unmatched-list endpoints: also the inbox bucket's parts, to read a mail's body text (none without an inbox). */
export function unmatchedDeps(): WonenDeps & { mail?: MailObjectStore } {
  const e = wonenEnv();
  return { ...wonenDeps(), ...(e.INBOX_BUCKET ? { mail: mailStore(e) } : {}) };
}

function directory(e: WonenEnv): OrganisationDirectory {
  cachedDirectory ??= loadDirectory(e.ORGANISATIONS_FILE);
  return cachedDirectory;
}

function mailer(e: WonenEnv): Mailer {
  // Bounces and complaints: suppressed addresses get their organisation's functional mailbox (shared/app/mail-health).
  cachedMailer ??= suppressingMailer(
    new SesMailer(createSesClient(), {
      from: required(e.MAIL_FROM, 'MAIL_FROM'),
      ...(e.SES_CONFIGURATION_SET ? { configurationSet: e.SES_CONFIGURATION_SET } : {}),
    }),
    new RecipientFilter(new DynamoBounceStore(createDocumentClient(), tableName()), directory(e)),
  );
  return cachedMailer;
}

function mailStore(e: WonenEnv): S3MailStore {
  cachedMailStore ??= new S3MailStore(createS3Client(), required(e.INBOX_BUCKET, 'INBOX_BUCKET'), e.INBOX_KMS_KEY_ID);
  return cachedMailStore;
}

/** The inbox bucket's objects, for the retention sweeper to erase a case's mail parts; none where there is no inbox. */
export function inboxObjects(): S3MailStore | undefined {
  const e = wonenEnv();
  return e.INBOX_BUCKET ? mailStore(e) : undefined;
}

/** The inbound-mail function (S3 event) and the local drop folder / dev endpoint. */
export function inboundDeps(): InboundDeps {
  const e = wonenEnv();
  const dir = directory(e);
  cachedMailStore = mailStore(e);
  const noticeTo = woonzakenAddressFor(e, dir)(e.INBOX_REGIO);
  return {
    ...wonenDeps(),
    mail: cachedMailStore,
    mailboxRegio: e.INBOX_REGIO,
    inboxActor: { userId: 'systeem:woonzaken-inbox', organisationId: gemeenteOf(dir, e.INBOX_REGIO)?.id ?? e.WONEN_ORGANISATION_ID, role: 'medewerker-wonen' },
    ...(noticeTo && e.MAIL_FROM ? { notice: { mailer: mailer(e), to: noticeTo, appBaseUrl: e.APP_BASE_URL } } : {}),
  };
}

/** The daily digest (EventBridge Scheduler). */
export function digestDeps(): DigestDeps & { regios: Regio[] } {
  const e = wonenEnv();
  const { wonen, clock } = wonenDeps();
  return {
    wonen,
    clock,
    mailer: mailer(e),
    woonzakenAddress: woonzakenAddressFor(e, directory(e)),
    queueUrl: `${e.APP_BASE_URL.replace(/\/$/, '')}/wonen/wachtrij`,
    regios: e.DIGEST_REGIOS,
  };
}

/** Forget built dependencies (the environment is read again on next use). */
export function resetWonenDeps(): void {
  built = undefined;
  cachedMailer = undefined;
  cachedMailStore = undefined;
  cachedDirectory = undefined;
}
