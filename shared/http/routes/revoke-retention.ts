import type { PrivacyDeps } from '#app/audit.js';
import { revokeErasure } from '#app/retention.js';
import { retentionRequestSchema } from '#domain/retention.js';
import { defineRoute, fromAnswer } from '../route.js';

/** POST /cases/{caseId}/retention {"action":"revoke"} — keep a closed case whose erasure is pending (grace period). */
export const revokeRetentionRoute = defineRoute({
  method: 'POST',
  path: '/cases/{caseId}/retention',
  function: 'revoke-retention',
  authenticated: true,
  operationId: 'revokeErasure',
  response: 'RetentionRevoked',
  summary: 'Revoke a pending erasure of a closed case in its grace period (organisatiebeheerder)',
  tags: ['privacy'],
  body: retentionRequestSchema,
  handler: async ({ principal, params, idempotency }, deps: PrivacyDeps) => fromAnswer(await revokeErasure(deps, principal, params.caseId ?? '', idempotency)),
});
