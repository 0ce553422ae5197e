/**
 * Monitor figures: what the Programma Huisvesting Kwetsbare Groepen counts, per organisation and month. Pure: which
 * anonymous facts a change of a case contributes, and how a month's facts add up to its figures (including the
 * median). Storage and keys live in shared/app/monitor and shared/adapters; see ARCHITECTURE.md "Monitor figures".
 *
 * A fact names an organisation, a regio, a month, a counter and (for some) a phase, a number of days or a deadline
 * outcome. It never names a client or a case: its id is a one-way digest of the case id and the event (or deadline),
 * which only makes a repeated write land on the same item (idempotent), and is not returned by any read.
 *
 * Months are Europe/Amsterdam calendar months of the date the fact happened: an event's `occurredOn` (a date in
 * Amsterdam, may be back-dated), a deadline's due date.
 */
import * as z from 'zod';
import { addMonths, daysBetween } from './calendar.js';
import type { CaseEvent, CaseState } from './case.js';
import type { Deadline } from './deadlines/index.js';
import { PHASES, type Phase } from './phases.js';
import type { SameType } from './same-type.js';

export const MONITOR_COUNTERS = ['fase', 'urgentie-aangevraagd', 'urgentie-verleend', 'omklap', 'termijn'] as const;
export type MonitorCounter = (typeof MONITOR_COUNTERS)[number];

/**
 * How a deadline ended, as counted: `op-tijd` met on or before its due date; `te-laat` met after it; `vervallen` the
 * case ended or moved on after the due date without it being met (the engine's `missed`).
 */
export const DEADLINE_OUTCOMES = ['op-tijd', 'te-laat', 'vervallen'] as const;
export type DeadlineOutcome = (typeof DEADLINE_OUTCOMES)[number];

export interface MonitorFact {
  organisationId: string;
  regio: string;
  /** `YYYY-MM`, Europe/Amsterdam. */
  month: string;
  counter: MonitorCounter;
  /** Seed of the fact's id (digested before storing): the same fact always gets the same id. */
  seed: string;
  /** `fase`: the phase the case entered. */
  phase?: Phase;
  /** `omklap`: days from the sleuteloverdracht to the contract op eigen naam. */
  days?: number;
  /** `termijn`: how the deadline ended, and its rule. */
  outcome?: DeadlineOutcome;
  ruleId?: string;
  /** `termijn`: the deadline, to compare before and after a change; not stored (the digest of the seed is). */
  deadlineId?: string;
}

/** The stored shape of a fact as the figures need it (no id, no organisation: the partition says which). */
export type CountedFact = Pick<MonitorFact, 'counter' | 'phase' | 'days' | 'outcome'>;

/** `YYYY-MM` of an ISO date (`YYYY-MM-DD`), which is already an Amsterdam calendar date. */
export function monthOfDate(date: string): string {
  return date.slice(0, 7);
}

// ---------------------------------------------------------------------------------------------------------------
// Facts of a change
// ---------------------------------------------------------------------------------------------------------------

export interface MonitorChange {
  before: CaseState | undefined;
  after: CaseState;
  event: CaseEvent;
  /** The history including `event`. */
  history: readonly CaseEvent[];
  /** Organisations whose figures count the case (the zorgaanbieder; the corporatie while it shares the case). */
  organisations: readonly string[];
  /** The seq of the original submission `event` corrects (its own seq when it corrects nothing). */
  rootSeq: number;
}

/** The first sleuteloverdracht of the history (date), or the fact on the case for older cases. */
function sleuteloverdrachtOf(state: CaseState, history: readonly CaseEvent[]): string | undefined {
  const dates = history.filter((e) => e.type === 'sleuteloverdracht').map((e) => e.occurredOn).sort();
  return dates[0] ?? (typeof state.facts.sleuteloverdrachtOp === 'string' ? state.facts.sleuteloverdrachtOp : undefined);
}

