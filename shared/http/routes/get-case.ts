import type { AppDeps } from '#app/ports.js';
import { getCase } from '#app/read-cases.js';
import { defineRoute } from '../route.js';

/** GET /cases/{caseId} — the case and its timeline as the caller's role may see it. */
export const getCaseRoute = defineRoute({
  method: 'GET',
  path: '/cases/{caseId}',
  function: 'get-case',
  authenticated: true,
  operationId: 'getCase',
  response: 'CaseView',
  summary: 'A case with its timeline, as the caller’s role may see it',
  tags: ['dossiers'],
  handler: async ({ principal, params }, deps: AppDeps) => {
    const view = await getCase(deps, principal, params.caseId ?? '');
    return { statusCode: 200, body: view, headers: { etag: `"${view.version}"` }, caseId: view.caseId, reference: view.reference };
  },
});
