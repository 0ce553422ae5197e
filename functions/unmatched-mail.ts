import { linkUnmatchedMail, listUnmatchedMail, readUnmatchedMail } from '#app/wonen/unmatched.js';
import { linkUnmatchedBody, unmatchedParams, unmatchedQuery } from '#app/wonen/schemas.js';
import { unmatchedDeps, wonenDeps } from '#app/wonen/wiring.js';
import { fromAnswer, httpHandler } from '#http/handler.js';
import { idempotencyKeyOf, parseWith } from '#http/request.js';

/**
 * GET /wonen/unmatched — mail to woonzaken that matched no case or was refused, with the reason.
 * GET /wonen/unmatched/{mailId} — one of them to read: its body as text (never the raw HTML), attachments listed.
 * POST /wonen/unmatched/{mailId}/link {reference} — attach it to a case; Idempotency-Key required.
 */
export const handler = httpHandler(async (request) => {
  if (request.method === 'GET' && request.params.mailId !== undefined) {
    const { mailId } = parseWith(unmatchedParams, request.params, 'params');
    return { statusCode: 200, body: await readUnmatchedMail(unmatchedDeps(), request.principal, mailId) };
  }
  if (request.method === 'GET') {
    return { statusCode: 200, body: await listUnmatchedMail(wonenDeps(), request.principal, parseWith(unmatchedQuery, request.query, 'query')) };
  }
  const key = idempotencyKeyOf(request);
  const { mailId } = parseWith(unmatchedParams, request.params, 'params');
  const body = parseWith(linkUnmatchedBody, request.body, 'body');
  const answer = await linkUnmatchedMail(wonenDeps(), request.principal, mailId, body, {
    key,
    method: request.method,
    path: request.path,
    body: request.body,
  });
  return fromAnswer(answer);
});