/**
 * The facts an accepted event contributes, one per organisation:
 * - `fase`: the case entered a phase (a new case enters `onderzoek`); keyed by the event, so only a real move counts.
 * - `urgentie-aangevraagd`: an aanvraag urgentie onder voorwaarden (001 §3) was submitted.
 * - `urgentie-verleend`: Wonen granted it (besluit-urgentie `akkoord`).
 * - `omklap`: the contract op eigen naam (002 WA8 stap 4), with the days since the first sleuteloverdracht.
 * Event facts are keyed by the original submission, so a correction overwrites rather than adds.
 */
export function eventFacts(change: MonitorChange): MonitorFact[] {
  const { before, after, event } = change;
  const month = monthOfDate(event.occurredOn);
  const found: Array<Omit<MonitorFact, 'organisationId' | 'regio' | 'month'>> = [];
  if (before?.phase !== after.phase) {
    found.push({ counter: 'fase', seed: `${after.caseId}#${event.seq}#fase`, phase: after.phase });
  }
  const root = `${after.caseId}#${change.rootSeq}`;
  if (event.type === 'aanvraag-urgentie') found.push({ counter: 'urgentie-aangevraagd', seed: `${root}#urgentie-aangevraagd` });
  if (event.type === 'besluit-urgentie' && event.data.besluit === 'akkoord') found.push({ counter: 'urgentie-verleend', seed: `${root}#urgentie-verleend` });
  if (event.type === 'huurcontract-eigen-naam') {
    const sleutel = sleuteloverdrachtOf(after, change.history.filter((e) => e.seq !== event.seq));
    const days = sleutel && sleutel <= event.occurredOn ? daysBetween(sleutel, event.occurredOn) : undefined;
    found.push({ counter: 'omklap', seed: `${root}#omklap`, ...(days !== undefined ? { days } : {}) });
  }
  return change.organisations.flatMap((organisationId) => found.map((f) => ({ ...f, organisationId, regio: after.regio, month })));
}

/** How a deadline has ended, if it has and it counts; signals (nothing to record) never count. */
function deadlineOutcome(deadline: Deadline): DeadlineOutcome | undefined {
  if (deadline.kind === 'signaal') return undefined;
  if (deadline.status === 'met') return deadline.late ? 'te-laat' : 'op-tijd';
  if (deadline.status === 'missed') return 'vervallen';
  return undefined;
}

function deadlineFact(caseId: string, regio: string, organisationId: string, deadline: Deadline, outcome: DeadlineOutcome): MonitorFact {
  return {
    organisationId,
    regio,
    month: monthOfDate(deadline.dueDate),
    counter: 'termijn',
    seed: `${caseId}#${deadline.deadlineId}#termijn`,
    outcome,
    ruleId: deadline.ruleId,
    deadlineId: deadline.deadlineId,
  };
}

/** Identity of a stored fact: where it lives and which item it is. */
function factIdentity(f: MonitorFact): string {
  return `${f.organisationId}|${f.month}|${f.regio}|${f.counter}|${f.seed}`;
}

/**
 * The deadline facts a change adds and removes, from the engine's view before and after it (both at the same `now`,
 * so only the event makes a difference, never time passing). One fact per deadline and concerned organisation, in the
 * month of its due date: written when the deadline ends (met on time, met late, or vervallen) and rewritten when a
 * correction changes how or when (then the old fact is removed in the same change).
 */
