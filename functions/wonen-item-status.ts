import { changeWonenItemStatus } from '#app/wonen/queue.js';
import { wonenItemParams, wonenItemStatusBody } from '#app/wonen/schemas.js';
import { wonenDeps } from '#app/wonen/wiring.js';
import { fromAnswer, httpHandler } from '#http/handler.js';
import { idempotencyKeyOf, parseWith } from '#http/request.js';

/** POST /wonen/items/{caseId}/{seq}/status {status} — pick a queue item up or give it back; Idempotency-Key required. */
export const handler = httpHandler(async (request) => {
  const key = idempotencyKeyOf(request);
  const target = parseWith(wonenItemParams, request.params, 'params');
  const body = parseWith(wonenItemStatusBody, request.body, 'body');
  const answer = await changeWonenItemStatus(wonenDeps(), request.principal, target, body, {
    key,
    method: request.method,
    path: request.path,
    body: request.body,
  });
  return fromAnswer(answer);
});
