/** Request schemas of the Wonen endpoints: one source for validation, types and the OpenAPI document (routes.ts). */
import * as z from 'zod';
import { REFERENCE } from '#domain/case.js';
import { MAIL_ID_PATTERN } from '#domain/inbound-mail.js';
import { WONEN_KINDS, WONEN_STATUSES } from '#domain/wonen-queue.js';

export const wonenQueueQuery = z.object({
  kind: z.enum(WONEN_KINDS).optional().describe('Alleen items van deze soort'),
  status: z.enum(WONEN_STATUSES).optional().describe('Zonder status: de open items (nieuw en in behandeling)'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(4096).optional(),
});
export type WonenQueueQuery = z.infer<typeof wonenQueueQuery>;

export const wonenItemParams = z.object({
  caseId: z.string().min(1).max(64),
  seq: z.coerce.number().int().min(1),
});

export const wonenItemStatusBody = z.object({
  status: z.enum(WONEN_STATUSES).describe("'besloten' alleen voor een einde-verhuur-item (geregistreerd); besluiten gaan via het besluitformulier"),
});
export type WonenItemStatusBody = z.infer<typeof wonenItemStatusBody>;

export const unmatchedQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});

export const unmatchedParams = z.object({
  mailId: z.string().regex(MAIL_ID_PATTERN, 'Onbekend bericht'),
});

export const linkUnmatchedBody = z.object({
  reference: z.string().trim().regex(REFERENCE, 'Verwacht een kenmerk als OMS-2026-000123'),
});
