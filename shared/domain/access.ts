/**
 * Which cases an organisation and role may see (002 WA10; issue "Who may see and do what").
 * A refusal is indistinguishable from "does not exist" at the HTTP edge.
 */
import type { CaseState } from './case.js';
import type { Principal } from './roles.js';

export function canSeeCase(principal: Principal, state: CaseState): boolean {
  switch (principal.role) {
    case 'begeleider':
      if (state.zorgaanbiederId !== principal.organisationId) return false;
      // A begeleider with a team sees the team's cases; cases without a team are the organisation's.
      return !principal.teamId || !state.teamId || principal.teamId === state.teamId;
    case 'onafhankelijke-derde':
    case 'organisatiebeheerder':
      return state.zorgaanbiederId === principal.organisationId;
    case 'contactpersoon':
      // 002 WA10: nothing is shared with the corporatie without the client's recorded consent.
      return state.corporatieId === principal.organisationId && state.facts.toestemmingDelen?.gegeven === true;
    case 'medewerker-wonen':
      return principal.regio === undefined || principal.regio === state.regio;
    case 'systeembeheerder':
      return false;
  }
}

/** The organisations whose listings show the case. */
export function organisationsOf(state: CaseState): string[] {
  const shared = state.corporatieId && state.facts.toestemmingDelen?.gegeven === true;
  return shared ? [state.zorgaanbiederId, state.corporatieId!] : [state.zorgaanbiederId];
}
