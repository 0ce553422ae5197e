/**
 * The deadline engine: for a case history, every deadline the rules derive, when it falls due, who must act, who is
 * told and when. Pure and deterministic: no clock (now is a parameter), no I/O; same input, same output.
 *
 * History semantics
 * - A correction (`supersedes: seq`) replaces the event it corrects; chains are followed to the original, and the
 *   latest correction of an original wins. Superseded events are ignored.
 * - Events are replayed in the order of the facts, not of recording: by occurredOn, then by the seq of the original
 *   submission (so a correction keeps its original's place among same-day events), then by seq. A back-dated event
 *   therefore gives the same result as if it had been recorded in order.
 *
 * Deadline semantics
 * - due date = anchor + offset. The anchor is the event's own date, a date in its data, or (terms "na ontvangst")
 *   the day the original submission was recorded. Werkdagen per werkdagen.ts. A calendar offset (weeks, months, years) that ends on a
 *   day that is not a werkdag runs on to the next werkdag (Atw art. 1); a negative one ("3 maanden vóór") moves back
 *   to the previous werkdag, so "at least … before" still holds. Due at the end of that day in Europe/Amsterdam.
 * - met: the first satisfying event, unless a cancelling event came first. `late` when met after the due date.
 * - cancelled: a cancelling event after the start (or the case is in a cancelling phase) before it was met;
 *   `missed` instead when the due date had already passed at that moment.
 * - overdue: not met, not cancelled, now is past the due instant. open: otherwise.
 * - A `signaal` rule has nothing to record: it is met on its date.
 */
import { akkoordItems, countedHistory, type AkkoordItem } from '../akkoord.js';
import { receivedOn, type CaseEvent, type CaseState, type Regio } from '../case.js';
import { toAmsterdamDate } from '../calendar.js';
import { regioMatrix, regioRules } from '../regio.js';
import type { Action } from '../phases.js';
import { addDays, addMonths, addWeeks, addYears, amsterdamMorning, instantMs, isIsoDate } from '../calendar.js';
import { addWerkdagen, endOfDayAmsterdam, werkdagOnOrAfter, werkdagOnOrBefore } from '../werkdagen.js';
import { rulesFor, type DeadlineRule, type EventMatch, type Offset, type Party, type RuleKind, type StageName, type StageOffset } from './rules.js';

export type DeadlineStatus = 'open' | 'overdue' | 'met' | 'missed' | 'cancelled';

export interface DeadlineStage {
  stage: StageName;
  /** 08:00 Europe/Amsterdam on the stage date (always a werkdag). Stable: does not depend on now. */
  fireAt: string;
  to: Party[];
  /** fireAt ≤ now. A reminder planner sends at most the latest passed stage of an open deadline, once. */
  passed: boolean;
}

export interface Deadline {
  /** `${ruleId}:${anchorKey}`: stable across recomputation and across corrections of the starting event. */
  deadlineId: string;
  ruleId: string;
  /** The seq of the original starting event, the meldingId / aanbodId, or the occurrence number (recurring rules). */
  anchorKey: string;
  title: string;
  source: string;
  kind: RuleKind;
  actor: Party;
  /** seq of the (effective) event that started it. */
  startedBy: number;
  dueDate: string;
  /** End of dueDate in Europe/Amsterdam (23:59:59.999 local) as an ISO instant. */
  dueAt: string;
  status: DeadlineStatus;
  /** Met after the due date. */
  late?: true;
  metBy?: number;
  metOn?: string;
  /** The cancelling event; absent when the case's phase cancelled it. */
  cancelledBy?: number;
  cancelledOn?: string;
  stages: DeadlineStage[];
}

export interface EvaluateInput {
  case: Pick<CaseState, 'regio' | 'doelgroep' | 'route' | 'phase'>;
  history: readonly CaseEvent[];
  /** The current instant (ISO-8601). */
  now: string;
}

/** An event as replayed: its place in the order of facts and the seq of the submission it (transitively) corrects. */
export interface ReplayedEvent {
  event: CaseEvent;
  rootSeq: number;
  position: number;
}

// ---------------------------------------------------------------------------------------------------------------
// History
// ---------------------------------------------------------------------------------------------------------------

