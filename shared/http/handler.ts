/**
 * The middy stack of every authenticated HTTP function: the shared stack of ./public-handler.ts (problem+json errors,
 * security headers, CORS for the configured origins, the request's log context and log line) plus the caller's
 * identity and the audit trail. Handlers stay thin: parse, authorise, call, respond.
 *
 * Audit (issue "Who may see and do what"): every authenticated request that concerns a case — a `{caseId}` path
 * parameter, or a case created by the request — is recorded under that case id after the handler, with its outcome
 * (also 403/404: refused attempts are recorded under the requested id). List reads are recorded per organisation.
 * - A read whose audit entry cannot be written is not answered (503): no audit, no access.
 * - A write has already been committed when it is recorded: a failed audit write is logged and counted
 *   (metric `AuditWriteFailed`, alarmed) but does not turn the committed change into an error for the caller.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import { AuditUnavailable, recordAudit, type AuditEntry, type AuditStore } from '#app/audit.js';
import type { Clock } from '#domain/clock.js';
import { NotFound, StoreUnavailable } from '#domain/errors.js';
import type { Principal } from '#domain/roles.js';
import { AUDIT_WRITE_FAILED, putMetrics } from '#observability/metrics.js';
import { errorFields } from '#observability/logger.js';
import type { HttpResult } from './problem.js';
import { answeredCase, buildHttpHandler, type Event, type HttpFunction, type MiddyRequest, type Result } from './public-handler.js';
import { principalOf, toHttpRequest, type HttpRequest } from './request.js';
import type { Route } from './route.js';

// Unaudited public functions import these from ./public-handler.js directly (no DynamoDB client in their bundles);
// re-exported for code that already imports them from here.
export { allowedOrigins, publicHttpHandler } from './public-handler.js';

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

function auditEntryFor(request: MiddyRequest, principal: Principal, at: string): AuditEntry {
  const event = request.event;
  const method = event.requestContext.http.method.toUpperCase();
  const kind: AuditEntry['kind'] = method === 'GET' || method === 'HEAD' ? 'read' : 'write';
  const status = request.response?.statusCode ?? 500;
  // A case created by the request: the handler's answer names it (a 201 only; a replayed or refused create names none).
  const created = kind === 'write' && status === 201 ? answeredCase(event)?.caseId : undefined;
  const requested = event.pathParameters?.caseId ?? created;
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

/** What the audit trail writes with: the store and the clock of the entry. */
export interface AuditDeps {
  audit: AuditStore;
  clock: Clock;
}

function auditTrail(auditing: () => AuditDeps): MiddlewareObj<Event, Result> {
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
      const deps = auditing();
      entry = auditEntryFor(request, principal, deps.clock.now());
      // The table did not answer this request (503): its audit entry would wait for the same table and hold the 503
      // back past the function's timeout. Counted as a failed audit write (alarmed); nothing was read or changed.
      if (request.error instanceof StoreUnavailable) throw request.error;
      await recordAudit(deps.audit, entry);
    } catch (error) {
      // One line that is both the log entry and, as embedded metric format, the AuditWriteFailed metric (alarmed).
      putMetrics(
        { AuditWriteFailed: 1 },
        {
          level: 'ERROR',
          msg: 'audit-write-failed',
          dimensions: { ...AUDIT_WRITE_FAILED.dimensions },
          fields: { caseId: entry?.caseId, route: request.event.routeKey, status: request.response?.statusCode, ...errorFields(error) },
        },
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

/** An HTTP function for an authenticated caller; the principal comes from the verified token only. Audited. */
export function httpHandler(fn: (request: HttpRequest & Authenticated) => Promise<HttpResult>, auditing: () => AuditDeps): HttpFunction {
  return buildHttpHandler(
    (event) => {
      const principal = principalOf(event);
      return fn({ ...toHttpRequest(event), principal });
    },
    [auditTrail(auditing)],
  );
}

/**
 * The Lambda of one authenticated route (./route.ts); `deps` builds what its handler needs (after the request
 * parsed), `auditing` what the audit trail writes with.
 */
export function lambdaFor<D>(route: Route<D>, deps: () => D, auditing: () => AuditDeps): HttpFunction {
  return lambdaForRoutes([route], deps, auditing);
}

/**
 * The Lambda of a function that serves several routes (drafts, a form per route), chosen by API Gateway's route key.
 * An event for none of them (API Gateway sends none) answers `unknown`'s error, by default 404.
 */
export function lambdaForRoutes<D>(
  routes: readonly Route<D>[],
  deps: () => D,
  auditing: () => AuditDeps,
  options: { unknown?: (request: HttpRequest) => Error } = {},
): HttpFunction {
  const byKey = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
  return httpHandler(async (request) => {
    const route = byKey.get(request.routeKey) ?? (routes.length === 1 ? routes[0] : undefined);
    if (!route) throw options.unknown?.(request) ?? new NotFound(`Geen route voor ${request.method} ${request.path}`);
    return route.answer(request, request.principal, deps);
  }, auditing);
}
