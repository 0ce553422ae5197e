/**
 * The API's paths alone: which method and path each function serves, and whether it needs a token. What the `$default`
 * function (404 or 405, functions/not-found.ts) and the local router need, without any route's schemas or handlers,
 * so their bundles stay small (issue 15 point 5). The route definitions (./routes.ts) are the same list with
 * everything else; test/unit/routes.test.ts holds the two to each other.
 */
import { ACTIONS } from '#domain/phases.js';

export type FunctionName =
  | 'health'
  | 'openapi'
  | 'not-found'
  | 'create-case'
  | 'get-case'
  | 'list-cases'
  | 'submit-form'
  | 'form-drafts'
  | 'case-deadlines'
  | 'list-deadlines'
  | 'mail-bounces'
  | 'record-consent'
  | 'answer-akkoord'
  | 'audit-log'
  | 'export-case'
  | 'revoke-retention'
  | 'wonen-queue'
  | 'wonen-item-status'
  | 'unmatched-mail'
  | 'monitor-figures'
  | 'organisation-users';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RoutePath {
  method: Method;
  /** API Gateway path syntax: `/cases/{caseId}`. */
  path: string;
  function: FunctionName;
  /** False only for health and the OpenAPI document. */
  authenticated: boolean;
}

const route = (method: Method, path: string, fn: FunctionName, authenticated = true): RoutePath => ({ method, path, function: fn, authenticated });

/** In the order of ROUTES (./routes.ts). Every action is a form: `POST /cases/{caseId}/forms/<action>`. */
export const ROUTE_PATHS: readonly RoutePath[] = [
  route('GET', '/health', 'health', false),
  route('GET', '/openapi.json', 'openapi', false),
  route('POST', '/cases', 'create-case'),
  route('GET', '/cases', 'list-cases'),
  route('GET', '/cases/{caseId}', 'get-case'),
  route('GET', '/cases/{caseId}/deadlines', 'case-deadlines'),
  route('GET', '/deadlines', 'list-deadlines'),
  ...ACTIONS.map((action) => route('POST', `/cases/{caseId}/forms/${action}`, 'submit-form')),
  route('GET', '/cases/{caseId}/drafts', 'form-drafts'),
  route('GET', '/cases/{caseId}/drafts/{action}', 'form-drafts'),
  route('PUT', '/cases/{caseId}/drafts/{action}', 'form-drafts'),
  route('DELETE', '/cases/{caseId}/drafts/{action}', 'form-drafts'),
  route('POST', '/cases/{caseId}/akkoorden/{seq}', 'answer-akkoord'),
  route('POST', '/cases/{caseId}/consent', 'record-consent'),
  route('GET', '/cases/{caseId}/audit', 'audit-log'),
  route('GET', '/cases/{caseId}/export', 'export-case'),
  route('POST', '/cases/{caseId}/retention', 'revoke-retention'),
  route('GET', '/organisations/{organisationId}/bounces', 'mail-bounces'),
  route('DELETE', '/organisations/{organisationId}/bounces/{address}', 'mail-bounces'),
  route('GET', '/organisations/{organisationId}/users', 'organisation-users'),
  route('GET', '/wonen/queue', 'wonen-queue'),
  route('POST', '/wonen/items/{caseId}/{seq}/status', 'wonen-item-status'),
  route('GET', '/wonen/unmatched', 'unmatched-mail'),
  route('GET', '/wonen/unmatched/{mailId}', 'unmatched-mail'),
  route('GET', '/wonen/digest', 'wonen-queue'),
  route('POST', '/wonen/unmatched/{mailId}/link', 'unmatched-mail'),
  route('GET', '/monitor/{organisationId}', 'monitor-figures'),
];

export interface RouteMatch {
  route: RoutePath;
  params: Record<string, string>;
}

function compile(path: string): RegExp {
  const pattern = path.replace(/[.]/g, '\\.').replace(/\{(\w+)\}/g, '(?<$1>[^/]+)');
  return new RegExp(`^${pattern}$`);
}

const compiled = ROUTE_PATHS.map((route) => ({ route, regex: compile(route.path) }));

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
