import * as z from 'zod';
import { organisationDeadlines, type DeadlineIndexReader } from '#app/deadlines.js';
import type { AppDeps } from '#app/ports.js';
import { defineRoute } from '../route.js';

export const listDeadlinesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2048).optional(),
  dueBefore: z.iso.date().optional().describe('Alleen termijnen die uiterlijk op deze datum verlopen'),
});

/** GET /deadlines — the caller's organisation's open deadlines by due date, across its cases. */
export const listDeadlinesRoute = defineRoute({
  method: 'GET',
  path: '/deadlines',
  function: 'list-deadlines',
  authenticated: true,
  operationId: 'listDeadlines',
  response: 'OpenDeadlinePage',
  summary: 'The caller’s organisation’s open deadlines across its cases, by due date',
  tags: ['termijnen'],
  query: listDeadlinesQuery,
  handler: async ({ principal, query }, deps: AppDeps & { deadlineIndex: DeadlineIndexReader }) => ({
    statusCode: 200,
    body: await organisationDeadlines(deps, principal, query),
  }),
});
