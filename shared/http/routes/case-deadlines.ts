import { caseDeadlines } from '#app/deadlines.js';
import type { AppDeps } from '#app/ports.js';
import { defineRoute } from '../route.js';

/** GET /cases/{caseId}/deadlines — the case's deadlines (open, overdue, met, missed, cancelled), recomputed from history. */
export const caseDeadlinesRoute = defineRoute({
  method: 'GET',
  path: '/cases/{caseId}/deadlines',
  function: 'case-deadlines',
  authenticated: true,
  operationId: 'caseDeadlines',
  response: 'CaseDeadlines',
  summary: 'The case’s deadlines (open, overdue, met, missed, cancelled) with their seed source',
  tags: ['termijnen'],
  handler: async ({ principal, params }, deps: AppDeps) => {
    const deadlines = await caseDeadlines(deps, principal, params.caseId ?? '');
    return { statusCode: 200, body: deadlines, reference: deadlines.reference };
  },
});
