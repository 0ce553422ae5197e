/**
 * The whole system on one machine: DynamoDB Local, local SQS/S3 and SES, the dev token issuer, and the same
 * handlers behind a local API Gateway. Used by `npm start` and by the integration and end-to-end tests.
 */
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '#adapters/dynamo/create-table.js';
import { TABLE_NAME_DEFAULT } from '#adapters/dynamo/table.js';
import { liveDeps, type Container } from '#app/composition-root.js';
import { config } from '#config/config.js';
import { AdjustableClock } from '#domain/clock.js';
import { loadDirectory } from '#app/directory.js';
import type { Role } from '#domain/roles.js';
import { startLocalApi, type DevRoute, type LocalApi } from './api-gateway.js';
import { devIssuer, type DevClaims, type DevIssuer } from './dev-auth.js';
import { devOpenApiDocument } from './dev-openapi.js';
import { isRefusal, parseDevClock, parseDevToken } from './dev-requests.js';
import { ensureLocalInbox, inboundMailRoute, watchInboundFolder, wonenDigestRoute, type InboundFolder } from './inbound.js';
import { startLocalReminders, tickRoute, type LocalScheduler } from './scheduler.js';
import { localOidcProvider, OIDC_PATH, WEB_CLIENT_ID } from './oidc.js';
import { sesEventRoute } from './ses-events.js';
import { localWeb } from './web.js';
import { applyLocalEnv, startLocalServices, type LocalServices } from './services.js';

export interface LocalStackOptions {
  /** Persist data under this folder (`.data` for `npm start`); in memory when absent. */
  dataDir?: string;
  port?: number;
  /** Start the clock at this instant (tests); the real time otherwise. */
  now?: string;
  log?: (line: string) => void;
  /**
   * Run the reminder scheduler (local EventBridge Scheduler + SQS event source) every `intervalMs`; `npm start`
   * does. Tests leave it off and start their own, ticking on demand.
   */
  scheduler?: { intervalMs: number };
  /** Watch `<dataDir>/inbound/` for dropped .eml files (npm start). */
  watchInbound?: boolean;
  /** Serve the werkplek's build from this folder (`web/dist`) at the API's address, as CloudFront does on AWS. */
  webDir?: string;
  /** Lifetime of the tokens the local OpenID provider issues (default 1 h, as Cognito's web client). */
  tokenLifetimeSeconds?: number;
}

export interface LocalStack {
  api: LocalApi;
  services: LocalServices;
  clock: AdjustableClock;
  issuer: DevIssuer;
  tableName: string;
  /** The container the stack's handlers are bound to (its clock). */
  container: Container;
  scheduler?: LocalScheduler;
  token(claims: Partial<DevClaims> & { organisationId: string; role: Role }): Promise<string>;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const services = await startLocalServices({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), ...(options.log ? { log: options.log } : {}) });
  applyLocalEnv(services);
  const tableName = process.env.TABLE_NAME ?? TABLE_NAME_DEFAULT;
  process.env.TABLE_NAME = tableName;
  await ensureTable(new DynamoDBClient({}), tableName);

  await ensureLocalInbox(services);

  const clock = new AdjustableClock(options.now);
  // One container for the stack: every handler it invokes is bound to it (shared/local/functions.ts).
  const container = liveDeps({ clock });
  const issuer = await devIssuer(options.dataDir ? join(options.dataDir, 'dev-issuer.json') : undefined);
  const scheduler = options.scheduler
    ? await startLocalReminders({ clock, container, intervalMs: options.scheduler.intervalMs, ...(options.log ? { log: options.log } : {}) })
    : undefined;
  const devRoutes = [devOpenApiRoute(), clockRoute(clock), tokenRoute(issuer), inboundMailRoute(container), wonenDigestRoute(container), sesEventRoute(container), ...(scheduler ? [tickRoute(scheduler)] : [])];
  let baseUrl = '';
  const oidc = localOidcProvider({ issuer, baseUrl: () => baseUrl, ...(options.tokenLifetimeSeconds ? { tokenLifetimeSeconds: options.tokenLifetimeSeconds } : {}) });
  const web = options.webDir
    ? localWeb(options.webDir, () => ({ authority: `${baseUrl}${OIDC_PATH}`, clientId: WEB_CLIENT_ID, apiBase: '/api', environment: 'lokaal' }))
    : undefined;
  const api = await startLocalApi({ issuer, container, port: options.port, devRoutes, oidc, ...(web ? { web } : {}) });
  baseUrl = api.url;
  process.env.APP_BASE_URL ??= api.url;
  const inbound: InboundFolder | undefined =
    options.watchInbound && options.dataDir ? watchInboundFolder({ dir: join(options.dataDir, 'inbound'), container, ...(options.log ? { log: options.log } : {}) }) : undefined;

  return {
    api,
    services,
    clock,
    container,
    issuer,
    tableName,
    ...(scheduler ? { scheduler } : {}),
    token: (claims) => issuer.mint({ sub: claims.sub ?? `${claims.role}-1`, ...claims }),
    async stop() {
      inbound?.close();
      await scheduler?.stop();
      await api.close();
      await services.stop();
    },
  };
}

/** `GET /_dev/openapi.json`: the dev endpoints' own OpenAPI document (not in the API's /openapi.json). */
function devOpenApiRoute(): DevRoute {
  return async ({ method, path }) => (path === '/_dev/openapi.json' && method === 'GET' ? { status: 200, body: devOpenApiDocument() } : undefined);
}

/** `GET /_dev/clock`; `POST /_dev/clock {"now": ISO}` or `{"advanceDays": n}`: move the local time. */
function clockRoute(clock: AdjustableClock): DevRoute {
  return async ({ method, path, body }) => {
    if (path !== '/_dev/clock') return undefined;
    if (method === 'POST') {
      const request = parseDevClock(body);
      if (isRefusal(request)) return request;
      const { now, advanceDays, advanceMinutes } = request;
      if (now) clock.set(new Date(now).toISOString());
      if (typeof advanceDays === 'number') clock.advance(advanceDays * 86_400_000);
      if (typeof advanceMinutes === 'number') clock.advance(advanceMinutes * 60_000);
    }
    return { status: 200, body: { now: clock.now() } };
  };
}

/** `POST /_dev/token {"organisationId","role",…}` mints a dev token: a local convenience, never on AWS. */
function tokenRoute(issuer: DevIssuer): DevRoute {
  return async ({ method, path, body }) => {
    if (path !== '/_dev/token' || method !== 'POST') return undefined;
    const claims = parseDevToken(body, loadDirectory(config().ORGANISATIONS_FILE));
    if (isRefusal(claims)) return claims;
    const token = await issuer.mint({ sub: claims.sub ?? `${claims.role}-1`, organisationId: claims.organisationId, role: claims.role, ...(claims.teamId ? { teamId: claims.teamId } : {}), ...(claims.regio ? { regio: claims.regio } : {}) });
    return { status: 200, body: { token } };
  };
}
