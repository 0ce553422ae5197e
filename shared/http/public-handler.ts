/**
 * The part of the middy stack every HTTP function shares, without the audit trail: rendering with security headers,
 * problem+json errors, CORS for the configured origins, and the request's log context (request id, the case id of the
 * path, the case reference once known) with one `request` log line per request.
 *
 * Unaudited public functions (health, openapi, not-found) use `publicHttpHandler` from here and so never bundle the
 * DynamoDB client (the audit store): ~0.3 MB less to load on their cold starts. Authenticated functions use
 * `httpHandler` in ./handler.ts, which adds the audit trail to the same stack.
 */
import middy, { type MiddlewareObj, type Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { config } from '#config/config.js';
import { monotonicMs } from '#domain/clock.js';
import { addLogContext, errorFields, logContext, logger, withLogContext } from '#observability/logger.js';
import { problemFor, type HttpResult } from './problem.js';
import { toHttpRequest, type HttpRequest } from './request.js';
import type { Route } from './route.js';

export type Event = APIGatewayProxyEventV2;
export type Result = APIGatewayProxyStructuredResultV2;
export type MiddyRequest = Request<Event, Result, Error, Context>;
export type HttpFunction = (event: Event, context?: Context) => Promise<Result>;

const SECURITY_HEADERS: Record<string, string> = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

export function render(result: HttpResult, extraHeaders: Record<string, string> = {}): Result {
  const hasBody = result.body !== undefined;
  // A text body with its own text/* content type (the monitor CSV) goes out as it is; every other body is JSON.
  const text = typeof result.body === 'string' && /^text\//.test(result.headers?.['content-type'] ?? '');
  return {
    statusCode: result.statusCode,
    headers: {
      ...SECURITY_HEADERS,
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      ...result.headers,
      ...extraHeaders,
    },
    body: text ? (result.body as string) : hasBody ? JSON.stringify(result.body) : '',
  };
}

/** The id a caller sees (problem+json `requestId`, API access logs): API Gateway's, else Lambda's. */
export function requestIdOf(event: Event | undefined, context?: Pick<Context, 'awsRequestId'>): string {
  return event?.requestContext?.requestId ?? context?.awsRequestId ?? 'unknown';
}

/** Maps any thrown error to problem+json, once, for every HTTP function. */
function problemJson(): MiddlewareObj<Event, Result> {
  return {
    onError: async (request) => {
      const requestId = requestIdOf(request.event, request.context);
      const answer = problemFor(request.error, requestId, request.event?.rawPath);
      if (answer.statusCode >= 500) logger.error('unhandled', { route: request.event?.routeKey, ...errorFields(request.error, { stack: true }) });
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
export function allowedOrigins(raw = config().ALLOWED_ORIGINS): ReadonlySet<string> {
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
// The request's log line

/** The case each answer named (HttpResult `caseId`/`reference`), for the audit trail and the request's log line. */
const answered = new WeakMap<object, Pick<HttpResult, 'caseId' | 'reference'>>();

/** The case the handler's answer to this event named, if any. */
export function answeredCase(event: Event | undefined): Pick<HttpResult, 'caseId' | 'reference'> | undefined {
  return event ? answered.get(event) : undefined;
}

/**
 * One `request` line per request, after everything else (registered first: its `after`/`onError` run last), with the
 * route, the status and the duration; the context adds request id, case id and reference. Never the body or query.
 */
function requestLog(): MiddlewareObj<Event, Result> {
  const started = new WeakMap<object, number>();
  const line = async (request: MiddyRequest) => {
    const { caseId, reference } = answeredCase(request.event) ?? {};
    if (caseId && !logContext().caseId) addLogContext({ caseId });
    if (reference && !logContext().reference) addLogContext({ reference });
    const status = request.response?.statusCode ?? 500;
    const at = started.get(request);
    logger.info('request', { route: request.event?.routeKey, status, ...(at !== undefined ? { durationMs: Math.round(monotonicMs() - at) } : {}) });
  };
  return {
    before: async (request) => {
      started.set(request, monotonicMs());
      const caseId = request.event?.pathParameters?.caseId;
      if (caseId && /^[A-Za-z0-9_-]{1,100}$/.test(caseId)) addLogContext({ caseId });
    },
    after: line,
    onError: line,
  };
}

// ---------------------------------------------------------------------------------------------------------------------

/**
 * The shared stack around `fn`; `extra` middlewares (the audit trail) sit between CORS and problem+json, so they see
 * the rendered problem. The returned function opens the request's log context before middy runs.
 */
export function buildHttpHandler(fn: (event: Event) => Promise<HttpResult>, extra: readonly MiddlewareObj<Event, Result>[] = []): HttpFunction {
  const stack = middy<Event, Result>().use(requestLog()).use(cors());
  for (const middleware of extra) stack.use(middleware);
  // Registered last, so its onError runs first: the audit, CORS and the request line see the rendered problem.
  const handler = stack.use(problemJson()).handler(async (event) => {
    const result = await fn(event);
    if (result.caseId || result.reference) answered.set(event, { ...(result.caseId ? { caseId: result.caseId } : {}), ...(result.reference ? { reference: result.reference } : {}) });
    return render(result);
  });
  return (event, context) =>
    withLogContext({ requestId: requestIdOf(event, context) }, () => handler(event, context as Context));
}

/** An HTTP function open to anyone (health, the OpenAPI document, the not-found answer). Not audited. */
export function publicHttpHandler(fn: (request: HttpRequest) => Promise<HttpResult>): HttpFunction {
  return buildHttpHandler((event) => fn(toHttpRequest(event)));
}

/** The Lambda of a public route (./route.ts): no principal, no dependencies, not audited. */
export function publicLambdaFor(route: Route<undefined>): HttpFunction {
  return publicHttpHandler((request) => route.answer(request, undefined, () => undefined));
}
