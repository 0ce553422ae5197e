import { changeWonenItemStatus, type WonenDeps } from '#app/wonen/queue.js';
import { wonenItemParams, wonenItemStatusBody } from '#app/wonen/schemas.js';
import { defineRoute, fromAnswer } from '../route.js';

/** POST /wonen/items/{caseId}/{seq}/status {status} — pick a queue item up or give it back; Idempotency-Key required. */
export const wonenItemStatusRoute = defineRoute({
  method: 'POST',
  path: '/wonen/items/{caseId}/{seq}/status',
  function: 'wonen-item-status',
  authenticated: true,
  operationId: 'wonenItemStatus',
  response: 'WonenQueueItem',
  summary: "Pick a queue item up (in-behandeling) or give it back (nieuw); an einde-verhuur item is closed here (besloten). Decisions close their item through the decision form",
  tags: ['wonen'],
  params: wonenItemParams,
  body: wonenItemStatusBody,
  handler: async ({ principal, params, body, idempotency }, deps: WonenDeps) => fromAnswer(await changeWonenItemStatus(deps, principal, params, body, idempotency)),
});
