/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests (zod 4 emits JSON Schema
 * draft 2020-12, which OpenAPI 3.1 uses as is).
 */
import { z } from 'zod';
import { ROUTES, type RouteDefinition } from './routes.js';

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

/** Every date field says its range in its own description (fields.ts `isoDate`), not only in `formatMinimum`. */
function statedDateRange(ctx: { jsonSchema: Record<string, unknown> }): void {
  const { jsonSchema: node } = ctx;
  if (node.format !== 'date' || typeof node.formatMinimum !== 'string' || typeof node.formatMaximum !== 'string') return;
  const range = `Tussen ${node.formatMinimum} en ${node.formatMaximum}.`;
  node.description = typeof node.description === 'string' && node.description ? `${node.description}. ${range}` : `Datum (JJJJ-MM-DD). ${range}`;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', override: statedDateRange }) as Record<string, unknown>;
  return rest;
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

function operation(route: RouteDefinition): Record<string, unknown> {
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
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } } } : {}),
    responses: {
      ...(route.method === 'DELETE'
        ? { '204': { description: 'Done' } }
        : { [route.creates ? '201' : '200']: { description: 'OK', content: { 'application/json': { schema: { type: 'object' } }, ...Object.fromEntries((route.textResponses ?? []).map((t) => [t, { schema: { type: 'string' } }])) } } }),
      ...(route.body || route.query ? { '400': problem('Invalid input: every field error with its path') } : {}),
      ...(route.authenticated ? { '401': problem('No valid token'), '403': problem('Role may not do this'), '404': problem('Unknown, or not visible to the caller') } : {}),
      ...(route.creates ? { '409': problem('Not allowed in the current phase'), '422': problem('A rule of the route refuses') } : {}),
      ...(route.conditional ? { '412': problem('Stale If-Match version') } : {}),
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
      schemas: { Problem: problemSchema },
    },
  };
  return cached;
}