export function deadlineFactChanges(input: {
  caseId: string;
  regio: string;
  before: readonly Deadline[];
  after: readonly Deadline[];
  organisationsBefore: (deadline: Deadline) => readonly string[];
  organisationsAfter: (deadline: Deadline) => readonly string[];
}): { put: MonitorFact[]; remove: MonitorFact[] } {
  const factsOf = (list: readonly Deadline[], orgs: (d: Deadline) => readonly string[]) => {
    const facts = new Map<string, MonitorFact>();
    for (const deadline of list) {
      const outcome = deadlineOutcome(deadline);
      if (!outcome) continue;
      for (const organisationId of orgs(deadline)) {
        const fact = deadlineFact(input.caseId, input.regio, organisationId, deadline, outcome);
        facts.set(factIdentity(fact), fact);
      }
    }
    return facts;
  };
  const old = factsOf(input.before, input.organisationsBefore);
  const now = factsOf(input.after, input.organisationsAfter);
  const changedDeadlines = new Set(
    input.after.filter((d) => {
      const previous = input.before.find((b) => b.deadlineId === d.deadlineId);
      return !previous || deadlineOutcome(previous) !== deadlineOutcome(d) || previous.dueDate !== d.dueDate;
    }).map((d) => d.deadlineId),
  );
  const goneDeadlines = new Set(input.before.filter((b) => !input.after.some((a) => a.deadlineId === b.deadlineId)).map((b) => b.deadlineId));
  const deadlineOf = (f: MonitorFact) => f.deadlineId ?? '';
  // Only deadlines this change decided are written: an organisation joining or leaving the case later does not
  // rewrite the figures of earlier months.
  const put = [...now.values()].filter((f) => changedDeadlines.has(deadlineOf(f)) && !old.has(factIdentity(f)));
  const remove = [...old.values()].filter(
    (f) => (changedDeadlines.has(deadlineOf(f)) || goneDeadlines.has(deadlineOf(f))) && !now.has(factIdentity(f)),
  );
  // The same stored item may not be both removed and written (the outcome is an attribute, not part of the key).
  const putKeys = new Set(put.map(storedIdentity));
  return { put, remove: remove.filter((f) => !putKeys.has(storedIdentity(f))) };
}

