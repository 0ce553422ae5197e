import { discardDraft, getDraft, listDrafts, saveDraft } from '#app/drafts.js';
import { appDeps } from '#app/wiring.js';
import { draftInputSchema } from '#domain/drafts.js';
import { httpHandler } from '#http/handler.js';
import { expectedVersionOf, parseWith } from '#http/request.js';

/**
 * Drafts of a case's forms (saved incomplete, before submission):
 * GET /cases/{caseId}/drafts, GET|PUT|DELETE /cases/{caseId}/drafts/{action}; PUT honours If-Match.
 */
export const handler = httpHandler(async (request) => {
  const caseId = request.params.caseId ?? '';
  const action = request.params.action;
  const deps = appDeps();
  if (action === undefined) return { statusCode: 200, body: { items: await listDrafts(deps, request.principal, caseId) } };
  switch (request.method) {
    case 'PUT': {
      const input = parseWith(draftInputSchema, request.body, 'body');
      const draft = await saveDraft(deps, request.principal, caseId, action, input, expectedVersionOf(request));
      return { statusCode: 200, body: draft, headers: { etag: `"${draft.version}"` } };
    }
    case 'DELETE':
      await discardDraft(deps, request.principal, caseId, action);
      return { statusCode: 204, body: undefined };
    default: {
      const draft = await getDraft(deps, request.principal, caseId, action);
      return { statusCode: 200, body: draft, headers: { etag: `"${draft.version}"` } };
    }
  }
});
