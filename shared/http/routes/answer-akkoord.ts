import * as z from 'zod';
import { answerAkkoord } from '#app/akkoord.js';
import type { AppDeps } from '#app/ports.js';
import { akkoordAnswerSchema } from '#domain/akkoord.js';
import { defineRoute, fromAnswer } from '../route.js';

/** `/cases/{caseId}/akkoorden/{seq}`: the seq of the submission that waits for the akkoord. */
export const akkoordParams = z.object({
  caseId: z.string().min(1).max(64),
  seq: z.coerce.number().int().min(1).max(1_000_000),
});

/** The corporatie's own akkoord on a form ingediend bij haar (issue 13; shared/domain/akkoord.ts); Idempotency-Key required. */
export const answerAkkoordRoute = defineRoute({
  method: 'POST',
  path: '/cases/{caseId}/akkoorden/{seq}',
  function: 'answer-akkoord',
  authenticated: true,
  operationId: 'answerAkkoord',
  response: 'CaseChanged',
  summary: "The corporatie's answer on a form ingediend bij haar: take it in behandeling, give akkoord (the step then counts) or send it back with a reason (contactpersoon of the case's corporatie)",
  tags: ['formulieren'],
  params: akkoordParams,
  body: akkoordAnswerSchema,
  creates: true,
  conditional: true,
  source: '002 Bijlage 2a, 3; 002 WA3; 002 WA8 stap 3; 002 Bijlage 6',
  handler: async ({ principal, params, body, idempotency, expectedVersion }, deps: AppDeps) =>
    fromAnswer(await answerAkkoord(deps, principal, params.caseId, params.seq, body, idempotency, { expectedVersion })),
});
