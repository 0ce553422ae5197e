import type { CaseEvent, CaseState } from '#domain/case.js';
import type { CreateCaseInput } from '#domain/open-case.js';
import { toAmsterdamDate } from '#domain/calendar.js';
import { Forbidden, RuleViolated } from '#domain/errors.js';
import { regioRules } from '#domain/regio.js';
import { actorOf, mayTake, type Principal } from '#domain/roles.js';
import { caseView } from '#domain/views.js';
import { changeCase } from './change-case.js';
import { idempotent, type Answer, type IdempotentRequest } from './idempotency.js';
import type { AppDeps } from './ports.js';

export { createCaseSchema, type CreateCaseInput } from '#domain/open-case.js';

export async function createCase(deps: AppDeps, principal: Principal, input: CreateCaseInput, request: IdempotentRequest): Promise<Answer> {
  if (!mayTake(principal.role, 'case-aanmaken')) throw new Forbidden();
  // The case's zorgaanbieder is the caller's organisation: it must be one (issue 16), or its listing would show the case
  // to roles canSeeCase refuses.
  if (deps.organisationKind && deps.organisationKind(principal.organisationId) !== 'zorgaanbieder') {
    throw new Forbidden('Alleen een zorgaanbieder uit de lijst van organisaties opent een dossier.');
  }
  // The regio's entry routes (regio.ts): 004 Drechtsteden starts in the instelling Beschermd Wonen only.
  const rules = regioRules(input.regio);
  if (!rules.routes.includes(input.route)) {
    throw new RuleViolated('route-niet-in-regio', `Regio ${input.regio} kent route ${input.route} niet (${rules.bron}).`, [{ path: 'body.route', message: `Kies uit: ${rules.routes.join(', ')}` }]);
  }
  return idempotent(deps.store, principal, request, (recordFor) =>
    // A new case: nothing to load, and nothing to retry on (its id and reference are new).
    changeCase(deps, undefined, async (_none, now) => {
      const reference = await deps.store.nextReference(Number(toAmsterdamDate(now).slice(0, 4)));
      const { geplandeUitstroomOp, ...rest } = input;
      const state: CaseState = {
        caseId: deps.newId(),
        reference,
        ...rest,
        zorgaanbiederId: principal.organisationId,
        phase: 'onderzoek',
        version: 1,
        createdAt: now,
        updatedAt: now,
        facts: {},
      };
      const event: CaseEvent = {
        caseId: state.caseId,
        seq: 1,
        type: 'case-aangemaakt',
        occurredOn: toAmsterdamDate(now),
        recordedAt: now,
        actor: actorOf(principal),
        data: { regio: input.regio, route: input.route, doelgroep: input.doelgroep, ...(geplandeUitstroomOp ? { geplandeUitstroomOp } : {}) },
      };
      const response = { statusCode: 201, body: caseView(principal, state, [event]), headers: { location: `/cases/${state.caseId}`, etag: `"${state.version}"` } };
      return { after: state, event, idempotency: recordFor(response), result: response };
    }, { attempts: 1 }),
  );
}
