import { submitForm } from '#app/submit-form.js';
import { appDeps } from '#app/wiring.js';
import { NotFound } from '#domain/errors.js';
import { formFor } from '#domain/forms/index.js';
import { fromAnswer, httpHandler } from '#http/handler.js';
import { expectedVersionOf, idempotencyKeyOf, parseWith } from '#http/request.js';
import { submitFormQuery } from '#http/queries.js';

/** POST /cases/{caseId}/forms/{action} — submit one form of the route; Idempotency-Key required, If-Match honoured. */
export const handler = httpHandler(async (request) => {
  const action = request.path.split('/').pop() ?? '';
  const form = formFor(action);
  if (!form) throw new NotFound(`Onbekend formulier '${action}'`);
  const key = idempotencyKeyOf(request);
  const expectedVersion = expectedVersionOf(request);
  const { supersedes } = parseWith(submitFormQuery, request.query, 'query');
  const input = parseWith(form.schema, request.body, 'body');
  const answer = await submitForm(
    appDeps(),
    request.principal,
    request.params.caseId ?? '',
    form,
    input,
    { key, method: request.method, path: request.path, body: request.body },
    { expectedVersion, supersedes },
  );
  return fromAnswer(answer);
});
