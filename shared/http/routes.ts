/**
 * The HTTP API: every route, the function that serves it, and the schemas it accepts. One list feeds the local
 * server's router, the CDK HTTP API routes and the OpenAPI document.
 */
import type * as z from 'zod';
import { akkoordAnswerSchema } from '#domain/akkoord.js';
import { createCaseSchema } from '#domain/open-case.js';
import { consentRequestSchema } from '#domain/consent.js';
import { draftInputSchema } from '#domain/drafts.js';
import { FORMS } from '#domain/forms/index.js';
import { retentionRequestSchema } from '#domain/retention.js';
import { monitorQuerySchema } from '#domain/monitor.js';
import { bouncesQuery } from '#app/mail-health/bounces.js';
import type { ResponseName } from './responses.js';
import { linkUnmatchedBody, unmatchedQuery, wonenItemStatusBody, wonenQueueQuery } from '#app/wonen/schemas.js';
import { auditLogQuery, akkoordParams, listCasesQuery, listDeadlinesQuery, submitFormQuery } from './queries.js';

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
  /**
   * The success answer's schema, by its name in shared/http/responses.ts (the OpenAPI document's components); absent:
   * 204 No Content.
   */
  response?: ResponseName;
  /** Text media types the 200 answer may also have (e.g. `text/csv`), besides JSON. */
  textResponses?: string[];
}

const formRoutes: RouteDefinition[] = Object.values(FORMS).map((form) => ({
  method: 'POST',
  path: `/cases/{caseId}/forms/${form!.action}`,
  function: 'submit-form',
  authenticated: true,
  operationId: `submit-${form!.action}`,
  response: 'CaseChanged',
  summary: `${form!.title}: ${form!.summary}`,
  tags: ['formulieren'],
  body: form!.schema,
  query: submitFormQuery,
  creates: true,
  conditional: true,
  source: form!.source,
}));

