/**
 * The HTTP API: every route definition (./routes/<function>.ts, one file per function), in one list that feeds the
 * CDK HTTP API routes, the OpenAPI document and the tests. The local router and the `$default` function match on the
 * path table (./paths.ts), which names the same routes without their schemas and handlers.
 */
import type { Route } from './route.js';
import { answerAkkoordRoute } from './routes/answer-akkoord.js';
import { auditLogRoute } from './routes/audit-log.js';
import { caseDeadlinesRoute } from './routes/case-deadlines.js';
import { createCaseRoute } from './routes/create-case.js';
import { exportCaseRoute } from './routes/export-case.js';
import { discardDraftRoute, getDraftRoute, listDraftsRoute, saveDraftRoute } from './routes/form-drafts.js';
import { getCaseRoute } from './routes/get-case.js';
import { healthRoute } from './routes/health.js';
import { listCasesRoute } from './routes/list-cases.js';
import { listDeadlinesRoute } from './routes/list-deadlines.js';
import { clearBounceRoute, listBouncesRoute } from './routes/mail-bounces.js';
import { monitorFiguresRoute } from './routes/monitor-figures.js';
import { openApiRoute } from './routes/openapi.js';
import { organisationUsersRoute } from './routes/organisation-users.js';
import { recordConsentRoute } from './routes/record-consent.js';
import { revokeRetentionRoute } from './routes/revoke-retention.js';
import { formRoutes } from './routes/submit-form.js';
import { linkUnmatchedRoute, listUnmatchedRoute, readUnmatchedRoute } from './routes/unmatched-mail.js';
import { wonenItemStatusRoute } from './routes/wonen-item-status.js';
import { wonenDigestRoute, wonenQueueRoute } from './routes/wonen-queue.js';

export type { FunctionName } from './paths.js';
export type { RouteDefinition } from './route.js';

// Each route's handler takes its own dependencies; the list is read for what the routes are, not to call them.
export const ROUTES: readonly Route<never>[] = [
  healthRoute,
  openApiRoute,
  createCaseRoute,
  listCasesRoute,
  getCaseRoute,
  caseDeadlinesRoute,
  listDeadlinesRoute,
  ...formRoutes,
  listDraftsRoute,
  getDraftRoute,
  saveDraftRoute,
  discardDraftRoute,
  answerAkkoordRoute,
  recordConsentRoute,
  auditLogRoute,
  exportCaseRoute,
  revokeRetentionRoute,
  listBouncesRoute,
  clearBounceRoute,
  organisationUsersRoute,
  wonenQueueRoute,
  wonenItemStatusRoute,
  listUnmatchedRoute,
  readUnmatchedRoute,
  wonenDigestRoute,
  linkUnmatchedRoute,
  monitorFiguresRoute,
];
