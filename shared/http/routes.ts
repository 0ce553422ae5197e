/**
 * The HTTP API: every route, the function that serves it, and the schemas it accepts. One list feeds the local
 * server's router, the CDK HTTP API routes and the OpenAPI document.
 */
import { z } from 'zod';
import { createCaseSchema } from '#app/create-case.js';
import { FORMS } from '#domain/forms/index.js';
import { PHASES } from '#domain/phases.js';

export type FunctionName =
  | 'health'
  | 'openapi'
  | 'not-found'
  | 'create-case'
  | 'get-case'
  | 'list-cases'
  | 'submit-form'
  | 'case-deadlines'
  | 'list-deadlines';

export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway path syntax: `/cases/{caseId}`. */
  path: string;
  function: FunctionName;
  /** False only for health and the OpenAPI document. */
  authenticated: boolean;
  operationId: string;
  summary: string;
  tags: string[];
  body?: z.ZodType;
  query?: z.ZodType;
  /** Answers 201 with an ETag and honours Idempotency-Key. */
  creates?: boolean;
  /** Honours If-Match. */
  conditional?: boolean;
  source?: string;
}

export const listCasesQuery = z.object({
  phase: z.enum(PHASES).optional(),
  reference: z.string().regex(/^OMS-\d{4}-\d{6}$/, 'Verwacht een kenmerk als OMS-2026-000123').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});

export const listDeadlinesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2048).optional(),
  dueBefore: z.iso.date().optional().describe('Alleen termijnen die uiterlijk op deze datum verlopen'),
});

export const submitFormQuery = z.object({
  supersedes: z.coerce.number().int().min(1).optional().describe('Volgnummer van het formulier dat deze versie corrigeert'),
});

const formRoutes: RouteDefinition[] = Object.values(FORMS).map((form) => ({
  method: 'POST',
  path: `/cases/{caseId}/forms/${form!.action}`,
  function: 'submit-form',
  authenticated: true,
  operationId: `submit-${form!.action}`,
  summary: `${form!.title}: ${form!.summary}`,
  tags: ['formulieren'],
  body: form!.schema,
  query: submitFormQuery,
  creates: true,
  conditional: true,
  source: form!.source,
}));

export const ROUTES: RouteDefinition[] = [
  { method: 'GET', path: '/health', function: 'health', authenticated: false, operationId: 'health', summary: 'Health check', tags: ['system'] },
  { method: 'GET', path: '/openapi.json', function: 'openapi', authenticated: false, operationId: 'openapi', summary: 'This OpenAPI 3.1 document', tags: ['system'] },
  {
    method: 'POST',
    path: '/cases',
    function: 'create-case',
    authenticated: true,
    operationId: 'createCase',
    summary: 'Open a case (onderzoeksfase) for a client, known by pseudonym only',
    tags: ['dossiers'],
    body: createCaseSchema,
    creates: true,
    source: '001 §2',
  },
  {
    method: 'GET',
    path: '/cases',
    function: 'list-cases',
    authenticated: true,
    operationId: 'listCases',
    summary: "The caller's organisation's cases, by phase, or one case by reference; cursor pagination",
    tags: ['dossiers'],
    query: listCasesQuery,
  },
  {
    method: 'GET',
    path: '/cases/{caseId}',
    function: 'get-case',
    authenticated: true,
    operationId: 'getCase',
    summary: 'A case with its timeline, as the caller’s role may see it',
    tags: ['dossiers'],
  },
  {
    method: 'GET',
    path: '/cases/{caseId}/deadlines',
    function: 'case-deadlines',
    authenticated: true,
    operationId: 'caseDeadlines',
    summary: 'The case’s deadlines (open, overdue, met, missed, cancelled) with their seed source',
    tags: ['termijnen'],
  },
  {
    method: 'GET',
    path: '/deadlines',
    function: 'list-deadlines',
    authenticated: true,
    operationId: 'listDeadlines',
    summary: 'The caller’s organisation’s open deadlines across its cases, by due date',
    tags: ['termijnen'],
    query: listDeadlinesQuery,
  },
  ...formRoutes,
];

export interface RouteMatch {
  route: RouteDefinition;
  params: Record<string, string>;
}

function compile(path: string): RegExp {
  const pattern = path.replace(/[.]/g, '\\.').replace(/\{(\w+)\}/g, '(?<$1>[^/]+)');
  return new RegExp(`^${pattern}$`);
}

const compiled = ROUTES.map((route) => ({ route, regex: compile(route.path) }));

/** Finds the route for a request; `allowed` lists the methods of the path when the method does not match. */
export function matchRoute(method: string, path: string): { match?: RouteMatch; allowed: string[] } {
  const allowed: string[] = [];
  for (const { route, regex } of compiled) {
    const found = regex.exec(path);
    if (!found) continue;
    if (route.method === method.toUpperCase()) {
      const params = Object.fromEntries(Object.entries(found.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
      return { match: { route, params }, allowed: [route.method] };
    }
    allowed.push(route.method);
  }
  return { allowed };
}
