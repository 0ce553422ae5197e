import { getCase } from '#app/read-cases.js';
import { appDeps } from '#app/wiring.js';
import { httpHandler } from '#http/handler.js';

/** GET /cases/{caseId} — the case and its timeline as the caller's role may see it. */
export const handler = httpHandler(async (request) => {
  const view = await getCase(appDeps(), request.principal, request.params.caseId ?? '');
  return { statusCode: 200, body: view, headers: { etag: `"${view.version}"` } };
});
