import { createCase, createCaseSchema } from '#app/create-case.js';
import { appDeps } from '#app/wiring.js';
import { fromAnswer, httpHandler } from '#http/handler.js';
import { idempotencyKeyOf, parseWith } from '#http/request.js';

/** POST /cases — open a case; Idempotency-Key required. */
export const handler = httpHandler(async (request) => {
  const key = idempotencyKeyOf(request);
  const input = parseWith(createCaseSchema, request.body, 'body');
  return fromAnswer(await createCase(appDeps(), request.principal, input, { key, method: request.method, path: request.path, body: request.body }));
});
