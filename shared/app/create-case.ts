import { z } from 'zod';
import { DOELGROEPEN, REGIOS, ROUTE_KEYS, type CaseEvent, type CaseState } from '#domain/case.js';
import { toAmsterdamDate } from '#domain/calendar.js';
import { Forbidden } from '#domain/errors.js';
import { isoDate, shortText } from '#domain/forms/fields.js';
import { actorOf, mayTake, type Principal } from '#domain/roles.js';
import { caseView } from '#domain/views.js';
import { organisationsOf } from '#domain/access.js';
import { planEffects } from './effects.js';
import { idempotent, type Answer, type IdempotentRequest } from './idempotency.js';
import type { AppDeps } from './ports.js';

/** Opening a case (onderzoek, 001 §2). Only a pseudonym of the client is stored. */
export const createCaseSchema = z.object({
  regio: z.enum(REGIOS),
  route: z.enum(ROUTE_KEYS).describe('Instroomroute (001 §3); bepaalt het akkoorddocument'),
  doelgroep: z.enum(DOELGROEPEN).describe('Bepaalt de frequentie van de woonevaluatie (002 WA4 noot 5)'),
  clientPseudonym: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.\- ]{2,20}$/, 'Alleen initialen of een pseudoniem (2–20 tekens, geen volledige naam)'),
  teamId: shortText.optional(),
  /** Klantreis 2023 (003 Doorstroom): planned uitstroom, for the zoekprofiel deadline. */
  geplandeUitstroomOp: isoDate.optional(),
});
export type CreateCaseInput = z.infer<typeof createCaseSchema>;

export async function createCase(deps: AppDeps, principal: Principal, input: CreateCaseInput, request: IdempotentRequest): Promise<Answer> {
  if (!mayTake(principal.role, 'case-aanmaken')) throw new Forbidden();
  // The case's zorgaanbieder is the caller's organisation: it must be one (issue 16), or its listing would show the case
  // to roles canSeeCase refuses.
  if (deps.organisationKind && deps.organisationKind(principal.organisationId) !== 'zorgaanbieder') {
    throw new Forbidden('Alleen een zorgaanbieder uit de lijst van organisaties opent een dossier.');
  }
  return idempotent(deps.store, principal, request, async (recordFor) => {
    const now = deps.clock.now();
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
    await deps.store.commit({
      case: state,
      expectedVersion: 0,
      event,
      organisations: organisationsOf(state),
      effects: planEffects({ before: undefined, after: state, event, history: [event], now }, { items: [] }),
      idempotency: recordFor(response),
    });
    return response;
  });
}
