/**
 * The one way a case changes (issue 15 point 3): load → authorise and decide → preconditions → plan → commit, retried
 * on a fresh read when the case changed underneath. Forms, akkoord answers, consent changes, mail events and a new
 * case all go through here: the new state, its event, the organisations that see it and every intent the change
 * implies for other concerns (reminders, queue items, outbox, …) in one transaction, with the idempotency record of
 * the request.
 */
import { organisationsOf } from '#domain/access.js';
import type { CaseEvent, CaseState } from '#domain/case.js';
import { ConcurrentModification, RuleViolated } from '#domain/errors.js';
import type { Principal } from '#domain/roles.js';
import { caseView } from '#domain/views.js';
import { planEffects } from './effects.js';
import { pause } from './pause.js';
import { noCaseItems, type AppDeps, type CaseIntent, type IdempotencyRecord, type LoadedCase, type StoredResponse } from './ports.js';

/** What a change decided: the new state and its event, and what the caller answers. */
export interface DecidedChange<R> {
  after: CaseState;
  event: CaseEvent;
  /** The step that takes effect, when it is not `event` itself (akkoord: see ChangeContext.step). */
  step?: CaseEvent | null;
  /** Intents of this change beyond what the planners derive (a discarded draft, the mail record). */
  extra?: CaseIntent[];
  /** The idempotency record committed with the change. */
  idempotency?: IdempotencyRecord;
  result: R;
}

export interface ChangeCaseOptions<R> {
  /** Commits tried on a fresh read before a lost race is given up (ConcurrentModification). Default 3. */
  attempts?: number;
  /** After a lost race: an answer that settles the request without another try (e.g. the mail was attached meanwhile). */
  settled?: () => Promise<R | undefined>;
}

const DEFAULT_ATTEMPTS = 3;

/**
 * Changes the case `caseId` (undefined: a new case). `decide` gets the case as loaded (undefined when it does not
 * exist, or for a new case) and the instant of the change; it authorises and decides, refusing by throwing a domain
 * error, and may be called again on a fresh read. The preconditions every change shares run before anything is planned.
 */
export async function changeCase<R>(
  deps: AppDeps,
  caseId: string | undefined,
  decide: (loaded: LoadedCase | undefined, now: string) => DecidedChange<R> | Promise<DecidedChange<R>>,
  options: ChangeCaseOptions<R> = {},
): Promise<R> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    try {
      const loaded = caseId === undefined ? undefined : await deps.store.load(caseId);
      const now = deps.clock.now();
      const decided = await decide(loaded, now);
      if (loaded) assertChangeable(loaded);
      const before = loaded?.state;
      const history = [...(loaded?.history ?? []), decided.event];
      const organisationsBefore = before ? organisationsOf(before) : [];
      const organisationsAfter = organisationsOf(decided.after);
      await deps.store.commit({
        case: decided.after,
        expectedVersion: before?.version ?? 0,
        event: decided.event,
        organisations: organisationsAfter,
        removedOrganisations: organisationsBefore.filter((o) => !organisationsAfter.includes(o)),
        effects: [
          ...planEffects({ before, after: decided.after, event: decided.event, ...(decided.step !== undefined ? { step: decided.step } : {}), history, now }, loaded ?? noCaseItems()),
          ...(decided.extra ?? []),
        ],
        ...(decided.idempotency ? { idempotency: decided.idempotency } : {}),
      });
      return decided.result;
    } catch (error) {
      if (!(error instanceof ConcurrentModification)) throw error;
      const settled = await options.settled?.();
      if (settled !== undefined) return settled;
      // Retried on a fresh read; with If-Match that read answers 412, as a request that lost before the commit. A short,
      // growing pause lets the winner's commit land first.
      if (attempt >= attempts) throw error;
      await pause(10 * 2 ** attempt + Math.random() * 20);
    }
  }
}

/** A case being erased under the retention policy takes no changes. */
function assertChangeable(loaded: LoadedCase): void {
  const state = loaded.retention?.retentionState;
  if (state === 'erasing' || state === 'erased') {
    throw new RuleViolated('dossier-wordt-gewist', 'Dit dossier wordt gewist volgens de bewaartermijn en kan niet meer worden gewijzigd.');
  }
}

/** The answer to a form, akkoord or consent change: the case as the caller sees it now, with the event it made. */
export function changeResponse(principal: Principal, after: CaseState, event: CaseEvent): StoredResponse {
  return {
    statusCode: 201,
    body: { ...caseView(principal, after), event: { seq: event.seq, type: event.type, occurredOn: event.occurredOn, ...(event.akkoordVan ? { ingediendBij: event.akkoordVan } : {}) } },
    headers: { etag: `"${after.version}"`, location: `/cases/${after.caseId}` },
  };
}