/** The seq of the original submission an event (transitively) corrects; its own seq when it corrects nothing. */
function rootSeqOf(event: CaseEvent, bySeq: ReadonlyMap<number, CaseEvent>): number {
  let current = event;
  const seen = new Set<number>();
  while (current.supersedes !== undefined && !seen.has(current.seq)) {
    seen.add(current.seq);
    const corrected = bySeq.get(current.supersedes);
    if (!corrected) return current.supersedes;
    current = corrected;
  }
  return current.seq;
}

/**
 * The effective history in the order of facts: per original submission only its latest correction, sorted by
 * occurredOn, then the original's seq, then seq.
 */
export function replayOrder(history: readonly CaseEvent[]): ReplayedEvent[] {
  const bySeq = new Map(history.map((e) => [e.seq, e] as const));
  const latestPerRoot = new Map<number, CaseEvent>();
  for (const event of history) {
    const root = rootSeqOf(event, bySeq);
    const kept = latestPerRoot.get(root);
    if (!kept || event.seq > kept.seq) latestPerRoot.set(root, event);
  }
  return [...latestPerRoot]
    .map(([rootSeq, event]) => ({ event, rootSeq }))
    .sort(
      (a, b) =>
        compare(a.event.occurredOn, b.event.occurredOn) || a.rootSeq - b.rootSeq || a.event.seq - b.event.seq,
    )
    .map((entry, position) => ({ ...entry, position }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The earliest date a voordracht voor omklap may be made: one year after the (first) sleuteloverdracht.
 * Not a deadline but a constraint: "Omklappen is pas mogelijk na minimaal een jaar begeleiding" (001 §4; 002 WA3:
 * "De periode van intermediaire verhuur duurt minimaal één jaar"). Undefined before any sleuteloverdracht.
 */
export function earliestOmklapDate(history: readonly CaseEvent[]): string | undefined {
  const first = replayOrder(countedHistory(history)).find((r) => r.event.type === 'sleuteloverdracht');
  return first ? addYears(first.event.occurredOn, 1) : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------------------------

/** anchor + offset, landing on a werkdag (see the module comment for the roll rule). */
export function applyOffset(anchor: string, offset: StageOffset, regio: Regio): string {
  if (offset === 0) return werkdagOnOrAfter(anchor, regio);
  if ('werkdagen' in offset) return addWerkdagen(anchor, offset.werkdagen, regio);
  const [date, amount] = calendarShift(anchor, offset);
  return amount < 0 ? werkdagOnOrBefore(date, regio) : werkdagOnOrAfter(date, regio);
}

function calendarShift(anchor: string, offset: Exclude<Offset, { werkdagen: number }>): [string, number] {
  if ('days' in offset) return [addDays(anchor, offset.days), offset.days];
  if ('weeks' in offset) return [addWeeks(anchor, offset.weeks), offset.weeks];
  if ('months' in offset) return [addMonths(anchor, offset.months), offset.months];
  return [addYears(anchor, offset.years), offset.years];
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------------------------

interface Context {
  input: EvaluateInput;
  replayed: ReplayedEvent[];
  nowMs: number;
  /** The date of the event that brought the case into its current phase. */
  phaseSince: string;
  /** Every recorded event by seq (corrected ones too: a correction keeps its original's receipt). */
  bySeq: ReadonlyMap<number, CaseEvent>;
}

/**
 * Every deadline the history derives under the rules of the case's regio, sorted by due date. The rules read the
 * history as it counts (akkoord.ts: a form waiting for the corporatie's akkoord is not a fact yet); the corporatie's
 * own term to answer comes from the submissions themselves.
 */
export function evaluateDeadlines(input: EvaluateInput): Deadline[] {
  const history = countedHistory(input.history);
  const replayed = replayOrder(history);
  const ctx: Context = {
    input,
    replayed,
    nowMs: instantMs(input.now),
    phaseSince: phaseSinceOf(replayed, input.case.regio),
    bySeq: new Map(history.map((e) => [e.seq, e] as const)),
  };
  return [
    ...rulesFor(input.case.regio)
      .filter((rule) => appliesToCase(rule, input.case))
      .flatMap((rule) => deadlinesOf(rule, ctx)),
    ...akkoordDeadlines(input, ctx),
  ].sort((a, b) => compare(a.dueDate, b.dueDate) || compare(a.deadlineId, b.deadlineId));
}

/** The rule id of the corporatie's term to answer a submission (`akkoord-corporatie:<seq>`). */
export const AKKOORD_RULE_ID = 'akkoord-corporatie';

/**
 * The corporatie's term to answer a submission ingediend bij haar: one deadline per version, from its receipt. The seeds
 * give no term for it; the regio's rule set does (regio.ts `akkoordTermijn`) and says so. A regio without one has no
 * such deadline (the form still waits for the akkoord). Met by the answer (akkoord or teruggestuurd); a version
 * replaced before an answer is cancelled; so is every open one when the case closes.
 */
function akkoordDeadlines(input: EvaluateInput, ctx: Context): Deadline[] {
  const termijn = regioRules(input.case.regio).akkoordTermijn;
  if (!termijn) return [];
  const regio = input.case.regio;
  return akkoordItems(input.history).map((item): Deadline => {
    // From the day it reached the corporatie (its receipt), not the date of the gesprek the form records.
    const dueDate = applyOffset(toAmsterdamDate(item.submittedAt), termijn.offset, regio);
    const dueAt = endOfDayAmsterdam(dueDate);
    const base = {
      deadlineId: `${AKKOORD_RULE_ID}:${item.seq}`,
      ruleId: AKKOORD_RULE_ID,
      anchorKey: String(item.seq),
      title: `Akkoord corporatie: ${item.wat}`,
      source: `${item.source}; termijn: ${termijn.bron}`,
      kind: 'termijn' as const,
      actor: 'corporatie' as const,
      startedBy: item.seq,
      dueDate,
      dueAt,
      stages: AKKOORD_STAGES.map((s) => {
        const fireAt = amsterdamMorning(applyOffset(dueDate, s.at, regio));
        return { stage: s.stage, fireAt, to: [...s.to], passed: instantMs(fireAt) <= ctx.nowMs };
      }),
    };
    return { ...base, ...akkoordStatus(item, dueDate, dueAt, input, ctx) };
  });
}

/** Heads-up and due day to the corporatie; the escalation also tells the begeleider, who waits for the answer. */
const AKKOORD_STAGES: readonly { stage: StageName; at: StageOffset; to: readonly Party[] }[] = [
  { stage: 'vooraf', at: { werkdagen: -1 }, to: ['corporatie'] },
  { stage: 'vandaag', at: 0, to: ['corporatie'] },
  { stage: 'escalatie', at: { werkdagen: 1 }, to: ['corporatie', 'begeleider'] },
];

function akkoordStatus(item: AkkoordItem, dueDate: string, dueAt: string, input: EvaluateInput, ctx: Context): Pick<Deadline, 'status' | 'late' | 'metBy' | 'metOn' | 'cancelledBy' | 'cancelledOn'> {
  if (item.besluit) {
    const on = toAmsterdamDate(item.besluit.at);
    return { status: 'met', metBy: item.besluit.seq, metOn: on, ...(on > dueDate ? { late: true as const } : {}) };
  }
  if (item.vervangenDoor !== undefined) {
    const on = toAmsterdamDate(input.history.find((e) => e.seq === item.vervangenDoor)!.recordedAt);
    return { status: on > dueDate ? 'missed' : 'cancelled', cancelledBy: item.vervangenDoor, cancelledOn: on };
  }
  if (input.case.phase === 'afgesloten') return { status: ctx.phaseSince > dueDate ? 'missed' : 'cancelled', cancelledOn: ctx.phaseSince };
  return { status: ctx.nowMs > instantMs(dueAt) ? 'overdue' : 'open' };
}

/** The deadlines still to act on: open and overdue. */
export function openDeadlines(input: EvaluateInput): Deadline[] {
  return evaluateDeadlines(input).filter((d) => d.status === 'open' || d.status === 'overdue');
}

/**
 * The date the case entered its current phase: the latest recorded event that can move a case (by the regio's
 * transition matrix). Events that never do (a reactie, a mail to the case) do not count.
 */
function phaseSinceOf(replayed: readonly ReplayedEvent[], regio: Regio): string {
  const movers = replayed.filter((r) => canMovePhase(r.event.type, regio));
  const last = movers.reduce<ReplayedEvent | undefined>((a, b) => (!a || b.event.seq > a.event.seq ? b : a), undefined);
  return last?.event.occurredOn ?? '0000-01-01';
}

function canMovePhase(type: CaseEvent['type'], regio: Regio): boolean {
  if (type === 'case-aangemaakt') return true;
  // The regio's matrix: in klantreis-2023 the woonevaluatie (the eindevaluatie) may move the case (regio.ts omklap).
  const matrix = regioMatrix(regio);
  const transition = (matrix as Partial<Record<string, (typeof matrix)[Action]>>)[type];
  return transition !== undefined && transition.to.some((to) => to !== 'same');
}

function appliesToCase(rule: DeadlineRule, c: EvaluateInput['case']): boolean {
  const { routes, doelgroepen } = rule.appliesTo ?? {};
  return (!routes || routes.includes(c.route)) && (!doelgroepen || doelgroepen.includes(c.doelgroep));
}

function matchesType(match: { types: readonly string[]; when?: (e: CaseEvent) => boolean }, event: CaseEvent): boolean {
  return match.types.includes(event.type) && (!match.when || match.when(event));
}

function keyOf(rule: DeadlineRule, event: CaseEvent): string | undefined {
  if (!rule.key) return undefined;
  const value = event.data[rule.key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** One deadline per start event (per key for keyed rules, only the first for `once`; numbered when recurring). */
function deadlinesOf(rule: DeadlineRule, ctx: Context): Deadline[] {
  const starts = ctx.replayed.filter((r) => matchesType(rule.startsOn, r.event));
  const seenKeys = new Set<string>();
  const deadlines: Deadline[] = [];
  starts.forEach((start, index) => {
    if (rule.once && deadlines.length > 0) return;
    const anchorDate = anchorDateOf(rule, start, ctx);
    if (!anchorDate) return;
    const anchorKey = anchorKeyOf(rule, start, deadlines.length + 1);
    if (seenKeys.has(anchorKey)) return;
    seenKeys.add(anchorKey);
    const offset = rule.recurring ? recurringOffset(rule, starts.slice(0, index + 1), ctx) : rule.offset;
    const dueDate = applyOffset(anchorDate, offset, ctx.input.case.regio);
    deadlines.push(buildDeadline(rule, start, anchorKey, dueDate, starts[index + 1], ctx));
  });
  return deadlines;
}

function anchorDateOf(rule: DeadlineRule, start: ReplayedEvent, ctx: Context): string | undefined {
  const event = start.event;
  // 001 §4 "Na ontvangst": the clock starts on the day the (original) submission was received, not on its own date.
  if (rule.startsOn.anchor === 'ontvangst') return receivedOn(event, ctx.bySeq.get(start.rootSeq) ?? event);
  const field = rule.startsOn.anchorField;
  // A rule that needs the field guards on it (`when: hasDate(field)`); otherwise an event without it counts from its date.
  const date = field && event.data[field] !== undefined ? event.data[field] : event.occurredOn;
  return isIsoDate(date) ? date : undefined;
}

function anchorKeyOf(rule: DeadlineRule, start: ReplayedEvent, occurrence: number): string {
  if (rule.recurring) return String(occurrence);
  if (rule.key) return keyOf(rule, start.event) ?? `#${start.rootSeq}`;
  return String(start.rootSeq);
}

/**
 * The interval of a recurring rule: the default (per doelgroep), or the agreed interval when that is more frequent
 * (002 Bijlage 2a: "eens per jaar of vaker"). An agreement holds until a later start event states another one.
 */
function recurringOffset(rule: DeadlineRule, startsSoFar: readonly ReplayedEvent[], ctx: Context): Offset {
  const recurrence = rule.recurring ?? {};
  const base = 'months' in rule.offset ? rule.offset.months : 12;
  const byDoelgroep = recurrence.monthsByDoelgroep?.[ctx.input.case.doelgroep] ?? base;
  const agreed = recurrence.agreedMonthsField ? latestAgreedMonths(startsSoFar, recurrence.agreedMonthsField) : undefined;
  return { months: agreed !== undefined ? Math.min(agreed, byDoelgroep) : byDoelgroep };
}

function latestAgreedMonths(starts: readonly ReplayedEvent[], field: string): number | undefined {
  for (let i = starts.length - 1; i >= 0; i -= 1) {
    const value = starts[i]?.event.data[field];
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  }
  return undefined;
}

interface Found {
  entry: ReplayedEvent;
  on: string;
}

function buildDeadline(
  rule: DeadlineRule,
  start: ReplayedEvent,
  anchorKey: string,
  dueDate: string,
  nextStart: ReplayedEvent | undefined,
  ctx: Context,
): Deadline {
  const regio = ctx.input.case.regio;
  const dueAt = endOfDayAmsterdam(dueDate);
  const base = {
    deadlineId: `${rule.id}:${anchorKey}`,
    ruleId: rule.id,
    anchorKey,
    title: rule.title,
    source: rule.source,
    kind: rule.kind,
    actor: rule.actor,
    startedBy: start.event.seq,
    dueDate,
    dueAt,
    stages: rule.stages.map((s) => {
      const fireAt = amsterdamMorning(applyOffset(dueDate, s.at, regio));
      return { stage: s.stage, fireAt, to: [...s.to], passed: instantMs(fireAt) <= ctx.nowMs };
    }),
  };
  const met = findSatisfier(rule, start, dueDate, ctx);
  const cancel = findCanceller(rule, start, nextStart, ctx);
  if (met && (!cancel || met.entry.position <= cancel.entry.position)) {
    return { ...base, status: 'met', metBy: met.entry.event.seq, metOn: met.on, ...(met.on > dueDate ? { late: true as const } : {}) };
  }
  const ended = cancel
    ? { cancelledBy: cancel.entry.event.seq, cancelledOn: cancel.on }
    : rule.cancelledBy.phases.includes(ctx.input.case.phase)
      ? { cancelledOn: ctx.phaseSince }
      : undefined;
  const pastDue = ctx.nowMs > instantMs(dueAt);
  if (rule.kind === 'signaal') {
    // Nothing to record: the signal has happened once its date passed before the case ended.
    if (ended && ended.cancelledOn <= dueDate) return { ...base, status: 'cancelled', ...ended };
    return pastDue || ended ? { ...base, status: 'met', metOn: dueDate } : { ...base, status: 'open' };
  }
  if (ended) return { ...base, status: ended.cancelledOn > dueDate ? 'missed' : 'cancelled', ...ended };
  return { ...base, status: pastDue ? 'overdue' : 'open' };
}

/** Whether `candidate` is in scope for `match` relative to the start: keyed matches in any order, others after it. */
function inScope(rule: DeadlineRule, match: EventMatch, start: ReplayedEvent, candidate: ReplayedEvent): boolean {
  if (candidate.event.seq === start.event.seq) return false;
  const after = candidate.position > start.position;
  if (!match.key) return after;
  const startKey = keyOf(rule, start.event);
  const candidateKey = keyOf(rule, candidate.event);
  if (candidateKey === undefined) return match.key === 'same-if-present' && after;
  return startKey !== undefined && candidateKey === startKey;
}

function findSatisfier(rule: DeadlineRule, start: ReplayedEvent, dueDate: string, ctx: Context): Found | undefined {
  const regio = ctx.input.case.regio;
  for (const candidate of ctx.replayed) {
    for (const match of rule.satisfiedBy) {
      if (!matchesType(match, candidate.event) || !inScope(rule, match, start, candidate)) continue;
      const on = fulfilledOn(match, candidate.event);
      if (!on) continue;
      if (match.notBefore && on < calendarOrWerkdagShift(dueDate, match.notBefore, regio)) continue;
      return { entry: candidate, on };
    }
  }
  return undefined;
}

function calendarOrWerkdagShift(date: string, offset: Offset, regio: Regio): string {
  return 'werkdagen' in offset ? addWerkdagen(date, offset.werkdagen, regio) : calendarShift(date, offset)[0];
}

function fulfilledOn(match: EventMatch, event: CaseEvent): string | undefined {
  const value = match.dateField ? event.data[match.dateField] : event.occurredOn;
  return isIsoDate(value) ? value : undefined;
}

/**
 * The first cancelling event after the start. For a recurring rule the next start event also closes this
 * occurrence (when it is not a satisfier, it re-anchors the series).
 */
function findCanceller(rule: DeadlineRule, start: ReplayedEvent, nextStart: ReplayedEvent | undefined, ctx: Context): Found | undefined {
  const cancelling = ctx.replayed.find(
    (c) => c.position > start.position && rule.cancelledBy.events.some((m) => matchesType(m, c.event)),
  );
  const reArmed = rule.recurring ? nextStart : undefined;
  const first = [cancelling, reArmed]
    .filter((c): c is ReplayedEvent => c !== undefined)
    .sort((a, b) => a.position - b.position)[0];
  return first ? { entry: first, on: first.event.occurredOn } : undefined;
}
