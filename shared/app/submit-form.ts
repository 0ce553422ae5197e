import type { CaseEvent } from '#domain/case.js';
import type { Draft } from '#domain/drafts.js';
import { mayFileOn } from '#domain/access.js';
import { CaseNotFound, Forbidden, StaleVersion, ValidationFailed } from '#domain/errors.js';
import { decideChange } from '#domain/forms/change.js';
import type { FormDefinition } from '#domain/forms/types.js';
import { assertAllowedIn } from '#domain/regio.js';
import { mayTake, type Principal } from '#domain/roles.js';
import { changeCase, changeResponse, type DecidedChange } from './change-case.js';
import { idempotent, type Answer, type IdempotentRequest } from './idempotency.js';
import type { AppDeps, CaseIntent, IdempotencyRecord, LoadedCase, StoredResponse } from './ports.js';

export interface SubmitOptions {
  /** The version the caller based the form on (If-Match); a different stored version answers 412. */
  expectedVersion?: number;
  /** Correction of an earlier submission of the same form: that event's seq. */
  supersedes?: number;
}

/** A lost race is tried again on a fresh read this many times in all. */
const MAX_ATTEMPTS = 4;

/**
 * Submits a form: authorise, check the transition matrix, let the form decide, and commit the case, its event and
 * everything the change implies (reminders, queue items, outbox) in one transaction.
 */
export async function submitForm(
  deps: AppDeps,
  principal: Principal,
  caseId: string,
  form: FormDefinition,
  input: unknown,
  request: IdempotentRequest,
  options: SubmitOptions = {},
): Promise<Answer> {
  // A lost race is retried on a fresh read. Without If-Match the caller wants the change on whatever is current; with
  // If-Match the fresh read answers 412 (StaleVersion): one rule, whether the request lost before or during the commit.
  return idempotent(deps.store, principal, request, (recordFor) =>
    changeCase(deps, caseId, (loaded, now) => decideSubmission(deps, principal, loaded, form, input, options, now, recordFor), { attempts: MAX_ATTEMPTS }),
  );
}

function decideSubmission(
  deps: AppDeps,
  principal: Principal,
  loaded: LoadedCase | undefined,
  form: FormDefinition,
  input: unknown,
  options: SubmitOptions,
  now: string,
  recordFor: (response: StoredResponse) => IdempotencyRecord,
): DecidedChange<StoredResponse> {
  if (!loaded || !mayFileOn(principal, loaded.state, form.action, loaded.history)) throw new CaseNotFound();
  const { state: before, history } = loaded;
  if (!mayTake(principal.role, form.action)) throw new Forbidden();
  if (options.expectedVersion !== undefined && options.expectedVersion !== before.version) {
    throw new StaleVersion(options.expectedVersion, before.version);
  }
  assertAllowedIn(before.regio, form.action, before.phase);
  if (options.supersedes !== undefined) assertCorrectable(history, form, options.supersedes);

  const { after, event, step } = decideChange(form, { before, history, input, principal, now, supersedes: options.supersedes, organisationKind: deps.organisationKind });
  const response = changeResponse(principal, after, event);
  return {
    after,
    event,
    step: step ?? null,
    extra: discardDraftEffect(loaded.drafts, before.caseId, principal.organisationId, form.action),
    idempotency: recordFor(response),
    result: response,
  };
}

/** The submitting organisation's draft of this form, if any, goes in the submission's transaction. */
function discardDraftEffect(drafts: Draft[], caseId: string, organisationId: string, action: string): CaseIntent[] {
  return drafts.some((draft) => draft.organisationId === organisationId && draft.action === action) ? [{ kind: 'draft.discard', caseId, organisationId, action }] : [];
}

/** A submitted form is immutable; a correction is a new version that points at the latest version of the same form. */
function assertCorrectable(history: CaseEvent[], form: FormDefinition, supersedes: number): void {
  const target = history.find((e) => e.seq === supersedes);
  const alreadySuperseded = history.some((e) => e.supersedes === supersedes);
  if (!target || target.type !== form.action || alreadySuperseded) {
    throw new ValidationFailed([
      { path: 'query.supersedes', message: `Geen (nog niet gecorrigeerd) eerder '${form.action}'-formulier met volgnummer ${supersedes}` },
    ]);
  }
}
