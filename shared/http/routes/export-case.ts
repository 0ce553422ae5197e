import type { PrivacyDeps } from '#app/audit.js';
import { exportCase } from '#app/export.js';
import { defineRoute } from '../route.js';

/** GET /cases/{caseId}/export — the client's data (case, history, audit trail) as one JSON document (AVG inzage). */
export const exportCaseRoute = defineRoute({
  method: 'GET',
  path: '/cases/{caseId}/export',
  function: 'export-case',
  authenticated: true,
  operationId: 'exportCase',
  response: 'CaseExport',
  summary: "The client's data: the case, its full history and audit trail as JSON (zorgaanbieder's organisatiebeheerder)",
  tags: ['privacy'],
  handler: async ({ principal, params }, deps: PrivacyDeps) => {
    const document = await exportCase(deps, principal, params.caseId ?? '');
    const file = `omslagroute-${document.case.reference}.json`;
    return { statusCode: 200, body: document, headers: { 'content-disposition': `attachment; filename="${file}"` }, reference: document.case.reference };
  },
});
