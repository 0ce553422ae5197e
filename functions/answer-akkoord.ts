import { answerAkkoord } from '#app/akkoord.js';
import { akkoordAnswerSchema } from '#domain/akkoord.js';
import { appDeps } from '#app/wiring.js';
import { fromAnswer, httpHandler } from '#http/handler.js';
import { expectedVersionOf, idempotencyKeyOf, parseWith } from '#http/request.js';
import { akkoordParams } from '#http/queries.js';

/** POST /cases/{caseId}/akkoorden/{seq} — the corporatie answers a form ingediend bij haar; Idempotency-Key required. */
export const handler = httpHandler(async (request) => {
  const key = idempotencyKeyOf(request);
  const expectedVersion = expectedVersionOf(request);
  const { caseId, seq } = parseWith(akkoordParams, request.params, 'params');
  const answer = parseWith(akkoordAnswerSchema, request.body, 'body');
  const result = await answerAkkoord(appDeps(), request.principal, caseId, seq, answer, {
    key,
    method: request.method,
    path: request.path,
    body: request.body,
  }, { expectedVersion });
  return fromAnswer(result);
});
