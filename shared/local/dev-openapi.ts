/**
 * The local stack's own endpoints under `/_dev/` (the dev clock, tokens, the scheduler's tick, mail in, the digest,
 * SES events, the local OpenID provider), in an OpenAPI document of their own at `GET /_dev/openapi.json` (issue 14
 * point 13). Never part of the production document (shared/http/openapi.ts): none of this is deployed. Written from
 * the same zod schemas that validate the dev requests (./dev-requests.ts). test/unit/openapi-documents.test.ts checks
 * that every `/_dev/` path the local stack's sources serve is listed here.
 */
import * as z from 'zod';
import { jsonSchema } from '#http/openapi.js';
import { devClockSchema, devInboundMailSchema, devTokenSchema } from './dev-requests.js';
import { OIDC_PATH } from './oidc.js';

/** A refusal of a dev endpoint (not problem+json: these are tools, not the API). */
const devRefusalSchema = z.object({
  error: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

const outcomes = (what: string) => z.array(z.object({ outcome: z.string() }).loose()).describe(what);
const jwksSchema = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });

interface DevEndpoint {
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  body?: z.ZodType;
  /** The 200 answer as JSON; or another media type (an HTML page, a redirect). */
  response: z.ZodType | { mediaType: string } | { redirect: true };
  /** Answers 400 with a DevRefusal (or, for the OpenID provider, its own error shape). */
  refuses?: boolean;
}

export const DEV_ENDPOINTS: readonly DevEndpoint[] = [
  { method: 'GET', path: '/_dev/openapi.json', summary: 'This document', response: z.object({ openapi: z.string() }).loose() },
  { method: 'GET', path: '/_dev/clock', summary: 'The local clock', response: z.object({ now: z.string() }) },
  { method: 'POST', path: '/_dev/clock', summary: 'Set the local clock (`now`) or move it (`advanceDays`, `advanceMinutes`)', body: devClockSchema, response: z.object({ now: z.string() }), refuses: true },
  {
    method: 'POST',
    path: '/_dev/token',
    summary: 'Mint a dev access token for an organisation of the directory, in a role of its kind (Wonen: with a regio)',
    body: devTokenSchema,
    response: z.object({ token: z.string() }),
    refuses: true,
  },
  { method: 'GET', path: '/_dev/jwks.json', summary: "The dev issuer's public keys", response: jwksSchema },
  {
    method: 'POST',
    path: '/_dev/tick',
    summary: 'Run the reminder dispatcher and drain the queue now (only when the stack runs its scheduler, as `npm start` does)',
    response: z.object({ dispatched: z.number().int(), sent: z.number().int() }),
  },
  {
    method: 'POST',
    path: '/_dev/inbound-mail',
    summary: 'Deliver a raw mail to the woonzaken inbox (the real inbound-mail handler runs on it)',
    body: devInboundMailSchema,
    response: z.object({ outcomes: outcomes('gekoppeld, niet-gekoppeld, geweigerd or al-verwerkt, per mail') }),
    refuses: true,
  },
  { method: 'POST', path: '/_dev/wonen-digest', summary: "Run today's digest to woonzaken now (on the local clock)", response: z.object({ results: z.array(z.object({ regio: z.string(), date: z.string(), outcome: z.string() }).loose()) }) },
  {
    method: 'POST',
    path: '/_dev/ses-event',
    summary: 'Feed an SES sending event (bounce, complaint, delivery) to the real ses-events handler',
    body: z.record(z.string(), z.unknown()).describe('An SES event as EventBridge delivers it (test/fixtures/ses/)'),
    response: z.object({ outcomes: outcomes('recorded, duplicate, confirmed or ignored') }),
    refuses: true,
  },
  // The local OpenID provider (shared/local/oidc.ts): what Cognito's managed login is on AWS.
  { method: 'GET', path: `${OIDC_PATH}/.well-known/openid-configuration`, summary: 'OpenID discovery', response: z.record(z.string(), z.unknown()) },
  { method: 'GET', path: `${OIDC_PATH}/jwks.json`, summary: "The local provider's public keys", response: jwksSchema },
  { method: 'GET', path: `${OIDC_PATH}/login.css`, summary: "The sign-in page's style sheet", response: { mediaType: 'text/css' } },
  { method: 'GET', path: `${OIDC_PATH}/authorize`, summary: 'Sign-in page: pick one of the seeded people (authorization code + PKCE S256)', response: { mediaType: 'text/html' }, refuses: true },
  { method: 'POST', path: `${OIDC_PATH}/authorize`, summary: 'The sign-in page chosen: redirect back with a one-time code', response: { redirect: true }, refuses: true },
  { method: 'POST', path: `${OIDC_PATH}/token`, summary: 'A code (with its PKCE verifier) or a refresh token for tokens', response: z.record(z.string(), z.unknown()), refuses: true },
  { method: 'GET', path: `${OIDC_PATH}/logout`, summary: 'Sign out: redirect to post_logout_redirect_uri (on this origin)', response: { redirect: true } },
];

function operation(endpoint: DevEndpoint): Record<string, unknown> {
  const { response } = endpoint;
  const ok =
    'redirect' in response
      ? { '302': { description: 'Redirect', headers: { location: { schema: { type: 'string' } } } } }
      : 'mediaType' in response
        ? { '200': { description: 'OK', content: { [response.mediaType]: { schema: { type: 'string' } } } } }
        : { '200': { description: 'OK', content: { 'application/json': { schema: jsonSchema(response, 'output') } } } };
  return {
    operationId: `dev-${endpoint.method.toLowerCase()}-${endpoint.path.slice('/_dev/'.length).replace(/[^A-Za-z0-9]+/g, '-')}`,
    summary: endpoint.summary,
    tags: ['dev'],
    ...(endpoint.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(endpoint.body) } } } } : {}),
    responses: {
      ...ok,
      ...(endpoint.refuses ? { '400': { description: 'Refused', content: { 'application/json': { schema: { $ref: '#/components/schemas/DevRefusal' } } } } } : {}),
    },
  };
}

let cached: Record<string, unknown> | undefined;

/** The dev endpoints' OpenAPI 3.1 document. */
export function devOpenApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of DEV_ENDPOINTS) (paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = operation(endpoint);
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Omslagroute local stack: dev endpoints',
      version: '0.1.0',
      description: 'Only on the local stack (npm start, the tests); never deployed. The API itself is in /openapi.json.',
    },
    servers: [{ url: '/' }],
    security: [],
    paths,
    components: { schemas: { DevRefusal: jsonSchema(devRefusalSchema, 'output') } },
  };
  return cached;
}
