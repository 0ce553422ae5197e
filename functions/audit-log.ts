import { auditTrail, privacyDeps } from '#app/audit.js';
import { httpHandler } from '#http/handler.js';
import { parseWith } from '#http/request.js';
import { auditLogQuery } from '#http/queries.js';

/** GET /cases/{caseId}/audit?limit=&cursor= — the case's audit trail, for the zorgaanbieder's organisatiebeheerder. */
export const handler = httpHandler(async (request) => {
  const query = parseWith(auditLogQuery, request.query, 'query');
  return { statusCode: 200, body: await auditTrail(privacyDeps(), request.principal, request.params.caseId ?? '', query) };
});
