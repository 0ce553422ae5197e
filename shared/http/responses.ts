/**
 * The response schemas of the OpenAPI document, one per concept, by the name it has under `components.schemas`
 * (issue 14 point 13: the document says what the server answers). Each schema lives next to what produces it and is
 * checked there against the TypeScript type it describes (`SameType`); this module only names them. The few whose
 * producers carry AWS clients (the audit trail, the export) are written here, checked against their types the same
 * way, so the OpenAPI function does not bundle the DynamoDB client.
 *
 * Objects are closed (`additionalProperties: false`): a field the server adds without documenting it fails the contract
 * test (test/integration/openapi-contract.test.ts). Open on purpose: a form's `data` and a queue item's `projection`
 * (their shape is the form's request schema), and the export's case, history and retention records (the full stored
 * records, AVG inzage).
 */
import * as z from 'zod';
import type { AuditEntry } from '#app/audit.js';
import { caseDeadlinesSchema, openDeadlinesPageSchema } from '#app/deadlines.js';
import { draftListSchema, draftViewSchema } from '#app/drafts.js';
import type { CaseExport } from '#app/export.js';
import { bouncePageSchema, bounceViewSchema } from '#app/mail-health/bounces.js';
import { monitorReportSchema } from '#app/monitor/figures.js';
import { caseListSchema, pageSchema } from '#app/ports.js';
import { organisationUsersSchema } from '#app/users/users.js';
import { wonenQueuePageSchema } from '#app/wonen/queue.js';
import { linkedMailSchema, unmatchedMailReadSchema, unmatchedPageSchema } from '#app/wonen/unmatched.js';
import { ROLES } from '#domain/roles.js';
import type { SameType } from '#domain/same-type.js';
import { caseChangedSchema, caseViewSchema } from '#domain/views.js';
import { digestSchema, queueEntrySchema, WONEN_STATUSES } from '#domain/wonen-queue.js';

/**
 * RFC 9457 problem+json as shared/http/problem.ts writes it, with the extensions the domain errors carry (errors.ts,
 * MailNotLinkable, WonenStatusConflict): a new extension must be documented here, or the contract test fails.
 */
export const problemSchema = z.object({
  type: z.string().describe('A URI naming the kind of problem'),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ path: z.string().describe('e.g. body.doelen.0.omschrijving'), message: z.string() })).optional().describe('Every field error, in Dutch'),
  rule: z.string().optional().describe('422: the rule of the route that refuses'),
  phase: z.string().optional().describe('409: the phase of the case'),
  action: z.string().optional().describe('409: the action refused in that phase'),
  currentVersion: z.number().int().optional().describe('412: the version the case has now'),
  allowed: z.array(z.string()).optional().describe('405: the methods of the path'),
  mailStatus: z.string().optional().describe('409: the state of a mail that cannot be linked'),
  current: z.enum(WONEN_STATUSES).optional().describe("409: the queue item's status"),
  requested: z.enum(WONEN_STATUSES).optional().describe('409: the status asked for'),
});

export const auditEntrySchema = z.object({
  caseId: z.string().optional(),
  listOf: z.string().optional(),
  at: z.string(),
  requestId: z.string(),
  userId: z.string(),
  organisationId: z.string(),
  role: z.enum(ROLES),
  kind: z.enum(['read', 'write']),
  route: z.string(),
  action: z.string().optional(),
  query: z.record(z.string(), z.string()).optional(),
  status: z.number().int(),
});
const _auditEntry: SameType<z.infer<typeof auditEntrySchema>, AuditEntry> = true;

const actorSchema = z.object({ userId: z.string(), organisationId: z.string(), role: z.enum(ROLES) });
const record = z.record(z.string(), z.unknown());

export const caseExportSchema = z.object({
  format: z.literal('omslagroute-export/1'),
  exportedAt: z.string(),
  exportedBy: actorSchema,
  case: record.describe('The case as stored'),
  consent: record.optional(),
  retention: record.optional(),
  history: z.array(record).describe('Every accepted form and change, in order, in full'),
  audit: z.array(auditEntrySchema),
});
const _exportKeys: SameType<keyof z.infer<typeof caseExportSchema>, keyof CaseExport> = true;
void [_auditEntry, _exportKeys];

/** POST /cases/{id}/retention: the erasure is revoked; the case is kept for a new retention period. */
export const retentionRevokedSchema = z.object({
  caseId: z.string(),
  retention: z.object({ retentionState: z.literal('scheduled'), dueAt: z.string(), revokedAt: z.string() }),
});

/** Every response schema of the production document by its component name. */
export const RESPONSE_SCHEMAS = {
  Problem: problemSchema,
  Health: z.object({ status: z.literal('ok') }),
  OpenApiDocument: z.object({ openapi: z.string(), info: record, paths: record }).loose().describe('This document'),
  CaseView: caseViewSchema,
  CaseChanged: caseChangedSchema,
  CaseList: caseListSchema,
  CaseDeadlines: caseDeadlinesSchema,
  OpenDeadlinePage: openDeadlinesPageSchema,
  Draft: draftViewSchema,
  DraftList: draftListSchema,
  AuditPage: pageSchema(auditEntrySchema),
  CaseExport: caseExportSchema,
  RetentionRevoked: retentionRevokedSchema,
  BouncePage: bouncePageSchema,
  Bounce: bounceViewSchema,
  OrganisationUsers: organisationUsersSchema,
  WonenQueuePage: wonenQueuePageSchema,
  WonenQueueItem: queueEntrySchema,
  UnmatchedMailPage: unmatchedPageSchema,
  UnmatchedMail: unmatchedMailReadSchema,
  LinkedMail: linkedMailSchema,
  WonenDigest: digestSchema,
  MonitorReport: monitorReportSchema,
} satisfies Record<string, z.ZodType>;

export type ResponseName = Exclude<keyof typeof RESPONSE_SCHEMAS, 'Problem'>;
