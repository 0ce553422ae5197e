/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests (zod 4 emits JSON Schema
 * draft 2020-12, which OpenAPI 3.1 uses as is).
 */
import * as z from 'zod';
import { RESPONSE_SCHEMAS } from './responses.js';
import type { RouteDefinition } from './route.js';
import { ROUTES } from './routes.js';

/** Every date field says its range in its own description (fields.ts `isoDate`), not only in `formatMinimum`. */
function statedDateRange(ctx: { jsonSchema: Record<string, unknown> }): void {
  const { jsonSchema: node } = ctx;
  if (node.format !== 'date' || typeof node.formatMinimum !== 'string' || typeof node.formatMaximum !== 'string') return;
  const range = `Tussen ${node.formatMinimum} en ${node.formatMaximum}.`;
  node.description = typeof node.description === 'string' && node.description ? `${node.description}. ${range}` : `Datum (JJJJ-MM-DD). ${range}`;
}

export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', override: statedDateRange }) as Record<string, unknown>;
  return rest;
}

/**
 * Fields a form refuses when missing under a condition (its superRefine), though the schema lists them as optional:
 * documented as JSON Schema `if`/`then` on the object that holds them, so the document says what the server enforces
 * (issue 14 point 13). `at` is the path of that object in the form's body; a test (test/unit/openapi-conditions.test.ts)
 * submits each case without the field and expects the refusal at exactly that path.
 */
export interface ConditionalRequirement {
  at: readonly string[];
  when: { field: string; equals: boolean | number | string };
  required: readonly string[];
}

export const CONDITIONAL_REQUIRED: Readonly<Record<string, readonly ConditionalRequirement[]>> = {
  // 002 Bijlage 3 Woonevaluatieformulier: "Zo ja, hoe verloopt dat?", "Zo nee, wil je wel contact?", …
  woonevaluatie: [
    { at: ['omgeving', 'contactMetBuren'], when: { field: 'heeftContact', equals: true }, required: ['verloop'] },
    { at: ['omgeving', 'contactMetBuren'], when: { field: 'heeftContact', equals: false }, required: ['contactGewenst'] },
    { at: ['omgeving', 'overlast'], when: { field: 'ervaartOverlast', equals: true }, required: ['gemeldBijCorporatie'] },
    { at: ['omgeving', 'overlast'], when: { field: 'overlastVanOmwonendenGemeld', equals: true }, required: ['afhandeling'] },
    { at: ['omgeving', 'netwerk'], when: { field: 'heeftNetwerk', equals: true }, required: ['hoeGaatDat'] },
    { at: ['omgeving', 'netwerk'], when: { field: 'heeftNetwerk', equals: false }, required: ['behoefteAanNetwerk'] },
    { at: ['huurbetaling'], when: { field: 'opTijd', equals: false }, required: ['regeling'] },
    { at: [], when: { field: 'voordracht', equals: true }, required: ['omklap'] },
    { at: [], when: { field: 'voordracht', equals: false }, required: ['vervolg'] },
  ],
  // 002 Bijlage 4: a vijfjarencontract depends on the ages; a new one on the age in the last year of the previous one.
  'huurcontract-eigen-naam': [{ at: [], when: { field: 'vijfjarencontract', equals: true }, required: ['leeftijd'] }],
  vijfjarencontract: [{ at: [], when: { field: 'soort', equals: 'nieuw-op-andere-jongerenwoning' }, required: ['leeftijdInLaatsteJaar'] }],
  // 002 WA8 stap 3: a derde who is not akkoord says why.
  'toets-derde': [{ at: [], when: { field: 'akkoord', equals: false }, required: ['redenen'] }],
  // 002 Bijlage 1: actie 2 records the oordeel, actie 6 the ontbinding.
  'overlast-actie': [
    { at: [], when: { field: 'actie', equals: 2 }, required: ['oordeel'] },
    { at: [], when: { field: 'actie', equals: 6 }, required: ['ontbinding'] },
  ],
};

/** Adds the `if`/`then` of each conditional requirement to the object schema it belongs to. */
function withConditions(schema: Record<string, unknown>, conditions: readonly ConditionalRequirement[] | undefined): Record<string, unknown> {
  for (const c of conditions ?? []) {
    let target = schema as { properties?: Record<string, Record<string, unknown>>; allOf?: unknown[] };
    for (const key of c.at) target = (target.properties?.[key] ?? {}) as typeof target;
    const rule = {
      if: { properties: { [c.when.field]: { const: c.when.equals } }, required: [c.when.field] },
      then: { required: [...c.required] },
      description: `Verplicht als ${c.when.field} = ${JSON.stringify(c.when.equals)}: ${c.required.join(', ')}`,
    };
    target.allOf = [...(target.allOf ?? []), rule];
  }
  return schema;
}

function queryParameters(route: RouteDefinition): unknown[] {
  if (!route.query) return [];
  const schema = jsonSchema(route.query) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }));
}

/** Path parameters a handler parses (and refuses with 400); `caseId` and a draft's `action` answer 404 when unknown. */
const VALIDATED_PARAM = /\{(seq|address|mailId|organisationId)\}/;

function operation(route: RouteDefinition): Record<string, unknown> {
  const writes = route.method === 'POST' || route.method === 'PUT';
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const headers = [
    ...(route.method === 'POST'
      ? [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' }, description: 'A replay returns the first response and writes nothing.' }]
      : []),
    ...(route.conditional ? [{ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'The case ETag; a stale version answers 412.' }] : []),
  ];
  const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: route.tags,
    ...(route.source ? { description: `Bron: ${route.source}` } : {}),
    ...(route.authenticated ? {} : { security: [] }),
    parameters: [...pathParams, ...queryParameters(route), ...headers],
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: withConditions(jsonSchema(route.body), route.operationId.startsWith('submit-') ? CONDITIONAL_REQUIRED[route.operationId.slice('submit-'.length)] : undefined) } } } }
      : {}),
    responses: {
      ...(route.response
        ? {
            [route.creates ? '201' : '200']: {
              description: route.creates ? 'Created' : 'OK',
              content: {
                'application/json': { schema: { $ref: `#/components/schemas/${route.response}` } },
                ...Object.fromEntries((route.textResponses ?? []).map((t) => [t, { schema: { type: 'string' } }])),
              },
            },
          }
        : { '204': { description: 'Done' } }),
      ...(route.body || route.query || writes || VALIDATED_PARAM.test(route.path) ? { '400': problem('Invalid input: every field error with its path') } : {}),
      ...(route.authenticated ? { '401': problem('No valid token'), '403': problem('Role may not do this'), '404': problem('Unknown, or not visible to the caller') } : {}),
      ...(route.method === 'POST'
        ? { '409': problem('Not allowed in the current phase, or changed by someone else meanwhile'), '422': problem('A rule of the route refuses, or the Idempotency-Key was used for another request') }
        : {}),
      ...(route.conditional ? { '412': problem('Stale If-Match version') } : {}),
      ...(route.body ? { '413': problem('Body larger than the API accepts') } : {}),
      ...(route.authenticated ? { '503': problem('The store (or the audit trail) did not answer; retry after Retry-After seconds') } : {}),
    },
  };
}

let cached: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation(route);
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Omslagroute API',
      version: '0.1.0',
      description: 'Cases, forms, deadlines and reminders of the Amsterdam Omslagroute. Errors are application/problem+json (RFC 9457).',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: Object.fromEntries(Object.entries(RESPONSE_SCHEMAS).map(([name, schema]) => [name, jsonSchema(schema, 'output')])),
    },
  };
  return cached;
}
