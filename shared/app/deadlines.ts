/**
 * Deadlines as the professionals see them: a case's deadlines (open, met, missed) recomputed from its history, and
 * an organisation's open deadlines by due date, read from an index the planner below keeps in step with every change.
 */
import * as z from 'zod';
import { canSeeCase, organisationsOf } from '#domain/access.js';
import type { CaseState, Regio } from '#domain/case.js';
import { toAmsterdamDate } from '#domain/calendar.js';
import { werkdagenBetween, werkdagenOverdue } from '#domain/werkdagen.js';
import { evaluateDeadlines, type Deadline } from '#domain/deadlines/index.js';
import { CaseNotFound, Forbidden } from '#domain/errors.js';
import type { Principal } from '#domain/roles.js';
import type { SameType } from '#domain/same-type.js';
import type { EffectPlanner } from './effects.js';
import { pageSchema, type AppDeps, type CaseIntent, type Page } from './ports.js';
import { mayListOrganisation } from './read-cases.js';
import type { DeadlineIndexReader, OpenDeadline } from './ports.js';

export type { DeadlineIndexReader, OpenDeadline } from './ports.js';

const ZORGAANBIEDER_PARTIES = new Set(['begeleider', 'zorgaanbieder', 'meldpunt', 'onafhankelijke-derde']);

/** Which organisations of the case are concerned by a deadline: who must act or is told. */
export function organisationsConcerned(deadline: Deadline, state: CaseState): string[] {
  const parties = new Set<string>([deadline.actor, ...deadline.stages.flatMap((s) => s.to)]);
  const organisations: string[] = [];
  const members = organisationsOf(state);
  if ([...parties].some((p) => ZORGAANBIEDER_PARTIES.has(p))) organisations.push(state.zorgaanbiederId);
  if (parties.has('corporatie') && state.corporatieId && members.includes(state.corporatieId)) organisations.push(state.corporatieId);
  return organisations;
}

/** What a role may see of the deadlines: the zorgaanbieder all; the corporatie those it acts on or is told of. */
function visibleTo(principal: Principal, deadline: Deadline): boolean {
  if (principal.role === 'contactpersoon') return deadline.actor === 'corporatie' || deadline.stages.some((s) => s.to.includes('corporatie'));
  if (principal.role === 'medewerker-wonen') return deadline.actor === 'woonzaken' || deadline.stages.some((s) => s.to.includes('woonzaken'));
  return true;
}

export interface DeadlineView {
  deadlineId: string;
  ruleId: string;
  title: string;
  source: string;
  actor: string;
  dueDate: string;
  dueAt: string;
  status: Deadline['status'];
  metOn?: string;
  /** Met after the due date: a duty done, but late (e.g. Wonen's toets after the 5 werkdagen of 001 §4). */
  late?: true;
  /** For an open deadline: werkdagen until it falls due (0 on the day itself); late: how many it is past, negative. */
  werkdagenLeft?: number;
}

/** What GET /cases/{id}/deadlines shows of a deadline: met late says so (`late`); an open one counts its werkdagen. */
export function deadlineView(deadline: Deadline, today: string, regio: Regio | undefined): DeadlineView {
  const { deadlineId, ruleId, title, source, actor, dueDate, dueAt, status, metOn, late } = deadline;
  const open = status === 'open' || status === 'overdue';
  return { deadlineId, ruleId, title, source, actor, dueDate, dueAt, status, ...(metOn ? { metOn } : {}), ...(late ? { late } : {}), ...(open ? { werkdagenLeft: werkdagenLeft(dueDate, today, regio) } : {}) };
}

/** Signed werkdagen to a due date as the werkplek's badge says it: 3 = "nog 3 werkdagen", 0 = today, -2 = 2 late. */
export function werkdagenLeft(dueDate: string, today: string, regio: Regio | undefined): number {
  return dueDate >= today ? werkdagenBetween(today, dueDate, regio) : -werkdagenOverdue(dueDate, today, regio);
}

const DEADLINE_STATUSES = ['open', 'overdue', 'met', 'missed', 'cancelled'] as const satisfies readonly Deadline['status'][];

/** GET /cases/{id}/deadlines answers this (the OpenAPI document's response schema; checked against DeadlineView). */
export const deadlineViewSchema = z.object({
  deadlineId: z.string(),
  ruleId: z.string(),
  title: z.string(),
  source: z.string().describe('The seed sentence the deadline comes from'),
  actor: z.string().describe('Who must act'),
  dueDate: z.iso.date(),
  dueAt: z.string().describe('End of dueDate in Europe/Amsterdam, as an ISO instant'),
  status: z.enum(DEADLINE_STATUSES),
  metOn: z.iso.date().optional(),
  late: z.literal(true).optional().describe('Met after the due date'),
  werkdagenLeft: z.number().int().optional().describe('Open deadlines: werkdagen until due (0 today, negative: late)'),
});

