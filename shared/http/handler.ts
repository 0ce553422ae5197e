/**
 * The middy stack every HTTP function shares: request parsing, the caller's identity, problem+json errors,
 * security headers, CORS for the configured origins, the audit trail, and a structured log line per failure.
 * Handlers stay thin: parse, authorise, call, respond.
 *
 * Audit (issue "Who may see and do what"): every authenticated request that concerns a case — a `{caseId}` path
 * parameter, or a case created by the request — is recorded under that case id after the handler, with its outcome
 * (also 403/404: refused attempts are recorded under the requested id). List reads are recorded per organisation.
 * - A read whose audit entry cannot be written is not answered (503): no audit, no access.
 * - A write has already been committed when it is recorded: a failed audit write is logged and counted
 *   (metric `AuditWriteFailed`, alarmed) but does not turn the committed change into an error for the caller.
 */
import { createHash } from 'node:crypto';
import middy, { type MiddlewareObj, type Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { AuditUnavailable, privacyDeps, recordAudit, type AuditEntry } from '#app/audit.js';
import type { Principal } from '#domain/roles.js';
import { problemFor, type HttpResult } from './problem.js';
import { principalOf, toHttpRequest, type HttpRequest } from './request.js';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;
type MiddyRequest = Request<Event, Result, Error, Context>;

const SECURITY_HEADERS: Record<string, string> = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

function render(result: HttpResult, extraHeaders: Record<string, string> = {}): Result {
  const hasBody = result.body !== undefined;
  return {
    statusCode: result.statusCode,
    headers: {
      ...SECURITY_HEADERS,
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      ...result.headers,
      ...extraHeaders,
    },
    body: hasBody ? JSON.stringify(result.body) : '',
  };
}

/** Maps any thrown error to problem+json, once, for every HTTP function. */
function problemJson(): MiddlewareObj<Event, Result> {
  return {
    onError: async (request) => {
      const requestId = request.event?.requestContext?.requestId ?? request.context?.awsRequestId ?? 'unknown';
      const answer = problemFor(request.error, requestId, request.event?.rawPath);
      if (answer.statusCode >= 500) {
        console.error(JSON.stringify({ level: 'ERROR', msg: 'unhandled', requestId, error: String(request.error), stack: (request.error as Error)?.stack }));
      }
      request.response = render(answer);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// CORS: only the configured origins (env ALLOWED_ORIGINS, comma-separated, exact origins; never `*`). On AWS the HTTP
// API's CORS configuration answers preflights; locally the `$default` function answers them through this middleware.

const CORS_ALLOW_HEADERS = 'authorization, content-type, idempotency-key, if-match';
const CORS_EXPOSE_HEADERS = 'etag, location, idempotency-replayed, content-disposition';

let originsCache: { raw: string; origins: ReadonlySet<string> } | undefined;

/** The allowed origins; a malformed entry fails loudly, naming the variable. */
export function allowedOrigins(raw = process.env.ALLOWED_ORIGINS ?? ''): ReadonlySet<string> {
  if (originsCache?.raw === raw) return originsCache.origins;
  const origins = new Set<string>();
  for (const entry of raw.split(',').map((o) => o.trim()).filter(Boolean)) {
    let origin: string | undefined;
    try {
      origin = new URL(entry).origin;
    } catch {
      origin = undefined;
    }
    if (entry === '*' || origin !== entry || !/^https?:$/.test(new URL(entry).protocol)) {
      throw new Error(`Configuration error: ALLOWED_ORIGINS: '${entry}' is not an exact origin like https://omslagroute.amsterdam.nl`);
    }
    origins.add(origin);
  }
  originsCache = { raw, origins };
  return origins;
}

function corsHeadersFor(event: Event | undefined): Record<string, string> {
  const origin = event?.headers?.origin ?? event?.headers?.Origin;
  if (!origin) return {};
  let allowed = false;
  try {
    allowed = allowedOrigins().has(origin);
  } catch {
    allowed = false; // reported by `before`; never allow on a broken configuration
  }
  return allowed
    ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': CORS_EXPOSE_HEADERS, vary: 'origin' }
    : { vary: 'origin' };
}

function cors(): MiddlewareObj<Event, Result> {
  const addHeaders = async (request: MiddyRequest) => {
    if (request.response) request.response = { ...request.response, headers: { ...request.response.headers, ...corsHeadersFor(request.event) } };
  };
  return {
    before: async (request) => {
      allowedOrigins(); // fail loudly on a bad configuration
      const method = request.event.requestContext?.http?.method?.toUpperCase();
      if (method === 'OPTIONS' && request.event.headers?.['access-control-request-method']) {
        const headers = corsHeadersFor(request.event);
        const preflight = headers['access-control-allow-origin']
          ? { ...headers, 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': CORS_ALLOW_HEADERS, 'access-control-max-age': '600' }
          : headers;
        return render({ statusCode: 204 }, preflight);
      }
      return undefined;
    },
    after: addHeaders,
    onError: addHeaders,
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Audit

const SAFE_CASE_ID = /^[A-Za-z0-9_-]{1,100}$/;
const audited = new WeakSet<object>();

/** The case id as recorded: as requested when it looks like an id, else a hash (no raw attacker input as a key). */
function auditCaseId(raw: string): string {
  return SAFE_CASE_ID.test(raw) ? raw : `invalid-${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`;
}

/** The last literal segment of the route: `aanvraag-urgentie`, `consent`, `audit`, `cases`. */
function actionOf(routeKey: string): string | undefined {
  const path = routeKey.split(' ')[1] ?? '';
  return path.split('/').filter((s) => s && !s.startsWith('{')).pop();
}

function createdCaseId(result: Result | undefined): string | undefined {
  if (!result || result.statusCode !== 201 || typeof result.body !== 'string' || !result.body) return undefined;
  try {
    const id = (JSON.parse(result.body) as { caseId?: unknown }).caseId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

function auditEntryFor(request: MiddyRequest, principal: Principal, at: string): AuditEntry {
  const event = request.event;
  const method = event.requestContext.http.method.toUpperCase();
  const kind: AuditEntry['kind'] = method === 'GET' || method === 'HEAD' ? 'read' : 'write';
  const status = request.response?.statusCode ?? 500;
  const requested = event.pathParameters?.caseId ?? (kind === 'write' ? createdCaseId(request.response ?? undefined) : undefined);
  const action = actionOf(event.routeKey);
  const base = {
    at,
    requestId: event.requestContext.requestId,
    userId: principal.userId,
    organisationId: principal.organisationId,
    role: principal.role,
    kind,
    route: event.routeKey,
    ...(action ? { action } : {}),
    status,
  };
  if (requested !== undefined) return { ...base, caseId: auditCaseId(requested) };
  const query = Object.fromEntries(
    Object.entries(event.queryStringParameters ?? {})
      .filter(([name, value]) => name !== 'cursor' && value !== undefined)
      .map(([name, value]) => [name.slice(0, 40), String(value).slice(0, 100)]),
  );
  return { ...base, listOf: principal.organisationId, ...(Object.keys(query).length ? { query } : {}) };
}

function auditTrail(): MiddlewareObj<Event, Result> {
  const record = async (request: MiddyRequest) => {
    if (audited.has(request)) return;
    audited.add(request);
    let principal: Principal;
    try {
      principal = principalOf(request.event);
    } catch {
      return; // no identified caller (401): nothing was read or written
    }
    let entry: AuditEntry | undefined;
    try {
      const deps = privacyDeps();
      entry = auditEntryFor(request, principal, deps.clock.now());
      await recordAudit(deps.audit, entry);
    } catch (error) {
      const requestId = request.event.requestContext?.requestId;
      // Embedded metric format: CloudWatch turns this line into the AuditWriteFailed metric, which is alarmed.
      console.error(
        JSON.stringify({
          level: 'ERROR',
          msg: 'audit-write-failed',
          requestId,
          caseId: entry?.caseId,
          route: request.event.routeKey,
          status: request.response?.statusCode,
          error: String(error),
          service: 'omslagroute-api',
          AuditWriteFailed: 1,
          _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: 'Omslagroute', Dimensions: [['service']], Metrics: [{ Name: 'AuditWriteFailed', Unit: 'Count' }] }] },
        }),
      );
      const isRead = entry?.kind === 'read' || request.event.requestContext.http.method.toUpperCase() === 'GET';
      if (isRead && (request.response?.statusCode ?? 500) < 400) throw new AuditUnavailable();
    }
  };
  return { after: record, onError: record };
}

// ---------------------------------------------------------------------------------------------------------------------

export interface Authenticated {
  principal: Principal;
}

function build(fn: (event: Event) => Promise<HttpResult>, options: { audit: boolean }) {
  const handler = middy<Event, Result>().use(cors());
  if (options.audit) handler.use(auditTrail());
  // Registered last, so its onError runs first: the audit and CORS see the rendered problem.
  return handler.use(problemJson()).handler(async (event) => render(await fn(event)));
}

/** An HTTP function open to anyone (health, the OpenAPI document, the not-found answer). */
export function publicHttpHandler(fn: (request: HttpRequest) => Promise<HttpResult>) {
  return build((event) => fn(toHttpRequest(event)), { audit: false });
}

/** An HTTP function for an authenticated caller; the principal comes from the verified token only. Audited. */
export function httpHandler(fn: (request: HttpRequest & Authenticated) => Promise<HttpResult>) {
  return build(
    (event) => {
      const principal = principalOf(event);
      return fn({ ...toHttpRequest(event), principal });
    },
    { audit: true },
  );
}

/** An idempotent use case's answer as an HTTP result; a replay says so in a header. */
export function fromAnswer(answer: { statusCode: number; body: unknown; headers?: Record<string, string>; replayed?: boolean }): HttpResult {
  return {
    statusCode: answer.statusCode,
    body: answer.body,
    headers: { ...answer.headers, ...(answer.replayed ? { 'idempotency-replayed': 'true' } : {}) },
  };
}
