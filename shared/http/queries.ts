/**
 * The query and path-parameter schemas of routes whose handler parses them itself. Apart from routes.ts so a handler
 * imports its schema without the whole route table (every form's schema): issue 15's bundle budgets. routes.ts
 * declares them for OpenAPI and CDK; the handler parses with the same object.
 */
import * as z from 'zod';
import { PHASES } from '#domain/phases.js';

export const listCasesQuery = z.object({
  phase: z.enum(PHASES).optional(),
  reference: z.string().regex(/^OMS-\d{4}-\d{6}$/, 'Verwacht een kenmerk als OMS-2026-000123').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
  counts: z.enum(['true']).optional().describe("'true': the answer also has `counts`, the number of cases per phase this listing shows (Mijn dossiers' tabs in one request)"),
});

export const listDeadlinesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2048).optional(),
  dueBefore: z.iso.date().optional().describe('Alleen termijnen die uiterlijk op deze datum verlopen'),
});

export const auditLogQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(2048).optional(),
});

export const submitFormQuery = z.object({
  supersedes: z.coerce.number().int().min(1).optional().describe('Volgnummer van het formulier dat deze versie corrigeert'),
});

/** `/cases/{caseId}/akkoorden/{seq}`: the seq of the submission that waits for the akkoord. */
export const akkoordParams = z.object({
  caseId: z.string().min(1).max(64),
  seq: z.coerce.number().int().min(1).max(1_000_000),
});
