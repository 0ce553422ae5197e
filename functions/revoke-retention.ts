import { privacyDeps } from '#app/audit.js';
import { revokeErasure } from '#app/retention.js';
import { retentionRequestSchema } from '#domain/retention.js';
import { fromAnswer, httpHandler } from '#http/handler.js';
import { idempotencyKeyOf, parseWith } from '#http/request.js';

/** POST /cases/{caseId}/retention {"action":"revoke"} — keep a closed case whose erasure is pending (grace period). */
export const handler = httpHandler(async (request) => {
  const key = idempotencyKeyOf(request);
  parseWith(retentionRequestSchema, request.body, 'body');
  const answer = await revokeErasure(privacyDeps(), request.principal, request.params.caseId ?? '', {
    key,
    method: request.method,
    path: request.path,
    body: request.body,
  });
  return fromAnswer(answer);
});