export const ROUTES: RouteDefinition[] = [
  { method: 'GET', path: '/health', function: 'health', authenticated: false, operationId: 'health', response: 'Health', summary: 'Health check', tags: ['system'] },
  { method: 'GET', path: '/openapi.json', function: 'openapi', authenticated: false, operationId: 'openapi', response: 'OpenApiDocument', summary: 'This OpenAPI 3.1 document', tags: ['system'] },
  {
    method: 'POST',
    path: '/cases',
    function: 'create-case',
    authenticated: true,
    operationId: 'createCase',
    response: 'CaseView',
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
    response: 'CaseList',
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
    response: 'CaseView',
    summary: 'A case with its timeline, as the caller’s role may see it',
    tags: ['dossiers'],
  },
  {
    method: 'GET',
    path: '/cases/{caseId}/deadlines',
    function: 'case-deadlines',
    authenticated: true,
    operationId: 'caseDeadlines',
    response: 'CaseDeadlines',
    summary: 'The case’s deadlines (open, overdue, met, missed, cancelled) with their seed source',
    tags: ['termijnen'],
  },
  {
    method: 'GET',
    path: '/deadlines',
    function: 'list-deadlines',
    authenticated: true,
    operationId: 'listDeadlines',
    response: 'OpenDeadlinePage',
    summary: 'The caller’s organisation’s open deadlines across its cases, by due date',
    tags: ['termijnen'],
    query: listDeadlinesQuery,
  },
  ...formRoutes,
  // Drafts: a form saved incomplete before it is submitted; submitting discards it (shared/app/drafts.ts).
  {
    method: 'GET',
    path: '/cases/{caseId}/drafts',
    function: 'form-drafts',
    authenticated: true,
    operationId: 'listDrafts',
    response: 'DraftList',
    summary: "The caller's organisation's drafts of the case's forms, each with what is still missing",
    tags: ['formulieren'],
  },
  {
    method: 'GET',
    path: '/cases/{caseId}/drafts/{action}',
    function: 'form-drafts',
    authenticated: true,
    operationId: 'getDraft',
    response: 'Draft',
    summary: 'One draft, with what the form still needs before it can be submitted',
    tags: ['formulieren'],
  },
  {
    method: 'PUT',
    path: '/cases/{caseId}/drafts/{action}',
    function: 'form-drafts',
    authenticated: true,
    operationId: 'saveDraft',
    response: 'Draft',
    summary: 'Save a form incomplete (any fields so far); If-Match with the draft’s ETag guards against overwriting a colleague',
    tags: ['formulieren'],
    body: draftInputSchema,
    conditional: true,
  },
  {
    method: 'DELETE',
    path: '/cases/{caseId}/drafts/{action}',
    function: 'form-drafts',
    authenticated: true,
    operationId: 'discardDraft',
    summary: 'Discard a draft',
    tags: ['formulieren'],
  },
  // The corporatie's own akkoord on a form ingediend bij haar (issue 13; shared/domain/akkoord.ts).
  {
    method: 'POST',
    path: '/cases/{caseId}/akkoorden/{seq}',
    function: 'answer-akkoord',
    authenticated: true,
    operationId: 'answerAkkoord',
    response: 'CaseChanged',
    summary: "The corporatie's answer on a form ingediend bij haar: take it in behandeling, give akkoord (the step then counts) or send it back with a reason (contactpersoon of the case's corporatie)",
    tags: ['formulieren'],
    body: akkoordAnswerSchema,
    creates: true,
    conditional: true,
    source: '002 Bijlage 2a, 3; 002 WA3; 002 WA8 stap 3; 002 Bijlage 6',
  },
  // Privacy (issue "Who may see and do what"; 002 WA10; AVG).
  {
    method: 'POST',
    path: '/cases/{caseId}/consent',
    function: 'record-consent',
    authenticated: true,
    operationId: 'recordConsent',
    response: 'CaseChanged',
    summary: "Record or withdraw the client's consent to share (with whom, for which purposes); a withdrawal stops sharing at once",
    tags: ['privacy'],
    body: consentRequestSchema,
    creates: true,
    conditional: true,
    source: '002 WA10',
  },
  {
    method: 'GET',
    path: '/cases/{caseId}/audit',
    function: 'audit-log',
    authenticated: true,
    operationId: 'caseAuditLog',
    response: 'AuditPage',
    summary: "Every recorded read and write of the case, oldest first (zorgaanbieder's organisatiebeheerder)",
    tags: ['privacy'],
    query: auditLogQuery,
  },
  {
    method: 'GET',
    path: '/cases/{caseId}/export',
    function: 'export-case',
    authenticated: true,
    operationId: 'exportCase',
    response: 'CaseExport',
    summary: "The client's data: the case, its full history and audit trail as JSON (zorgaanbieder's organisatiebeheerder)",
    tags: ['privacy'],
  },
  {
    method: 'POST',
    path: '/cases/{caseId}/retention',
    function: 'revoke-retention',
    authenticated: true,
    operationId: 'revokeErasure',
    response: 'RetentionRevoked',
    summary: 'Revoke a pending erasure of a closed case in its grace period (organisatiebeheerder)',
    tags: ['privacy'],
    body: retentionRequestSchema,
  },
  // Bounces and complaints (shared/app/mail-health): the organisation's undeliverable addresses, for its beheerder.
  {
    method: 'GET',
    path: '/organisations/{organisationId}/bounces',
    function: 'mail-bounces',
    authenticated: true,
    operationId: 'listBounces',
    response: 'BouncePage',
    summary:
      "The organisation's addresses that bounced or complained, most recent first; `suppressed` ones get no mail (it goes to the organisation's functional mailbox instead). The organisation's organisatiebeheerder (or systeembeheerder)",
    tags: ['e-mail'],
    query: bouncesQuery,
  },
  {
    method: 'DELETE',
    path: '/organisations/{organisationId}/bounces/{address}',
    function: 'mail-bounces',
    authenticated: true,
    operationId: 'clearBounce',
    response: 'Bounce',
    summary: 'The address was fixed: mail goes to it again (audited). The organisation\'s organisatiebeheerder (or systeembeheerder)',
    tags: ['e-mail'],
  },
  // The organisation's users as the identity provider knows them (shared/app/users; issue 13, Beheer).
  {
    method: 'GET',
    path: '/organisations/{organisationId}/users',
    function: 'organisation-users',
    authenticated: true,
    operationId: 'listOrganisationUsers',
    response: 'OrganisationUsers',
    summary: "The organisation's users as the identity provider knows them (Cognito; locally the seeded people), with role, team and regio. The organisation's beheerder (organisatie-, corporatie- or wonenbeheerder)",
    tags: ['beheer'],
  },
  // Wonen's queue and the woonzaken inbox (shared/app/wonen; 001 §4, 002 WA8 stap 4). Decisions are the decision forms.
  {
    method: 'GET',
    path: '/wonen/queue',
    function: 'wonen-queue',
    authenticated: true,
    operationId: 'wonenQueue',
    response: 'WonenQueuePage',
    summary: "Wonen's queue of the caller's regio by due date (5 werkdagen), with werkdagen left and overdue; medewerker Wonen only",
    tags: ['wonen'],
    query: wonenQueueQuery,
    source: '001 §4; 002 WA8 stap 4',
  },
  {
    method: 'POST',
    path: '/wonen/items/{caseId}/{seq}/status',
    function: 'wonen-item-status',
    authenticated: true,
    operationId: 'wonenItemStatus',
    response: 'WonenQueueItem',
    summary: "Pick a queue item up (in-behandeling) or give it back (nieuw); an einde-verhuur item is closed here (besloten). Decisions close their item through the decision form",
    tags: ['wonen'],
    body: wonenItemStatusBody,
  },
  {
    method: 'GET',
    path: '/wonen/unmatched',
    function: 'unmatched-mail',
    authenticated: true,
    operationId: 'listUnmatchedMail',
    response: 'UnmatchedMailPage',
    summary: 'Mail to woonzaken that matched no case, or was refused, with the reason; oldest first',
    tags: ['wonen'],
    query: unmatchedQuery,
  },
  {
    method: 'GET',
    path: '/wonen/unmatched/{mailId}',
    function: 'unmatched-mail',
    authenticated: true,
    operationId: 'readUnmatchedMail',
    response: 'UnmatchedMail',
    summary: 'One unmatched or refused mail to read: its body as plain text (the text part, or the HTML converted to text; never the raw HTML) and its attachments by name, type and size',
    tags: ['wonen'],
  },
  {
    method: 'GET',
    path: '/wonen/digest',
    function: 'wonen-queue',
    authenticated: true,
    operationId: 'wonenDigest',
    response: 'WonenDigest',
    summary: "Today's digest of the caller's regio: the open items due today and those overdue, the same figures as the 08:00 mail to woonzaken; medewerker Wonen only",
    tags: ['wonen'],
    source: '001 §4; 002 WA8 stap 4',
  },
  {
    method: 'POST',
    path: '/wonen/unmatched/{mailId}/link',
    function: 'unmatched-mail',
    authenticated: true,
    operationId: 'linkUnmatchedMail',
    response: 'LinkedMail',
    summary: "Attach an unmatched mail to the case with this reference (a 'mail-ontvangen' event in its history)",
    tags: ['wonen'],
    body: linkUnmatchedBody,
    creates: true,
  },
  // Monitor figures (shared/app/monitor): counts per organisation and month, no case or client data.
  {
    method: 'GET',
    path: '/monitor/{organisationId}',
    function: 'monitor-figures',
    authenticated: true,
    operationId: 'monitorFigures',
    response: 'MonitorReport',
    summary:
      "Monitor figures per month (at most 24): cases entering each phase, urgenties requested and granted, omklappen, deadlines met and missed, median days sleuteloverdracht → omklap; and cases per phase now. `format=csv` (or `/monitor/{organisationId}.csv`) answers text/csv with ';'. The organisation's organisatiebeheerder; Wonen for its regio",
    tags: ['monitor'],
    query: monitorQuerySchema,
    textResponses: ['text/csv'],
  },
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
