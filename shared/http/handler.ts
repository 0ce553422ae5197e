/**
 * The middy stack every HTTP function shares: request parsing, the caller's identity, problem+json errors,
 * security headers, and a structured log line per failure. Handlers stay thin: parse, authorise, call, respond.
 */
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Principal } from '#domain/roles.js';
import { problemFor, type HttpResult } from './problem.js';
import { principalOf, toHttpRequest, type HttpRequest } from './request.js';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

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

export interface Authenticated {
  principal: Principal;
}

function build(fn: (event: Event) => Promise<HttpResult>) {
  return middy<Event, Result>()
    .use(problemJson())
    .handler(async (event) => render(await fn(event)));
}

/** An HTTP function open to anyone (health, the OpenAPI document, the not-found answer). */
export function publicHttpHandler(fn: (request: HttpRequest) => Promise<HttpResult>) {
  return build((event) => fn(toHttpRequest(event)));
}

/** An HTTP function for an authenticated caller; the principal comes from the verified token only. */
export function httpHandler(fn: (request: HttpRequest & Authenticated) => Promise<HttpResult>) {
  return build((event) => {
    const principal = principalOf(event);
    return fn({ ...toHttpRequest(event), principal });
  });
}

/** An idempotent use case's answer as an HTTP result; a replay says so in a header. */
export function fromAnswer(answer: { statusCode: number; body: unknown; headers?: Record<string, string>; replayed?: boolean }): HttpResult {
  return {
    statusCode: answer.statusCode,
    body: answer.body,
    headers: { ...answer.headers, ...(answer.replayed ? { 'idempotency-replayed': 'true' } : {}) },
  };
}
