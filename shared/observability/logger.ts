/**
 * The one logger of every function: one JSON line per call, on stdout (stderr for errors), which Lambda ships to the
 * function's log group as is. Every line carries
 *
 *   level, timestamp, service, function, requestId, reference (when known), msg, …fields
 *
 * so CloudWatch Logs Insights can find everything that happened to a case (`filter reference = "OMS-2026-000123"`,
 * README "Operations") or to one request (`filter requestId = …`, the id a problem+json answer names).
 *
 * Context: `withLogContext({ requestId }, fn)` runs `fn` with a request's context (the HTTP middleware, event
 * handlers); `addLogContext({ reference, caseId })` adds what a handler learns on the way (the case it resolved).
 * The context lives in an AsyncLocalStorage, not in a module variable: the local API serves concurrent requests from
 * one process, and their lines must not borrow each other's request id.
 *
 * Privacy: log identifiers and outcomes only — case ids, references, reminder ids, counts, error names — never a
 * request body, a client's pseudonym, a name or an e-mail address. As a second lock, top-level fields with a name
 * that usually holds such data (`body`, `email`, `to`, `from`, `subject`, `name`, …) are replaced by "[redacted]"
 * unless they are numbers (a recipient count is fine).
 *
 * Why our own ~100 lines and not @aws-lambda-powertools/logger (+ /metrics): we need a fraction of it (JSON lines, a
 * request id, one or two context keys, EMF lines — see metrics.ts), it would add a dependency tree to every bundle
 * and the lockfile (which must stay complete for every platform, README), and its context handling is per container
 * rather than per async request, which the local API (many requests, one process) would get wrong. The line format
 * follows Powertools' names (level, timestamp, service, function…, xray_trace_id) so moving later is cheap.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { systemClock } from '#domain/clock.js';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** What is known about the current invocation or request. */
export interface LogContext {
  requestId?: string;
  /** The case reference (OMS-2026-000123) once a handler has resolved the case. */
  reference?: string;
  caseId?: string;
  /** The function's name (functions/<name>.ts); defaults to OMSLAGROUTE_FUNCTION, then the Lambda function name. */
  function?: string;
}

const RANK: Readonly<Record<LogLevel, number>> = { DEBUG: 0, INFO: 1, WARN: 2, ERROR: 3 };
const THRESHOLD: Readonly<Record<string, number>> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

/** Field names that usually carry personal data; never logged as text. */
const REDACTED_FIELDS: ReadonlySet<string> = new Set([
  'body',
  'email',
  'to',
  'cc',
  'from',
  'subject',
  'name',
  'naam',
  'clientPseudonym',
  'recipients',
  'authorization',
  'token',
]);

const storage = new AsyncLocalStorage<LogContext>();
/** Context outside any `withLogContext` (a scheduled function that did not open one, module initialisation). */
const rootContext: LogContext = {};

/** Runs `fn` with its own log context (inheriting nothing); lines logged inside carry it. */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run({ ...context }, fn);
}

/** Adds keys to the current context (e.g. the case reference once resolved); later lines of the request carry them. */
export function addLogContext(fields: LogContext): void {
  Object.assign(storage.getStore() ?? rootContext, dropUndefined(fields));
}

/** The current context (the HTTP middleware reads the request id from it). */
export function logContext(): Readonly<LogContext> {
  return storage.getStore() ?? rootContext;
}

/** An error as log fields: its name and message, and the stack for unexpected errors. Never the error's own fields. */
export function errorFields(error: unknown, options: { stack?: boolean } = {}): Record<string, unknown> {
  if (error instanceof Error) {
    return { error: error.name, errorMessage: error.message.slice(0, 500), ...(options.stack && error.stack ? { stack: error.stack } : {}) };
  }
  return { error: String(error).slice(0, 500) };
}

/** LOG_LEVEL, else `info` on Lambda and `warn` elsewhere (tests and the local stack stay quiet: LOG_LEVEL=info npm start). */
function enabled(level: LogLevel): boolean {
  const fallback = process.env.AWS_LAMBDA_FUNCTION_NAME ? 'info' : 'warn';
  const threshold = THRESHOLD[(process.env.LOG_LEVEL ?? fallback).toLowerCase()] ?? 1;
  return RANK[level] >= threshold;
}

function dropUndefined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    out[key] = REDACTED_FIELDS.has(key) && typeof value !== 'number' ? '[redacted]' : value;
  }
  return out;
}

/** The line as written (exported for the metrics module and tests). */
function formatLine(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): string {
  const context = logContext();
  const trace = process.env._X_AMZN_TRACE_ID;
  return JSON.stringify({
    level,
    // Log lines are stamped with the real time (CloudWatch orders them by it), not the dev clock.
    timestamp: systemClock.now(),
    service: process.env.OMSLAGROUTE_SERVICE ?? 'omslagroute',
    function: context.function ?? process.env.OMSLAGROUTE_FUNCTION ?? process.env.AWS_LAMBDA_FUNCTION_NAME,
    ...dropUndefined({ requestId: context.requestId, reference: context.reference, caseId: context.caseId }),
    ...(trace ? { xray_trace_id: trace } : {}),
    msg,
    ...redact(fields),
  });
}

/** Writes one line if LOG_LEVEL lets it through (see `enabled`); `force` writes regardless (metrics must not be lost). */
export function writeLine(level: LogLevel, msg: string, fields: Record<string, unknown> = {}, force = false): void {
  if (!force && !enabled(level)) return;
  const line = formatLine(level, msg, fields);
  if (level === 'ERROR') console.error(line);
  else if (level === 'WARN') console.warn(line);
  else console.log(line);
}

export const logger = {
  debug: (msg: string, fields?: Record<string, unknown>) => writeLine('DEBUG', msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => writeLine('INFO', msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => writeLine('WARN', msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => writeLine('ERROR', msg, fields),
};

/**
 * Wraps a non-HTTP Lambda handler (schedules, SQS, EventBridge) so its lines carry the invocation's request id and
 * the function's name. The handler's signature is unchanged.
 */
export function withInvocationLog<A extends unknown[], R>(name: string, handler: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args) => {
    const context = args[1] as { awsRequestId?: unknown } | undefined;
    const requestId = typeof context?.awsRequestId === 'string' ? context.awsRequestId : undefined;
    return withLogContext({ function: name, ...(requestId ? { requestId } : {}) }, () => handler(...args));
  };
}
