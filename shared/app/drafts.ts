/**
 * Saving a form incomplete, reading it back, discarding it. Submitting the form discards the submitting
 * organisation's draft in the submission's own transaction (shared/app/submit-form.ts).
 */
import { canSeeCase } from '#domain/access.js';
import { readinessOf, type Draft, type DraftReadiness } from '#domain/drafts.js';
import { CaseNotFound, Forbidden, NotFound, StaleVersion } from '#domain/errors.js';
import { formFor } from '#domain/forms/index.js';
import type { FormDefinition } from '#domain/forms/types.js';
import { isAllowed } from '#domain/phases.js';
import { mayTake, type Principal } from '#domain/roles.js';
import type { CaseState } from '#domain/case.js';
import type { AppDeps } from './ports.js';

export interface DraftStore {
  get(caseId: string, organisationId: string, action: string): Promise<Draft | undefined>;
  list(caseId: string, organisationId: string): Promise<Draft[]>;
  /** Writes `draft` if the stored version is still `previousVersion` (0: none stored); false when it is not. */
  put(draft: Draft, previousVersion: number): Promise<boolean>;
  delete(caseId: string, organisationId: string, action: string): Promise<void>;
}

export type DraftDeps = AppDeps & { drafts: DraftStore };

export type DraftView = Draft & { form: { title: string; source: string }; readiness: DraftReadiness };

/** The form, if the caller may see the case and may submit that form; the case as it is now. */
async function authorise(deps: DraftDeps, principal: Principal, caseId: string, action: string): Promise<{ form: FormDefinition; state: CaseState }> {
  const loaded = await deps.store.load(caseId);
  if (!loaded || !canSeeCase(principal, loaded.state, loaded.history)) throw new CaseNotFound();
  const form = formFor(action);
  if (!form) throw new NotFound(`Onbekend formulier '${action}'`);
  if (!mayTake(principal.role, form.action)) throw new Forbidden('Uw rol kan dit formulier niet indienen, en dus ook geen concept ervan bewaren.');
  return { form, state: loaded.state };
}

function viewOf(form: FormDefinition, state: CaseState, draft: Draft): DraftView {
  return { ...draft, form: { title: form.title, source: form.source }, readiness: readinessOf(form, draft.input, isAllowed(form.action, state.phase)) };
}

const MAX_RETRIES = 2;

/**
 * Saves the draft. With `expectedVersion` (If-Match) a draft changed meanwhile answers 412; without it the save
 * goes on top of whatever is stored (last save wins), as typing in a form would.
 */
export async function saveDraft(
  deps: DraftDeps,
  principal: Principal,
  caseId: string,
  action: string,
  input: Record<string, unknown>,
  expectedVersion?: number,
): Promise<DraftView> {
  const { form, state } = await authorise(deps, principal, caseId, action);
  for (let attempt = 0; ; attempt++) {
    const stored = await deps.drafts.get(caseId, principal.organisationId, form.action);
    const storedVersion = stored?.version ?? 0;
    if (expectedVersion !== undefined && expectedVersion !== storedVersion) throw new StaleVersion(expectedVersion, storedVersion);
    const draft: Draft = {
      caseId,
      action: form.action,
      organisationId: principal.organisationId,
      input,
      version: storedVersion + 1,
      savedAt: deps.clock.now(),
      savedBy: principal.userId,
    };
    if (await deps.drafts.put(draft, storedVersion)) return viewOf(form, state, draft);
    if (expectedVersion !== undefined || attempt >= MAX_RETRIES) {
      const now = await deps.drafts.get(caseId, principal.organisationId, form.action);
      throw new StaleVersion(expectedVersion ?? storedVersion, now?.version ?? 0);
    }
  }
}

export async function getDraft(deps: DraftDeps, principal: Principal, caseId: string, action: string): Promise<DraftView> {
  const { form, state } = await authorise(deps, principal, caseId, action);
  const draft = await deps.drafts.get(caseId, principal.organisationId, form.action);
  if (!draft) throw new NotFound(`Geen concept van '${form.action}' voor dit dossier`);
  return viewOf(form, state, draft);
}

/** The caller's organisation's drafts of the case, only of forms the caller's role may submit. */
export async function listDrafts(deps: DraftDeps, principal: Principal, caseId: string): Promise<DraftView[]> {
  const loaded = await deps.store.load(caseId);
  if (!loaded || !canSeeCase(principal, loaded.state, loaded.history)) throw new CaseNotFound();
  const drafts = await deps.drafts.list(caseId, principal.organisationId);
  return drafts.flatMap((draft) => {
    const form = formFor(draft.action);
    return form && mayTake(principal.role, form.action) ? [viewOf(form, loaded.state, draft)] : [];
  });
}

export async function discardDraft(deps: DraftDeps, principal: Principal, caseId: string, action: string): Promise<void> {
  const { form } = await authorise(deps, principal, caseId, action);
  await deps.drafts.delete(caseId, principal.organisationId, form.action);
}
