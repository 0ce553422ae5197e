/** Turning an API Gateway HTTP API (payload v2) event into a typed request, and validation helpers. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { PayloadTooLarge, Unauthenticated, ValidationFailed, type FieldError } from '#domain/errors.js';
import { ROLES, type Principal, type Role } from '#domain/roles.js';

export const MAX_BODY_BYTES = 256 * 1024;

export interface HttpRequest {
  method: string;
  path: string;
  routeKey: string;
  requestId: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  params: Record<string, string>;
  /** Parsed JSON body (undefined when there is none). */
  body: unknown;
}

/** API Gateway's JWT authorizer puts the verified claims here; locally the dev issuer does the same. */
type EventWithJwt = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
};

export function toHttpRequest(event: APIGatewayProxyEventV2): HttpRequest {
  const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v ?? '']));
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath,
    routeKey: event.routeKey,
    requestId: event.requestContext.requestId,
    headers,
    query: Object.fromEntries(Object.entries(event.queryStringParameters ?? {}).map(([k, v]) => [k, v ?? ''])),
    params: Object.fromEntries(Object.entries(event.pathParameters ?? {}).map(([k, v]) => [k, v ?? ''])),
    body: parseBody(event, headers),
  };
}

function parseBody(event: APIGatewayProxyEventV2, headers: Record<string, string>): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw new PayloadTooLarge(MAX_BODY_BYTES);
  const type = headers['content-type'] ?? '';
  if (type && !/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new ValidationFailed([{ path: 'headers.content-type', message: 'Verwacht application/json' }]);
  }
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new ValidationFailed([{ path: 'body', message: `Ongeldige JSON: ${(error as Error).message}` }]);
  }
}

/** Claim formats: ids end up in keys (`ORG#…`, idempotency scopes), so they are checked, never trusted blindly. */
const ORGANISATION_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
const USER_ID = /^[A-Za-z0-9@._:+-]{1,128}$/;
const REGIO = /^[a-z0-9-]{1,40}$/;

/** The caller, from verified token claims only (never from the body). */
export function principalOf(event: APIGatewayProxyEventV2): Principal {
  const claims = (event as EventWithJwt).requestContext.authorizer?.jwt?.claims;
  const userId = claims?.sub;
  const organisationId = claims?.['custom:org'];
  const role = claims?.['custom:role'];
  if (typeof userId !== 'string' || typeof organisationId !== 'string' || !ROLES.includes(role as Role)) {
    throw new Unauthenticated('Het token mist organisatie of rol.');
  }
  if (!USER_ID.test(userId) || !ORGANISATION_ID.test(organisationId)) {
    throw new Unauthenticated('Het token bevat een ongeldige gebruiker of organisatie.');
  }
  const teamId = claims?.['custom:team'];
  const regio = claims?.['custom:regio'];
  if ((teamId !== undefined && (typeof teamId !== 'string' || teamId.length > 200)) || (regio !== undefined && (typeof regio !== 'string' || (regio !== '' && !REGIO.test(regio))))) {
    throw new Unauthenticated('Het token bevat een ongeldig team of regio.');
  }
  return {
    userId,
    organisationId,
    role: role as Role,
    ...(typeof teamId === 'string' && teamId ? { teamId } : {}),
    ...(typeof regio === 'string' && regio ? { regio } : {}),
  };
}

/** Parses with a zod schema; every issue becomes a field error with its full path (e.g. `body.doelen.sociaal`). */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, root: 'body' | 'query' | 'headers' | 'params'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationFailed(result.error.issues.map((issue): FieldError => ({
    path: [root, ...issue.path.map(String)].join('.'),
    message: issue.message,
  })));
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

export function idempotencyKeyOf(request: HttpRequest): string {
  const key = request.headers['idempotency-key'];
  if (!key || !IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationFailed([
      { path: 'headers.idempotency-key', message: 'Verplicht bij POST: 8–128 tekens (letters, cijfers, _ . : -), bijvoorbeeld een UUID' },
    ]);
  }
  return key;
}

/** `If-Match: "3"` (or W/"3", or 3) → 3. */
export function expectedVersionOf(request: HttpRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header === '' || header === '*') return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw new ValidationFailed([{ path: 'headers.if-match', message: 'Verwacht de ETag van het dossier, bijvoorbeeld "3"' }]);
  return Number(match[1]);
}
