import { createCase, createCaseSchema } from '#app/create-case.js';
import type { AppDeps } from '#app/ports.js';
import { defineRoute, fromAnswer } from '../route.js';

/** POST /cases — open a case; Idempotency-Key required. */
export const createCaseRoute = defineRoute({
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
  handler: async ({ principal, body, idempotency }, deps: AppDeps) => fromAnswer(await createCase(deps, principal, body, idempotency)),
});