/** The identity of the stored item (the outcome is an attribute of it). */
function storedIdentity(f: MonitorFact): string {
  return `${f.organisationId}|${f.month}|${f.regio}|${f.seed}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Figures
// ---------------------------------------------------------------------------------------------------------------

/** The median of a list of numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface DeadlineFigures {
  /** Met on or before the due date. */
  gehaald: number;
  /** Met, after the due date. */
  teLaatGehaald: number;
  /** The case ended or moved on after the due date without the deadline being met. */
  vervallen: number;
  /** Due date passed, not met, and still open at the moment of the read. */
  verlopenOpen: number;
  /** Every deadline due this month whose due date passed without it being met on time: the three above. */
  gemist: number;
}

export interface MonthFigures {
  maand: string;
  /** Cases that entered each phase this month (every phase, 0 when none). */
  instroomPerFase: Record<Phase, number>;
  urgentiesAangevraagd: number;
  urgentiesVerleend: number;
  omklappen: number;
  /** Over this month's omklappen whose sleuteloverdracht is known. */
  mediaanDagenSleuteloverdrachtTotOmklap: number | null;
  /** Deadlines due this month (those concerning the organisation). */
  termijnen: DeadlineFigures;
}

const count = z.number().int().min(0);
/** Cases per phase: every phase, 0 when none (an object with one property per phase, so its JSON Schema names them). */
export const perPhaseSchema = z.object(Object.fromEntries(PHASES.map((p) => [p, count])) as Record<Phase, typeof count>);
/** One month of GET /monitor/{organisationId} (checked against MonthFigures). */
export const monthFiguresSchema = z.object({
  maand: z.string().regex(/^\d{4}-\d{2}$/),
  instroomPerFase: perPhaseSchema,
  urgentiesAangevraagd: count,
  urgentiesVerleend: count,
  omklappen: count,
  mediaanDagenSleuteloverdrachtTotOmklap: z.number().nullable(),
  termijnen: z.object({ gehaald: count, teLaatGehaald: count, vervallen: count, verlopenOpen: count, gemist: count }),
});
const _monthFigures: SameType<z.infer<typeof monthFiguresSchema>, MonthFigures> = true;
void _monthFigures;

function zeroPhases(): Record<Phase, number> {
  return Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
}

/** One month's figures from its stored facts and the number of its deadlines that are overdue and still open. */
export function monthFigures(maand: string, facts: readonly CountedFact[], verlopenOpen: number): MonthFigures {
  const instroomPerFase = zeroPhases();
  const days: number[] = [];
  const t = { gehaald: 0, teLaatGehaald: 0, vervallen: 0 };
  let urgentiesAangevraagd = 0;
  let urgentiesVerleend = 0;
  let omklappen = 0;
  for (const fact of facts) {
    switch (fact.counter) {
      case 'fase':
        if (fact.phase && fact.phase in instroomPerFase) instroomPerFase[fact.phase] += 1;
        break;
      case 'urgentie-aangevraagd':
        urgentiesAangevraagd += 1;
        break;
      case 'urgentie-verleend':
        urgentiesVerleend += 1;
        break;
      case 'omklap':
        omklappen += 1;
        if (typeof fact.days === 'number') days.push(fact.days);
        break;
      case 'termijn':
        if (fact.outcome === 'op-tijd') t.gehaald += 1;
        else if (fact.outcome === 'te-laat') t.teLaatGehaald += 1;
        else if (fact.outcome === 'vervallen') t.vervallen += 1;
        break;
    }
  }
  return {
    maand,
    instroomPerFase,
    urgentiesAangevraagd,
    urgentiesVerleend,
    omklappen,
    mediaanDagenSleuteloverdrachtTotOmklap: median(days),
    termijnen: { ...t, verlopenOpen, gemist: t.teLaatGehaald + t.vervallen + verlopenOpen },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Request and CSV
// ---------------------------------------------------------------------------------------------------------------

/** At most this many months per request (each month is one query of one partition). */
export const MAX_MONITOR_MONTHS = 24;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Verwacht een maand als 2026-03');

export const monitorQuerySchema = z.object({
  from: month.optional().describe('Eerste maand (YYYY-MM); standaard elf maanden vóór `to`'),
  to: month.optional().describe('Laatste maand (YYYY-MM); standaard de huidige maand'),
  format: z.enum(['json', 'csv']).default('json').describe('csv: puntkomma-gescheiden, één regel per maand'),
});
export type MonitorQuery = z.infer<typeof monitorQuerySchema>;

/** Every month from `from` to `to` inclusive; undefined when `to` is before `from`. */
export function monthRange(from: string, to: string): string[] | undefined {
  if (to < from) return undefined;
  const months: string[] = [];
  for (let current = from; current <= to && months.length <= MAX_MONITOR_MONTHS; current = monthOfDate(addMonths(`${current}-01`, 1))) {
    months.push(current);
  }
  return months;
}

/** The month `n` months before `month` (`YYYY-MM`). */
export function monthsBefore(month: string, n: number): string {
  return monthOfDate(addMonths(`${month}-01`, -n));
}

/** CSV columns (Dutch names), in order. */
export const CSV_COLUMNS = [
  'maand',
  ...PHASES.map((p) => `instroom_${p}`),
  'urgenties_aangevraagd',
  'urgenties_verleend',
  'omklappen',
  'mediaan_dagen_sleuteloverdracht_tot_omklap',
  'termijnen_gehaald',
  'termijnen_te_laat_gehaald',
  'termijnen_vervallen',
  'termijnen_verlopen_open',
  'termijnen_gemist',
] as const;

/**
 * The figures as the rows of CSV_COLUMNS, one per month: a month, counts, and the median days (null for none). The
 * CSV itself (Dutch spreadsheet settings) is rendered by shared/lib/csv.ts for the monitor route.
 */
export function figuresRows(months: readonly MonthFigures[]): Array<Array<string | number | null>> {
  return months.map((m) => [
    m.maand,
    ...PHASES.map((p) => m.instroomPerFase[p]),
    m.urgentiesAangevraagd,
    m.urgentiesVerleend,
    m.omklappen,
    m.mediaanDagenSleuteloverdrachtTotOmklap,
    m.termijnen.gehaald,
    m.termijnen.teLaatGehaald,
    m.termijnen.vervallen,
    m.termijnen.verlopenOpen,
    m.termijnen.gemist,
  ]);
}
