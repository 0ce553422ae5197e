/**
 * Saving a form incomplete, reading it back, discarding it. Submitting the form discards the submitting
 * organisation's draft in the submission's own transaction (shared/app/submit-form.ts).
 */
import * as z from 'zod';
import { canSeeCase } from '#domain/access.js';
import { readinessOf, type Draft, type DraftReadiness } from '#domain/drafts.js';
import { CaseNotFound, Forbidden, NotFound, StaleVersion } from '#domain/errors.js';
import { formFor } from '#domain/forms/index.js';
import type { FormDefinition } from '#domain/forms/types.js';
import { isAllowedIn } from '#domain/regio.js';
import { mayTake, type Principal } from '#domain/roles.js';
import type { CaseState } from '#domain/case.js';
import type { SameType } from '#domain/same-type.js';
import type { AppDeps, DraftStore } from './ports.js';

export type { DraftStore } from './ports.js';

export type DraftDeps = AppDeps & { drafts: DraftStore };

export type DraftView = Draft & { form: { title: string; source: string }; readiness: DraftReadiness };

/** A draft as GET/PUT /cases/{id}/drafts/{action} answer it (and each item of GET /cases/{id}/drafts). */
export const draftViewSchema = z.object({
  caseId: z.string(),
  action: z.string(),
  organisationId: z.string(),
  input: z.record(z.string(), z.unknown()).describe('What was typed so far'),
  version: z.number().int().min(1).describe('Also the ETag'),
  savedAt: z.string(),
  savedBy: z.string(),
  form: z.object({ title: z.string(), source: z.string() }),
  readiness: z.object({
    complete: z.boolean(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).describe('What the form still refuses, with paths as a submission reports them'),
    allowedNow: z.boolean(),
  }),
});
export const draftListSchema = z.object({ items: z.array(draftViewSchema) });
type Flat<T> = { [K in keyof T]: T[K] };
const _draftView: SameType<z.infer<typeof draftViewSchema>, Flat<DraftView>> = true;
void _draftView;

/** The case as the caller may see it, with the caller's organisation's drafts. */
async function loadVisible(deps: DraftDeps, principal: Principal, caseId: string): Promise<{ state: CaseState; drafts: Draft[] }> {
  const loaded = await deps.store.load(caseId);
  if (!loaded || !canSeeCase(principal, loaded.state, loaded.history)) throw new CaseNotFound();
  // Drafts live in the case partition, so the case read has them; the caller sees its organisation's only.
  return { state: loaded.state, drafts: loaded.drafts.filter((draft) => draft.organisationId === principal.organisationId) };
}

/** The form, if the caller may submit it. */
function draftableForm(principal: Principal, action: string): FormDefinition {
  const form = formFor(action);
  if (!form) throw new NotFound(`Onbekend formulier '${action}'`);
  if (!mayTake(principal.role, form.action)) throw new Forbidden('Uw rol kan dit formulier niet indienen, en dus ook geen concept ervan bewaren.');
  return form;
}

function viewOf(form: FormDefinition, state: CaseState, draft: Draft): DraftView {
  return { ...draft, form: { title: form.title, source: form.source }, readiness: readinessOf(form, draft.input, isAllowedIn(state.regio, form.action, state.phase)) };
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
  for (let attempt = 0; ; attempt++) {
    const { state, drafts } = await loadVisible(deps, principal, caseId);
    const form = draftableForm(principal, action);
    const storedVersion = drafts.find((d) => d.action === form.action)?.version ?? 0;
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
    // Saved by someone else since the read: with If-Match the next read answers 412; without it, try again on top.
    if (attempt >= MAX_RETRIES) {
      const current = (await loadVisible(deps, principal, caseId)).drafts.find((d) => d.action === form.action);
      throw new StaleVersion(expectedVersion ?? storedVersion, current?.version ?? 0);
    }
  }
}

export async function getDraft(deps: DraftDeps, principal: Principal, caseId: string, action: string): Promise<DraftView> {
  const { state, drafts } = await loadVisible(deps, principal, caseId);
  const form = draftableForm(principal, action);
  const draft = drafts.find((d) => d.action === form.action);
  if (!draft) throw new NotFound(`Geen concept van '${form.action}' voor dit dossier`);
  return viewOf(form, state, draft);
}

/** The caller's organisation's drafts of the case, only of forms the caller's role may submit. */
export async function listDrafts(deps: DraftDeps, principal: Principal, caseId: string): Promise<DraftView[]> {
  const { state, drafts } = await loadVisible(deps, principal, caseId);
  return drafts.flatMap((draft) => {
    const form = formFor(draft.action);
    return form && mayTake(principal.role, form.action) ? [viewOf(form, state, draft)] : [];
  });
}

export async function discardDraft(deps: DraftDeps, principal: Principal, caseId: string, action: string): Promise<void> {
  await loadVisible(deps, principal, caseId);
  const form = draftableForm(principal, action);
  await deps.drafts.delete(caseId, principal.organisationId, form.action);
}
