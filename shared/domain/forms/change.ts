/**
 * What submitting a form does to a case, as pure data: the form's decision, checked against the transition matrix,
 * and the new state and history event it produces. The submission use case commits this; tests walk cases with it.
 */
import { toAmsterdamDate } from '../calendar.js';
import type { CaseEvent, CaseState } from '../case.js';
import { RuleViolated } from '../errors.js';
import { targetsOf } from '../phases.js';
import { regioRules } from '../regio.js';
import { actorOf, type Principal } from '../roles.js';
import type { FormDecision, FormDefinition } from './types.js';

export interface FormChange {
  decision: FormDecision;
  after: CaseState;
  event: CaseEvent;
}

/** `input` must already be parsed by the form's schema; authorisation and the phase check come before. */
export function decideChange(
  form: FormDefinition,
  context: {
    before: CaseState;
    history: CaseEvent[];
    input: unknown;
    principal: Principal;
    now: string;
    supersedes?: number | undefined;
    /** The directory's kind of an organisation; when given, an organisation the decision links must be of its kind. */
    organisationKind?: ((organisationId: string) => string | undefined) | undefined;
  },
): FormChange {
  const { before, history, input, principal, now, supersedes } = context;
  // A regio is one rule set (regio.ts): a form the regio does not have is refused.
  if (!regioRules(before.regio).forms.includes(form.action)) {
    throw new RuleViolated('formulier-niet-in-regio', `Het formulier ${form.action} hoort niet bij de route van regio ${before.regio} (${regioRules(before.regio).bron}).`);
  }
  const decision = form.decide({
    case: before,
    history,
    input,
    now,
    today: toAmsterdamDate(now),
    principal,
    ...(supersedes !== undefined ? { supersedes } : {}),
  });
  if (!targetsOf(form.action, before.phase).includes(decision.phase)) {
    throw new Error(`Form ${form.action} chose phase ${decision.phase}, which the matrix does not allow from ${before.phase}`);
  }
  // The corporatie a form links must be a woningcorporatie of the directory: a zorgaanbieder named as corporatieId
  // would get a membership and the case in its listing, though it may not open it (issue 16).
  if (decision.corporatieId && context.organisationKind && context.organisationKind(decision.corporatieId) !== 'woningcorporatie') {
    throw new RuleViolated('geen-woningcorporatie', `'${decision.corporatieId}' is geen woningcorporatie.`, [
      { path: 'body.corporatieId', message: 'Noem een woningcorporatie uit de lijst van organisaties' },
    ]);
  }
  const version = before.version + 1;
  const after: CaseState = {
    ...before,
    phase: decision.phase,
    version,
    updatedAt: now,
    ...(decision.corporatieId ? { corporatieId: decision.corporatieId } : {}),
    facts: { ...before.facts, ...decision.facts },
  };
  const event: CaseEvent = {
    caseId: before.caseId,
    seq: version,
    type: form.action,
    occurredOn: decision.occurredOn,
    recordedAt: now,
    actor: actorOf(principal),
    data: decision.data ?? (input as Record<string, unknown>),
    ...(supersedes !== undefined ? { supersedes } : {}),
  };
  return { decision, after, event };
}
