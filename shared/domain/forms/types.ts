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

/** What an accepted form changes. */
export interface FormDecision {
  /** Next phase; must be one the transition matrix allows for this action. */
  phase: Phase;
  /** Calendar date of the fact the form records (e.g. the sleuteloverdracht date). */
  occurredOn: string;
  /** Merged into the case's facts. */
  facts?: Partial<CaseFacts>;
  /** Links a woningcorporatie to the case (woningaanbod). */
  corporatieId?: string;
  /** Event data to store; defaults to the validated input. */
  data?: Record<string, unknown>;
}

/**
 * A form of the route: its schema (one source for validation, types and the OpenAPI document), its seed source,
 * and its decision. Decisions are pure and throw domain errors (RuleViolated) when a rule of the route refuses.
 */
export interface FormDefinition<S extends z.ZodType = z.ZodType> {
  action: Action;
  /** Dutch title, safe for mail subjects (no personal data). */
  title: string;
  summary: string;
  /** Seed citation, e.g. '001 §3; 002 WA8 stap 3'. */
  source: string;
  schema: S;
  decide(ctx: FormContext<z.infer<S>>): FormDecision;
  /**
   * Whether the werkplek offers the form on this case, beside role and phase (roles.ts actionsAvailable): only where
   * its decision can accept it at all (the brief gemeente only with a vijfjarencontract). Absent: always.
   */
  offered?(ctx: { case: CaseState; history: readonly CaseEvent[] }): boolean;
}

export function defineForm<S extends z.ZodType>(form: FormDefinition<S>): FormDefinition<S> {
  return form;
}
