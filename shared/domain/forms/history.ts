/**
 * Reading a case's history inside a form's decision. Pure helpers over `CaseEvent[]`, no clock.
 *
 * A form is immutable once submitted; a correction is a new event with `supersedes` (submit-form.ts). The decisions
 * look at the history as it stands: without the events a later submission corrected, and without the event the
 * current submission corrects.
 */
import type { CaseEvent, CaseState, Doelgroep } from '../case.js';
import type { Action } from '../phases.js';
import { intakeKindOf } from '../wonen-intakes.js';
import type { FormContext } from './types.js';


/** The history without corrected events (and without `supersedes`, the event the current submission corrects). */
export function effectiveHistory(history: readonly CaseEvent[], supersedes?: number): CaseEvent[] {
  const replaced = new Set<number>();
  for (const e of history) if (e.supersedes !== undefined) replaced.add(e.supersedes);
  if (supersedes !== undefined) replaced.add(supersedes);
  return history.filter((e) => !replaced.has(e.seq)).sort((a, b) => a.seq - b.seq);
}

/** The effective history a decision checks against. */
export function priorEvents(ctx: Pick<FormContext<unknown>, 'history' | 'supersedes'>): CaseEvent[] {
  return effectiveHistory(ctx.history, ctx.supersedes);
}

export function eventsOf<A extends Action>(events: readonly CaseEvent[], type: A, when?: (event: CaseEvent<A>) => boolean): CaseEvent[] {
  return events.filter((e) => e.type === type && (!when || when(e as CaseEvent<A>)));
}

/** The last recorded event of a type (highest seq). */
export function latestOf<A extends Action>(events: readonly CaseEvent[], type: A, when?: (event: CaseEvent<A>) => boolean): CaseEvent | undefined {
  const found = eventsOf(events, type, when);
  return found[found.length - 1];
}

/** The first event of a type in the order of facts (earliest occurredOn, then seq). */
export function firstOf<A extends Action>(events: readonly CaseEvent[], type: A, when?: (event: CaseEvent<A>) => boolean): CaseEvent | undefined {
  return [...eventsOf(events, type, when)].sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.seq - b.seq))[0];
}

/** Events recorded after `event` (higher seq). */
export function after(events: readonly CaseEvent[], event: CaseEvent): CaseEvent[] {
  return events.filter((e) => e.seq > event.seq);
}

/** A string field of an event's data. */
export function text(event: CaseEvent | undefined, field: string): string | undefined {
  const value = event?.data[field];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The date of the sleuteloverdracht: the start of the intermediaire verhuur (002 WA3). The first one of the history,
 * or the fact on the case for cases whose sleuteloverdracht predates this system.
 */
export function sleuteloverdrachtOp(state: CaseState, events: readonly CaseEvent[]): string | undefined {
  return firstOf(events, 'sleuteloverdracht')?.occurredOn ?? (state.facts.sleuteloverdrachtOp as string | undefined);
}

/**
 * The woningaanbod that is still open: the last one, unless it was refused, the keys were handed over or the client
 * was afgemeld after it. 001 §3: the client gets one offer at a time (eenmalig aanbod).
 */
export function openAanbod(events: readonly CaseEvent[]): CaseEvent | undefined {
  const aanbod = latestOf(events, 'woningaanbod');
  if (!aanbod) return undefined;
  const id = text(aanbod, 'aanbodId');
  const closed = after(events, aanbod).some(
    (e) =>
      (e.type === 'weigering-aanbod' && text(e, 'aanbodId') === id) ||
      e.type === 'sleuteloverdracht' ||
      e.type === 'afmelding' ||
      e.type === 'intrekking-urgentie',
  );
  return closed ? undefined : aanbod;
}

/** Whether Wonen granted the urgentie onder voorwaarden (001 §3). */
export function urgentieVerleend(events: readonly CaseEvent[]): CaseEvent | undefined {
  return latestOf(events, 'besluit-urgentie', (e) => e.data.besluit === 'akkoord');
}

/**
 * The woningruil or verhuizing that waits for Wonen's decision (002 Bijlage 6; the intake table, wonen-intakes.ts): the
 * last such request with no besluit-woningruil after it.
 */
export function openWonenVerzoek(events: readonly CaseEvent[]): CaseEvent | undefined {
  const requests = events.filter((e) => {
    const kind = intakeKindOf(e);
    return kind === 'woningruil' || kind === 'verhuizing';
  });
  const last = requests[requests.length - 1];
  if (!last) return undefined;
  return after(events, last).some((e) => e.type === 'besluit-woningruil') ? undefined : last;
}

/** 002 WA4 noot 5: "Bij jongvolwassenen en multiprobleemgezinnen is de evaluatie eens per half jaar"; else yearly. */
export function maxEvaluatieFrequentie(doelgroep: Doelgroep): number {
  return doelgroep === 'jongvolwassene' || doelgroep === 'multiprobleemgezin' ? 6 : 12;
}

/** The agreed woonevaluatie frequency of the latest kennismaking or woonevaluatie, if any. */
export function afgesprokenFrequentie(events: readonly CaseEvent[]): number | undefined {
  const last = events.filter((e) => (e.type === 'kennismaking' || e.type === 'woonevaluatie') && typeof e.data.evaluatieFrequentieMaanden === 'number');
  return last[last.length - 1]?.data.evaluatieFrequentieMaanden as number | undefined;
}

/**
 * Whether the client has goal 5 (veiligheid van de kinderen): the aanvraag urgentie had it, or named children
 * (001 §3: "En als er kinderen zijn").
 */
export function heeftKinderdoel(events: readonly CaseEvent[]): boolean {
  const aanvraag = latestOf(events, 'aanvraag-urgentie');
  if (!aanvraag) return false;
  const doelen = aanvraag.data.doelen as Record<string, unknown> | undefined;
  const huishouden = aanvraag.data.huishouden as { aantalKinderen?: unknown } | undefined;
  return Boolean(doelen?.veiligheid_kinderen) || (typeof huishouden?.aantalKinderen === 'number' && huishouden.aantalKinderen > 0);
}

/**
 * Whether the client has children in the household (002 Bijlage 4 "Jongvolwassenen zonder kinderen" / "mét kinderen"):
 * the aanvraag urgentie named children, or the case is a gezin.
 */
export function metKinderen(state: Pick<CaseState, 'doelgroep'>, events: readonly CaseEvent[]): boolean {
  if (state.doelgroep === 'gezin' || state.doelgroep === 'multiprobleemgezin') return true;
  const huishouden = latestOf(events, 'aanvraag-urgentie')?.data.huishouden as { aantalKinderen?: unknown } | undefined;
  return typeof huishouden?.aantalKinderen === 'number' && huishouden.aantalKinderen > 0;
}
