import { privacyDeps } from '#app/audit.js';
import { exportCase } from '#app/export.js';
import { httpHandler } from '#http/handler.js';

/** GET /cases/{caseId}/export — the client's data (case, history, audit trail) as one JSON document (AVG inzage). */
export const handler = httpHandler(async (request) => {
  const document = await exportCase(privacyDeps(), request.principal, request.params.caseId ?? '');
  const file = `omslagroute-${document.case.reference}.json`;
  return { statusCode: 200, body: document, headers: { 'content-disposition': `attachment; filename="${file}"` } };
});
