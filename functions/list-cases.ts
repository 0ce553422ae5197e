import { listCases } from '#app/read-cases.js';
import { appDeps } from '#app/wiring.js';
import { httpHandler } from '#http/handler.js';
import { parseWith } from '#http/request.js';
import { listCasesQuery } from '#http/queries.js';

/** GET /cases?phase=&reference=&limit=&cursor= — the caller's organisation's cases. */
export const handler = httpHandler(async (request) => {
  const query = parseWith(listCasesQuery, request.query, 'query');
  return { statusCode: 200, body: await listCases(appDeps(), request.principal, query) };
});