export const caseDeadlinesSchema = z.object({ reference: z.string(), deadlines: z.array(deadlineViewSchema) });

const _deadlineView: SameType<z.infer<typeof deadlineViewSchema>, DeadlineView> = true;
const _caseDeadlines: SameType<z.infer<typeof caseDeadlinesSchema>, Awaited<ReturnType<typeof caseDeadlines>>> = true;
void [_deadlineView, _caseDeadlines];

export async function caseDeadlines(deps: AppDeps, principal: Principal, caseId: string): Promise<{ reference: string; deadlines: DeadlineView[] }> {
  const loaded = await deps.store.load(caseId);
  if (!loaded || !canSeeCase(principal, loaded.state, loaded.history)) throw new CaseNotFound();
  const deadlines = evaluateDeadlines({ case: loaded.state, history: loaded.history, now: deps.clock.now() })
    .filter((d) => visibleTo(principal, d))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const today = toAmsterdamDate(deps.clock.now());
  return { reference: loaded.state.reference, deadlines: deadlines.map((d) => deadlineView(d, today, loaded.state.regio)) };
}

/** GET /deadlines: one page of the organisation's open deadlines (checked against OpenDeadline). */
export const openDeadlineSchema = z.object({
  caseId: z.string(),
  reference: z.string(),
  deadlineId: z.string(),
  ruleId: z.string(),
  title: z.string(),
  actor: z.string(),
  dueDate: z.iso.date(),
  dueAt: z.string(),
  overdue: z.boolean(),
  werkdagenLeft: z.number().int(),
});
export const openDeadlinesPageSchema = pageSchema(openDeadlineSchema);

const _openDeadline: SameType<z.infer<typeof openDeadlineSchema>, OpenDeadline> = true;
void _openDeadline;

/** The caller's organisation's open deadlines by due date, across its cases, from the deadline index. */
export async function organisationDeadlines(
  deps: AppDeps & { deadlineIndex: DeadlineIndexReader },
  principal: Principal,
  query: { limit: number; cursor?: string; dueBefore?: string },
): Promise<Page<OpenDeadline>> {
  if (principal.role === 'systeembeheerder' || principal.role === 'medewerker-wonen') {
    throw new Forbidden('Wonen werkt vanuit de Wonen-wachtrij; systeembeheer ziet geen dossiers.');
  }
  if (!mayListOrganisation(deps, principal)) return { items: [] };
  const now = deps.clock.now();
  const page = await deps.deadlineIndex.listOpen(principal.organisationId, query);
  const today = toAmsterdamDate(now);
  return { ...page, items: page.items.map((item) => ({ ...item, overdue: item.dueAt < now, werkdagenLeft: werkdagenLeft(item.dueDate, today, undefined) })) };
}

/**
 * Keeps one index item per open deadline and concerned organisation (GSI3 `DEADLINES#<org>` by due instant), written
 * in the same transaction as the change that opened, moved or met the deadline. Overdue is computed at read time.
 */
export const deadlineIndexPlanner: EffectPlanner = (change, existing) => {
  const open = change.deadlinesAfter.filter(
    (d) => d.status === 'open' || d.status === 'overdue',
  );
  const { caseId } = change.after;
  const entryId = (organisationId: string, deadlineId: string) => `${organisationId}\u0000${deadlineId}`;
  const wanted = new Map<string, Extract<CaseIntent, { kind: 'deadline.index' }>>();
  for (const deadline of open) {
    for (const organisationId of organisationsConcerned(deadline, change.after)) {
      const { reference, regio } = change.after;
      const { deadlineId, ruleId, title, actor, dueDate, dueAt } = deadline;
      wanted.set(entryId(organisationId, deadlineId), {
        kind: 'deadline.index',
        caseId,
        organisationId,
        deadline: { reference, regio, deadlineId, ruleId, title, actor, dueDate, dueAt },
      });
    }
  }
  const intents: CaseIntent[] = [];
  const stored = new Map(existing.deadlineIndex.map((entry) => [entryId(entry.organisationId, entry.deadlineId), entry]));
  for (const [id, entry] of stored) {
    if (!wanted.has(id)) intents.push({ kind: 'deadline.close', caseId, organisationId: entry.organisationId, deadlineId: entry.deadlineId });
  }
  for (const [id, intent] of wanted) {
    const entry = stored.get(id);
    // The entry is sorted by its due instant: a moved deadline (or a case moved to another regio) is written again.
    if (!entry || entry.dueAt !== intent.deadline.dueAt || entry.regio !== intent.deadline.regio) intents.push(intent);
  }
  return intents;
};
