/**
 * The one place errors become HTTP answers: RFC 9457 problem+json. Unknown errors become a bare 500 with the
 * request id; no stack trace or message of an unexpected error ever reaches a caller.
 */
import { DomainError, StoreUnavailable } from '#domain/errors.js';

export interface HttpResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** The case the answer concerns, when the handler knows it: the audit trail of a created case, the log line. */
  caseId?: string;
  reference?: string;
}

const PROBLEM_TYPE_BASE = 'https://omslagroute.example/problems/';

export function problemFor(error: unknown, requestId: string, instance?: string): HttpResult {
  if (error instanceof DomainError) {
    return {
      statusCode: error.status,
      headers: {
        'content-type': 'application/problem+json',
        ...(error.status === 405 ? { allow: (error.extensions.allowed as string[]).join(', ') } : {}),
        ...(error.status === 503 ? { 'retry-after': String(error instanceof StoreUnavailable ? error.retryAfterSeconds : 5) } : {}),
      },
      body: {
        type: PROBLEM_TYPE_BASE + kebab(error.name),
        title: error.title,
        status: error.status,
        detail: error.message,
        ...(instance ? { instance } : {}),
        requestId,
        ...error.extensions,
      },
    };
  }
  return {
    statusCode: 500,
    headers: { 'content-type': 'application/problem+json' },
    body: {
      type: PROBLEM_TYPE_BASE + 'internal',
      title: 'Er ging iets mis',
      status: 500,
      detail: 'Probeer het later opnieuw; noem dit requestId als het blijft gebeuren.',
      requestId,
    },
  };
}

function kebab(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}
