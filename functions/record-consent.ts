import { recordConsent } from '#app/consent.js';
import { appDeps } from '#app/wiring.js';
import { consentRequestSchema } from '#domain/consent.js';
import { fromAnswer, httpHandler } from '#http/handler.js';
import { expectedVersionOf, idempotencyKeyOf, parseWith } from '#http/request.js';

/** POST /cases/{caseId}/consent — record or withdraw the client's consent to share (002 WA10); Idempotency-Key required. */
export const handler = httpHandler(async (request) => {
  const key = idempotencyKeyOf(request);
  const expectedVersion = expectedVersionOf(request);
  const input = parseWith(consentRequestSchema, request.body, 'body');
  const answer = await recordConsent(
    appDeps(),
    request.principal,
    request.params.caseId ?? '',
    input,
    { key, method: request.method, path: request.path, body: request.body },
    { expectedVersion },
  );
  return fromAnswer(answer);
});
