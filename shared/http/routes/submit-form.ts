import * as z from 'zod';
import type { AppDeps } from '#app/ports.js';
import { submitForm } from '#app/submit-form.js';
import { NotFound } from '#domain/errors.js';
import { FORMS } from '#domain/forms/index.js';
import type { FormDefinition } from '#domain/forms/types.js';
import type { HttpRequest } from '../request.js';
import { defineRoute, fromAnswer } from '../route.js';

export const submitFormQuery = z.object({
  supersedes: z.coerce.number().int().min(1).optional().describe('Volgnummer van het formulier dat deze versie corrigeert'),
});

/** POST /cases/{caseId}/forms/<action> — submit one form of the route; Idempotency-Key required, If-Match honoured. */
function formRoute(form: FormDefinition) {
  return defineRoute({
    method: 'POST',
    path: `/cases/{caseId}/forms/${form.action}`,
    function: 'submit-form',
    authenticated: true,
    operationId: `submit-${form.action}`,
    response: 'CaseChanged',
    summary: `${form.title}: ${form.summary}`,
    tags: ['formulieren'],
    body: form.schema,
    query: submitFormQuery,
    creates: true,
    conditional: true,
    source: form.source,
    handler: async ({ principal, params, query, body, idempotency, expectedVersion }, deps: AppDeps) =>
      fromAnswer(await submitForm(deps, principal, params.caseId ?? '', form, body, idempotency, { expectedVersion, supersedes: query.supersedes })),
  });
}

/** One route per form, in the order of the registry. */
export const formRoutes = Object.values(FORMS).map(formRoute);

/** A form the registry does not know (API Gateway routes none here; a route table that drifted would). */
export function unknownForm(request: HttpRequest): Error {
  return new NotFound(`Onbekend formulier '${request.path.split('/').pop() ?? ''}'`);
}
