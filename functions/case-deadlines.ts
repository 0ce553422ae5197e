import { caseDeadlines } from '#app/deadlines.js';
import { appDeps } from '#app/wiring.js';
import { httpHandler } from '#http/handler.js';

/** GET /cases/{caseId}/deadlines — the case's deadlines (open, overdue, met, missed, cancelled), recomputed from history. */
export const handler = httpHandler(async (request) => ({
  statusCode: 200,
  body: await caseDeadlines(appDeps(), request.principal, request.params.caseId ?? ''),
}));
