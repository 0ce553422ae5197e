import { recordConsent } from '#app/consent.js';
import type { AppDeps } from '#app/ports.js';
import { consentRequestSchema } from '#domain/consent.js';
import { defineRoute, fromAnswer } from '../route.js';

/** Privacy (issue "Who may see and do what"; 002 WA10; AVG): record or withdraw the client's consent; Idempotency-Key required. */
export const recordConsentRoute = defineRoute({
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
  handler: async ({ principal, params, body, idempotency, expectedVersion }, deps: AppDeps) =>
    fromAnswer(await recordConsent(deps, principal, params.caseId ?? '', body, idempotency, { expectedVersion })),
});
