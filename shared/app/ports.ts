import * as z from 'zod';
import type { Organisation } from '#domain/directory.js';
/**
 * Ports the use cases depend on. Adapters (shared/adapters) implement them with the AWS SDK; tests hand in the
 * same adapters pointed at local servers.
 */
import type { CaseEvent, CaseState } from '#domain/case.js';
import type { Clock } from '#domain/clock.js';
import { perPhaseSchema, type MonitorFact } from '#domain/monitor.js';
import { PHASES, type Phase } from '#domain/phases.js';
import type { SameType } from '#domain/same-type.js';
import type { Actor, Role } from '#domain/roles.js';
import type { Draft } from '#domain/drafts.js';
import type { RetentionRecord } from '#domain/retention.js';
import type { WonenItem } from '#domain/wonen-queue.js';
import type { OutboxItem, PlannedOutboxEvent, PlannedStage, ReminderItem } from './reminders/ports.js';
import type { InboundRecord } from './wonen/ports.js';

/** A stored HTTP answer, replayed for a repeated Idempotency-Key. */
export interface StoredResponse {
  statusCode: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface IdempotencyRecord {
  /** `<organisationId>#<userId>`: keys are scoped per caller, so two callers can never collide. */
  scope: string;
  key: string;
  /** Hash of method, path and body; a different request under the same key is refused. */
  fingerprint: string;
  response: StoredResponse;
}

/** Everything one accepted change writes, committed in a single transaction (all or nothing). */
export interface CaseCommit {
  case: CaseState;
  /** The version the change was decided on; `0` for a new case. The write fails if the stored version differs. */
  expectedVersion: number;
  event: CaseEvent;
  /** Organisations that see the case in their listings (zorgaanbieder, corporatie once involved). */
  organisations: string[];
  /** Organisations that no longer see the case (e.g. consent withdrawn); their membership items are deleted. */
  removedOrganisations?: string[];
  idempotency?: IdempotencyRecord;
  /** What the change implies for other concerns (reminders, Wonen queue, outbox, …), written in the same transaction. */
  effects?: CaseIntent[];
}

/** An open deadline as the index lists it for one organisation (GET /deadlines, the monitor's overdue count). */
export interface IndexedDeadline {
  reference: string;
  regio: string;
  deadlineId: string;
  ruleId: string;
  title: string;
  actor: string;
  dueDate: string;
  dueAt: string;
}

/**
 * What a change means for another concern, said in its words: the DynamoDB adapter (adapters/dynamo/intents.ts) is the
 * one place that turns an intent into table items, keys, index attributes and conditions.
 */
export type CaseIntent =
  /** The submitting organisation's draft of the form goes with the submission. */
  | { kind: 'draft.discard'; caseId: string; organisationId: string; action: string }
  /** (Re)schedules the erasure of a closed case; fails the change if the sweeper has started erasing it. */
  | { kind: 'retention.schedule'; record: RetentionRecord }
  /** The case is open again: no erasure is scheduled. */
  | { kind: 'retention.cancel'; caseId: string }
  /** Lists (or moves) an open deadline in the organisation's deadline index. */
  | { kind: 'deadline.index'; caseId: string; organisationId: string; deadline: IndexedDeadline }
  /** The deadline is no longer open for the organisation (met, missed, gone, or the organisation no longer concerned). */
  | { kind: 'deadline.close'; caseId: string; organisationId: string; deadlineId: string }
  /** Counts one anonymous fact (the same fact always lands on the same item: counted once). */
  | { kind: 'monitor.fact'; fact: MonitorFact }
  /** A fact a correction undid. */
  | { kind: 'monitor.retract'; fact: MonitorFact }
  /** A submission that needs Wonen enters its queue (once per submitting event). */
  | { kind: 'wonen.open'; item: WonenItem }
  /** Wonen's decision (or a change that made the item moot) closes it, whatever its status was. */
  | { kind: 'wonen.close'; item: WonenItem; decision: string; decidedOn: string; decidedBySeq: number; at: string }
  /** A correction of the submission changes what Wonen sees of it. */
  | { kind: 'wonen.reproject'; item: WonenItem; projection: Record<string, unknown>; at: string }
  /** An inbound mail attached to the case on arrival: its record, once. */
  | { kind: 'inbound.attach'; record: InboundRecord }
  /** An unmatched mail linked to the case by a medewerker: it leaves the unmatched list, if still unmatched. */
  | { kind: 'inbound.link'; mailId: string; link: { caseId: string; reference: string; eventSeq: number; linkedBy: string; linkedAt: string } }
  /** A new reminder stage or notification, pending and due at its fireAt (once: the same stage is never put twice). */
  | { kind: 'reminder.schedule'; stage: PlannedStage }
  /** A pending (or cancelled) stage rewritten in place: moved, other recipients, revived; only if still so. */
  | { kind: 'reminder.replan'; stage: PlannedStage }
  /** A pending stage no longer wanted (its deadline met, missed, gone; overtaken); only if still pending. */
  | { kind: 'reminder.cancel'; caseId: string; deadlineId: string; stage: string; reason: string; at: string }
  /** The change's domain event, relayed to EventBridge from `dueAt` on (once per event). */
  | { kind: 'outbox.publish'; event: PlannedOutboxEvent; dueAt: string };

export interface CaseSummary {
  caseId: string;
  reference: string;
  phase: Phase;
  regio: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back as `cursor` for the next page. Absent on the last page. */
  cursor?: string;
}

/** A page of `item` as the OpenAPI document describes every cursor-paginated list (issue 14 point 13). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    cursor: z.string().optional().describe('Opaque; pass back as `cursor` for the next page. Absent on the last page'),
  });
}

export const caseSummarySchema = z.object({ caseId: z.string(), reference: z.string(), phase: z.enum(PHASES), regio: z.string(), updatedAt: z.string() });

/** GET /cases: a page of summaries; with `counts=true` also the number of cases per phase. */
export const caseListSchema = pageSchema(caseSummarySchema).extend({
  counts: perPhaseSchema.optional().describe('With counts=true: the number of cases per phase'),
});

const _caseSummary: SameType<z.infer<typeof caseSummarySchema>, CaseSummary> = true;
const _caseList: SameType<z.infer<typeof caseListSchema>, { items: CaseSummary[]; cursor?: string; counts?: Record<Phase, number> }> = true;
void [_caseSummary, _caseList];

/** An open deadline's entry in the deadline index for one concerned organisation, as stored. */
export interface DeadlineIndexEntry {
  organisationId: string;
  deadlineId: string;
  /** The due instant the entry is sorted by. */
  dueAt: string;
  regio: string;
}

/**
 * What is stored with a case besides its state, its events and its listing memberships, decoded by the store: the
 * planners and use cases read these fields, never store items.
 */
export interface CaseItems {
  /** Reminder stages and one-off notifications, whatever their status. */
  reminders: ReminderItem[];
  outbox: OutboxItem[];
  wonenItems: WonenItem[];
  deadlineIndex: DeadlineIndexEntry[];
  /** Every organisation's drafts (the use cases show an organisation only its own). */
  drafts: Draft[];
  retention?: RetentionRecord;
}

/** A case with nothing stored besides it (a new case). */
export function noCaseItems(): CaseItems {
  return { reminders: [], outbox: [], wonenItems: [], deadlineIndex: [], drafts: [] };
}

/** A case read in one query of its partition: state, history in order, and the other items stored with it. */
export interface LoadedCase extends CaseItems {
  state: CaseState;
  history: CaseEvent[];
}

export interface CaseStore {
  load(caseId: string): Promise<LoadedCase | undefined>;
  /** The next human reference for the year, e.g. `OMS-2026-000124`. */
  nextReference(year: number): Promise<string>;
  getCase(caseId: string): Promise<CaseState | undefined>;
  getHistory(caseId: string): Promise<CaseEvent[]>;
  findByReference(reference: string): Promise<string | undefined>;
  /** `teamId`: only the team's cases and the organisation's cases without a team (a begeleider in a team). */
  listByOrganisation(organisationId: string, query: { phase?: Phase; limit: number; cursor?: string; teamId?: string }): Promise<Page<CaseSummary>>;
  /** The number of cases per phase the same listing shows (same `teamId` rule): one paged Query of the partition. */
  countByOrganisation(organisationId: string, query: { teamId?: string }): Promise<Record<Phase, number>>;
  commit(change: CaseCommit): Promise<void>;
  getIdempotencyRecord(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
}

export interface AppDeps {
  store: CaseStore;
  clock: Clock;
  newId: () => string;
  /** The kind of a directory organisation (undefined: unknown), to check an organisation id a form names. */
  organisationKind?: (organisationId: string) => Organisation['kind'] | undefined;
}

/** Thrown by `CaseStore.commit` when the same Idempotency-Key was committed by a concurrent request first. */
export class IdempotencyRace extends Error {}

/** An e-mail as the system sends it: a case reference and a link, never personal or health details. */
export interface OutgoingMail {
  to: string[];
  subject: string;
  html: string;
  text: string;
  /** Message tags for SES events (bounce, delivery) to find their way back, e.g. { reminderId }. */
  tags?: Record<string, string>;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

// ---------------------------------------------------------------------------------------------------------------
// The stores of the privacy, deadline and draft concerns (their adapters implement these; the use cases are in
// audit.ts, retention.ts, deadlines.ts and drafts.ts).

export interface AuditEntry {
  /** The case read or written (as requested: also a case that does not exist or is not the caller's). */
  caseId?: string;
  /** For list reads (no single case): the organisation whose list was read. */
  listOf?: string;
  at: string;
  requestId: string;
  userId: string;
  organisationId: string;
  role: Role;
  kind: 'read' | 'write';
  /** The API route, e.g. `POST /cases/{caseId}/forms/{action}`. */
  route: string;
  /** The form or operation, e.g. `aanvraag-urgentie`, `consent`, `export`. */
  action?: string;
  /** Filters of a list read (never a cursor). */
  query?: Record<string, string>;
  /** The HTTP status answered. */
  status: number;
}

export interface AuditStore {
  /** Appends one entry; an entry with the same key is never overwritten. `expiresAt` in epoch seconds. */
  append(entry: AuditEntry, expiresAt: number): Promise<void>;
  listForCase(caseId: string, query: { limit: number; cursor?: string }, nowEpoch: number): Promise<Page<AuditEntry>>;
  allForCase(caseId: string, nowEpoch: number): Promise<AuditEntry[]>;
}

export interface RetentionStore {
  /** Records whose next step (mark or erase) is due at `now`, from the queue partitions of `months` (GSI3). */
  dueRetention(months: string[], now: string): Promise<RetentionRecord[]>;
  /** scheduled → marked, if still scheduled for `record.dueAt`. False when someone else changed it first. */
  markForErasure(record: RetentionRecord, eraseAt: string, now: string): Promise<boolean>;
  /** marked → erasing (or still erasing after an interrupted run). */
  claimErasure(record: RetentionRecord): Promise<boolean>;
  /** Sets `expiresAt` on every item of the case (and its reference) and takes them out of every index. */
  erasePartition(caseId: string, expiresAt: number): Promise<number>;
  /** The case's history as stored (also while it is being erased). */
  historyOf(caseId: string): Promise<CaseEvent[]>;
  /** erasing → erased. */
  finishErasure(record: RetentionRecord, expiresAt: number, now: string): Promise<void>;
  /** marked → scheduled again (new `dueAt`), with the idempotency record, in one transaction. */
  revoke(record: RetentionRecord, change: { now: string; dueAt: string; by: Actor }, idempotency: IdempotencyRecord): Promise<boolean>;
}

/** Where a case's mail parts (body text, attachments) live outside the table: the inbox bucket. */
export interface CaseObjectStore {
  deleteObjects(keys: string[]): Promise<void>;
}

/** An open deadline of the organisation's index, as GET /deadlines lists it. */
export interface OpenDeadline extends Omit<IndexedDeadline, 'regio'> {
  caseId: string;
  overdue: boolean;
  /** As in a case's deadlines; counted on the default regio's calendar (the index item carries no regio). */
  werkdagenLeft: number;
}

export interface DeadlineIndexReader {
  listOpen(organisationId: string, query: { limit: number; cursor?: string; dueBefore?: string }): Promise<Page<Omit<OpenDeadline, 'overdue' | 'werkdagenLeft'>>>;
}

export interface DraftStore {
  /** Writes `draft` if the stored version is still `previousVersion` (0: none stored); false when it is not. */
  put(draft: Draft, previousVersion: number): Promise<boolean>;
  delete(caseId: string, organisationId: string, action: string): Promise<void>;
}
