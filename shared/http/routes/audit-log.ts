import * as z from 'zod';
import { auditTrail, type PrivacyDeps } from '#app/audit.js';
import { defineRoute } from '../route.js';

export const auditLogQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(2048).optional(),
});

/** GET /cases/{caseId}/audit?limit=&cursor= — the case's audit trail, for the zorgaanbieder's organisatiebeheerder. */
export const auditLogRoute = defineRoute({
  method: 'GET',
  path: '/cases/{caseId}/audit',
  function: 'audit-log',
  authenticated: true,
  operationId: 'caseAuditLog',
  response: 'AuditPage',
  summary: "Every recorded read and write of the case, oldest first (zorgaanbieder's organisatiebeheerder)",
  tags: ['privacy'],
  query: auditLogQuery,
  handler: async ({ principal, params, query }, deps: PrivacyDeps) => ({ statusCode: 200, body: await auditTrail(deps, principal, params.caseId ?? '', query) }),
});
