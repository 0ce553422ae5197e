import { organisationDeadlines } from '#app/deadlines.js';
import { appDeps } from '#app/wiring.js';
import { httpHandler } from '#http/handler.js';
import { parseWith } from '#http/request.js';
import { listDeadlinesQuery } from '#http/queries.js';

/** GET /deadlines — the caller's organisation's open deadlines by due date, across its cases. */
export const handler = httpHandler(async (request) => ({
  statusCode: 200,
  body: await organisationDeadlines(appDeps(), request.principal, parseWith(listDeadlinesQuery, request.query, 'query')),
}));
