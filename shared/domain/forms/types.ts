import type * as z from 'zod';
import type { CaseEvent, CaseFacts, CaseState } from '../case.js';
import type { Action, Phase } from '../phases.js';
import type { Principal } from '../roles.js';

/** What a form's decision sees: the case as it is, its history, the validated input and the time. */
export interface FormContext<I> {
  case: CaseState;
  history: CaseEvent[];
  input: I;
  /** Current instant (ISO) and today's date in Europe/Amsterdam. */
  now: string;
  today: string;
  principal: Principal;
  /**
   * When this submission corrects an earlier one (`?supersedes=seq`): that event's seq. Decisions leave the corrected
   * event out of their checks (an overlast-melding corrected keeps its own meldingId), see `priorEvents`.
   */
  supersedes?: number;
}

/** What an accepted form changes; `D` is the event data it stores (FormDefinition). */
export interface FormDecision<D = Record<string, unknown>> {
  /** Next phase; must be one the transition matrix allows for this action. */
  phase: Phase;
  /** Calendar date of the fact the form records (e.g. the sleuteloverdracht date). */
  occurredOn: string;
  /** Merged into the case's facts. */
  facts?: Partial<CaseFacts>;
  /** Links a woningcorporatie to the case (woningaanbod). */
  corporatieId?: string;
  /** Event data to store; defaults to the validated input. */
  data?: D;
}

/**
 * A form of the route: its schema (one source for validation, types and the OpenAPI document), its seed source,
 * and its decision. Decisions are pure and throw domain errors (RuleViolated) when a rule of the route refuses.
 * `D` is the data its event stores: the validated input plus what the decision adds (e.g. verhuizing's `naarGroter`),
 * inferred by defineForm; the rules read it typed (case.ts EventData).
 */
export interface FormDefinition<S extends z.ZodType = z.ZodType, D = Record<string, unknown>> {
  action: Action;
  /** Dutch title, safe for mail subjects (no personal data). */
  title: string;
  summary: string;
  /** Seed citation, e.g. '001 §3; 002 WA8 stap 3'. */
  source: string;
  schema: S;
  decide(ctx: FormContext<z.infer<S>>): FormDecision<D>;
  /**
   * Whether the werkplek offers the form on this case, beside role and phase (roles.ts actionsAvailable): only where
   * its decision can accept it at all (the brief gemeente only with a vijfjarencontract). Absent: always.
   */
  offered?(ctx: { case: CaseState; history: readonly CaseEvent[] }): boolean;
}

/** A form, its event data type inferred from what `decide` stores (the schema's output when it stores the input). */
export function defineForm<S extends z.ZodType, D = z.infer<S>>(form: FormDefinition<S, D>): FormDefinition<S, D> {
  return form;
}

/**
 * The event data a form's accepted submission stores: the schema's output, and what the decision adds as optional
 * (a decision may add it in one branch only, as time-out's duration at its end; events recorded before a field was
 * added lack it).
 */
export type FormEventData<F> = F extends FormDefinition<infer S, infer D> ? z.infer<S> & Partial<Omit<D, keyof z.infer<S>>> : never;
