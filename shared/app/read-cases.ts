import { canSeeCase, listingKindOf } from '#domain/access.js';
import { CaseNotFound, Forbidden } from '#domain/errors.js';
import { PHASES, type Phase } from '#domain/phases.js';
import { actionsAvailable, type Principal } from '#domain/roles.js';
import { caseView, type CaseView } from '#domain/views.js';
import type { AppDeps, CaseSummary, Page } from './ports.js';

export async function getCase(deps: AppDeps, principal: Principal, caseId: string): Promise<CaseView> {
  const loaded = await deps.store.load(caseId);
  if (!loaded || !canSeeCase(principal, loaded.state, loaded.history)) throw new CaseNotFound();
  // Beside the projection (what the role may read): what it may do now, so the werkplek offers exactly that.
  return { ...caseView(principal, loaded.state, loaded.history), actions: actionsAvailable(principal.role, loaded.state.phase, loaded.state.regio) };
}

export interface ListQuery {
  /** 'true': also the number of cases per phase (countByOrganisation). */
  counts?: 'true';
  phase?: Phase;
  reference?: string;
  limit: number;
  cursor?: string;
}

/** An organisation's cases by phase, or one case by its reference; never a table scan. */
export async function listCases(deps: AppDeps, principal: Principal, query: ListQuery): Promise<Page<CaseSummary> & { counts?: Record<Phase, number> }> {
  if (principal.role === 'systeembeheerder') throw new Forbidden('Systeembeheer heeft geen toegang tot dossiers.');
  if (query.reference) {
    const caseId = await deps.store.findByReference(query.reference);
    const loaded = caseId ? await deps.store.load(caseId) : undefined;
    if (!loaded || !canSeeCase(principal, loaded.state, loaded.history)) return { items: [] };
    const state = loaded.state;
    return { items: [{ caseId: state.caseId, reference: state.reference, phase: state.phase, regio: state.regio, updatedAt: state.updatedAt }] };
  }
  if (!mayListOrganisation(deps, principal)) return query.counts ? { items: [], counts: zeroCounts() } : { items: [] };
  // A begeleider in a team sees the team's cases (canSeeCase); the listing filters the same way.
  const teamId = principal.role === 'begeleider' ? principal.teamId : undefined;
  const { counts: _counts, ...listQuery } = query;
  const page = await deps.store.listByOrganisation(principal.organisationId, { ...listQuery, ...(teamId ? { teamId } : {}) });
  if (!query.counts) return page;
  return { ...page, counts: await deps.store.countByOrganisation(principal.organisationId, teamId ? { teamId } : {}) };
}

function zeroCounts(): Record<Phase, number> {
  return Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
}

/** Whether the caller's organisation's listings are its to read: its role fits the organisation's kind (access.ts). */
export function mayListOrganisation(deps: AppDeps, principal: Principal): boolean {
  const kind = listingKindOf(principal);
  return kind !== undefined && (deps.organisationKind === undefined || deps.organisationKind(principal.organisationId) === kind);
}
