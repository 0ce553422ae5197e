/**
 * One route, defined once (issue 15 point 5): method and path, the schemas of its path parameters, body and query,
 * whether it honours If-Match, what it answers, and its handler. The definition feeds the Lambda (`lambdaFor` in
 * ./lambda.ts, `publicLambdaFor` in ./public-handler.ts), the CDK routes and the local router (./routes.ts) and the
 * OpenAPI document (./openapi.ts). The handler receives what the definition declares, already parsed: no handler
 * parses again, and the idempotency request of a POST is built here, once.
 *
 * This module is light on purpose (no middy, no audit trail, no SDK): a route module imports it and its own use case
 * only, so one route can be imported without the others.
 */
import type * as z from 'zod';
import type { IdempotentRequest } from '#app/idempotency.js';
import { REFERENCE } from '#domain/case.js';
import type { Principal } from '#domain/roles.js';
import type { FunctionName, Method, RoutePath } from './paths.js';
import type { HttpResult } from './problem.js';
import { expectedVersionOf, idempotencyKeyOf, parseWith, type HttpRequest } from './request.js';
import type { ResponseName } from './responses.js';

/** What a route is, without its handler: what OpenAPI, CDK and the routers read. */
export interface RouteDefinition extends RoutePath {
  operationId: string;
  summary: string;
  tags: string[];
  /** The path parameters' schema, when the handler needs more than strings (a number, a checked format). */
  params?: z.ZodType;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Answers 201 (OpenAPI). Every POST honours Idempotency-Key, creating or not. */
  creates?: boolean;
  /** Honours If-Match: the handler receives `expectedVersion`. */
  conditional?: boolean;
  source?: string;
  /**
   * The success answer's schema, by its name in shared/http/responses.ts (the OpenAPI document's components); absent:
   * 204 No Content.
   */
  response?: ResponseName;
  /** Text media types the 200 answer may also have (e.g. `text/csv`), besides JSON. */
  textResponses?: string[];
}

type Schema = z.ZodType | undefined;
type Parsed<S, Otherwise> = S extends z.ZodType ? z.output<S> : Otherwise;

/** What a handler receives: the request as its route declares it, parsed. */
export interface RouteInput<P, B, Q, M extends Method, A extends boolean> {
  params: Parsed<P, Record<string, string | undefined>>;
  body: Parsed<B, undefined>;
  query: Parsed<Q, Record<string, string | undefined>>;
  /** The caller, from the verified token (authenticated routes). */
  principal: A extends true ? Principal : undefined;
  /** A POST's Idempotency-Key (required) with what a replay is recognised by. */
  idempotency: M extends 'POST' ? IdempotentRequest : undefined;
  /** If-Match of a conditional route; undefined when absent. */
  expectedVersion: number | undefined;
  /** The request itself, for what no schema covers (the path of a draft's form, headers). */
  request: HttpRequest;
}

/** A defined route: its definition and how to answer a request with given dependencies. */
export interface Route<D = unknown> extends RouteDefinition {
  /** Parses what the route declares (Idempotency-Key, If-Match, params, query, body: in that order), then handles. */
  answer(request: HttpRequest, principal: Principal | undefined, deps: () => D): Promise<HttpResult>;
}

export interface RouteSpec<M extends Method, A extends boolean, P extends Schema, B extends Schema, Q extends Schema, D> extends RouteDefinition {
  method: M;
  authenticated: A;
  params?: P;
  body?: B;
  query?: Q;
  /** What the query schema parses; the query string by default (the monitor's `.csv` suffix adds `format`). */
  queryOf?: (request: HttpRequest) => unknown;
  handler: (input: RouteInput<P, B, Q, M, A>, deps: D) => Promise<HttpResult>;
}

export function defineRoute<M extends Method, A extends boolean, D = undefined, P extends Schema = undefined, B extends Schema = undefined, Q extends Schema = undefined>(
  spec: RouteSpec<M, A, P, B, Q, D>,
): Route<D> {
  const { handler, queryOf, ...definition } = spec;
  return {
    ...definition,
    answer: async (request, principal, deps) => {
      const idempotency: IdempotentRequest | undefined =
        spec.method === 'POST' ? { key: idempotencyKeyOf(request), method: request.method, path: request.path, body: request.body } : undefined;
      const expectedVersion = spec.conditional ? expectedVersionOf(request) : undefined;
      const params: unknown = spec.params ? parseWith(spec.params, request.params, 'params') : request.params;
      const query: unknown = spec.query ? parseWith(spec.query, queryOf ? queryOf(request) : request.query, 'query') : request.query;
      const body: unknown = spec.body ? parseWith(spec.body, request.body, 'body') : undefined;
      const input = { params, query, body, principal, idempotency, expectedVersion, request } as RouteInput<P, B, Q, M, A>;
      return handler(input, deps());
    },
  };
}

/** The case a use case's answer names, for the audit trail and the request's log line (an object, never re-parsed). */
export function caseOf(body: unknown): Pick<HttpResult, 'caseId' | 'reference'> {
  if (body === null || typeof body !== 'object') return {};
  const { caseId, reference, case: nested } = body as { caseId?: unknown; reference?: unknown; case?: { reference?: unknown } };
  const ref = reference ?? nested?.reference;
  return {
    ...(typeof caseId === 'string' ? { caseId } : {}),
    ...(typeof ref === 'string' && REFERENCE.test(ref) ? { reference: ref } : {}),
  };
}

/** An idempotent use case's answer as an HTTP result; a replay says so in a header. */
export function fromAnswer(answer: { statusCode: number; body: unknown; headers?: Record<string, string>; replayed?: boolean }): HttpResult {
  return {
    statusCode: answer.statusCode,
    body: answer.body,
    headers: { ...answer.headers, ...(answer.replayed ? { 'idempotency-replayed': 'true' } : {}) },
    ...caseOf(answer.body),
  };
}

export type { FunctionName };
