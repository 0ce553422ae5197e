/**
 * Recording and withdrawing the client's consent to share (002 WA10). The change is an event in the case history and
 * is committed in one transaction with the case, its listing memberships and the other concerns' effects: a withdrawal
 * removes the corporatie's membership in that same transaction, so sharing stops at that moment.
 */
import { canSeeCase, isZorgaanbiederOf } from '#domain/access.js';
import { toAmsterdamDate } from '#domain/calendar.js';
import type { CaseEvent, CaseState } from '#domain/case.js';
import { consentFact, consentOf, CONSENT_EVENT, type ConsentRequest } from '#domain/consent.js';
import { CaseNotFound, Forbidden, RuleViolated, StaleVersion } from '#domain/errors.js';
import { actorOf, mayTake, type Principal } from '#domain/roles.js';
import { changeCase, changeResponse, type DecidedChange } from './change-case.js';
import { idempotent, type Answer, type IdempotentRequest } from './idempotency.js';
import type { AppDeps, IdempotencyRecord, LoadedCase, StoredResponse } from './ports.js';

const MAX_ATTEMPTS = 3;

export async function recordConsent(
  deps: AppDeps,
  principal: Principal,
  caseId: string,
  input: ConsentRequest,
  request: IdempotentRequest,
  options: { expectedVersion?: number } = {},
): Promise<Answer> {
  return idempotent(deps.store, principal, request, (recordFor) =>
    changeCase(deps, caseId, (loaded, now) => decideConsent(principal, caseId, loaded, input, options, now, recordFor), { attempts: MAX_ATTEMPTS }),
  );
}

function decideConsent(
  principal: Principal,
  caseId: string,
  loaded: LoadedCase | undefined,
  input: ConsentRequest,
  options: { expectedVersion?: number },
  now: string,
  recordFor: (response: StoredResponse) => IdempotencyRecord,
): DecidedChange<StoredResponse> {
  if (!loaded || !canSeeCase(principal, loaded.state, loaded.history)) throw new CaseNotFound();
  const { state: before } = loaded;
  // 002 WA10: the zorgaanbieder asks for the consent and records it; the corporatie and Wonen cannot.
  if (!mayTake(principal.role, 'toestemming') || !isZorgaanbiederOf(principal, before)) throw new Forbidden();
  if (options.expectedVersion !== undefined && options.expectedVersion !== before.version) {
    throw new StaleVersion(options.expectedVersion, before.version);
  }
  const today = toAmsterdamDate(now);
  if (input.datum > today) {
    throw new RuleViolated('datum-in-toekomst', 'De datum van de toestemming ligt in de toekomst.', [{ path: 'body.datum', message: 'Mag niet in de toekomst liggen' }]);
  }
  if (input.action === 'withdraw' && consentOf(before)?.gegeven !== true) {
    throw new RuleViolated('geen-toestemming', 'Er is geen toestemming vastgelegd die kan worden ingetrokken.');
  }
  const version = before.version + 1;
  const after: CaseState = {
    ...before,
    version,
    updatedAt: now,
    facts: { ...before.facts, toestemmingDelen: consentFact(input, actorOf(principal), now) },
  };
  const event: CaseEvent = {
    caseId,
    seq: version,
    // A consent change is not a form of the route: it moves no phase (see CONSENT_EVENT).
    type: (input.action === 'record' ? CONSENT_EVENT.recorded : CONSENT_EVENT.withdrawn) as unknown as CaseEvent['type'],
    occurredOn: input.datum,
    recordedAt: now,
    actor: actorOf(principal),
    data: { ...input },
  };
  const response = changeResponse(principal, after, event);
  return { after, event, idempotency: recordFor(response), result: response };
}
