/**
 * The one way a change of a case is committed: the new state, its event, the organisations that see it, and every
 * effect the change implies (reminders, queue items, outbox, …) in one transaction, with the idempotency record of
 * the request. Forms and consent changes both go through here.
 */
import { organisationsOf } from '#domain/access.js';
import type { CaseEvent, CaseState } from '#domain/case.js';
import type { Principal } from '#domain/roles.js';
import { caseView } from '#domain/views.js';
import { planEffects } from './effects.js';
import type { AppDeps, CaseIntent, IdempotencyRecord, LoadedCase, StoredResponse } from './ports.js';

export async function commitChange(
  deps: AppDeps,
  principal: Principal,
  loaded: LoadedCase,
  change: { after: CaseState; event: CaseEvent; now: string; step?: CaseEvent | null; extraEffects?: CaseIntent[] },
  recordFor: (response: StoredResponse) => IdempotencyRecord,
): Promise<StoredResponse> {
  const { state: before, history } = loaded;
  const { after, event, now } = change;
  const response: StoredResponse = {
    statusCode: 201,
    body: { ...caseView(principal, after), event: { seq: event.seq, type: event.type, occurredOn: event.occurredOn, ...(event.akkoordVan ? { ingediendBij: event.akkoordVan } : {}) } },
    headers: { etag: `"${after.version}"`, location: `/cases/${after.caseId}` },
  };
  const organisationsBefore = organisationsOf(before);
  const organisationsAfter = organisationsOf(after);
  await deps.store.commit({
    case: after,
    expectedVersion: before.version,
    event,
    organisations: organisationsAfter,
    removedOrganisations: organisationsBefore.filter((o) => !organisationsAfter.includes(o)),
    effects: [
      ...planEffects({ before, after, event, ...(change.step !== undefined ? { step: change.step } : {}), history: [...history, event], now }, loaded),
      ...(change.extraEffects ?? []),
    ],
    idempotency: recordFor(response),
  });
  return response;
}
