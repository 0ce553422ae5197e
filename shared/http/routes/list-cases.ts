import * as z from 'zod';
import type { AppDeps } from '#app/ports.js';
import { listCases } from '#app/read-cases.js';
import { REFERENCE } from '#domain/case.js';
import { PHASES } from '#domain/phases.js';
import { defineRoute } from '../route.js';

export const listCasesQuery = z.object({
  phase: z.enum(PHASES).optional(),
  reference: z.string().regex(REFERENCE, 'Verwacht een kenmerk als OMS-2026-000123').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
  counts: z.enum(['true']).optional().describe("'true': the answer also has `counts`, the number of cases per phase this listing shows (Mijn dossiers' tabs in one request)"),
});

/** GET /cases?phase=&reference=&limit=&cursor= — the caller's organisation's cases. */
export const listCasesRoute = defineRoute({
  method: 'GET',
  path: '/cases',
  function: 'list-cases',
  authenticated: true,
  operationId: 'listCases',
  response: 'CaseList',
  summary: "The caller's organisation's cases, by phase, or one case by reference; cursor pagination",
  tags: ['dossiers'],
  query: listCasesQuery,
  handler: async ({ principal, query }, deps: AppDeps) => ({ statusCode: 200, body: await listCases(deps, principal, query) }),
});
