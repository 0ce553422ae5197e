/**
 * Which cases an organisation and role may see (002 WA10; issue "Who may see and do what").
 * A refusal is indistinguishable from "does not exist" at the HTTP edge (CaseNotFound for both).
 *
 * - begeleider: the zorgaanbieder's cases of its own team (cases without a team: the whole organisation's);
 * - onafhankelijke derde, organisatiebeheerder: the zorgaanbieder's cases;
 * - contactpersoon: only the corporatie's own cases, and only while the client's consent to share with the
 *   woningcorporatie is recorded (002 WA10);
 * - medewerker Wonen: cases of its regio that have been submitted to Wonen (until the Wonen queue exists);
 * - systeembeheerder, corporatiebeheerder, wonenbeheerder: no case content at all.
 */
import { countedHistory } from './akkoord.js';
import type { CaseEvent, CaseState } from './case.js';
import { consentAllows } from './consent.js';
import type { Action, Phase } from './phases.js';
import { ZORGAANBIEDER_ROLES, type Principal } from './roles.js';
import { intakeKindOf } from './wonen-queue.js';

/** Phases in which the case is with Wonen right now (aanvraag urgentie, toets voordracht: 001 §3–§4). */
const WITH_WONEN: readonly Phase[] = ['urgentie_aangevraagd', 'toets_wonen'];

/**
 * True when the case has ever been submitted to Wonen (history) — i.e. it has (had) an item in Wonen's queue — or is
 * with Wonen now (phase).
 */
export function submittedToWonen(state: CaseState, history?: readonly CaseEvent[]): boolean {
  if (WITH_WONEN.includes(state.phase)) return true;
  // Wonen's queue takes exactly these submissions (the intake table, wonen-intakes.ts).
  // A Wonen decision in the history (an event recorded by a medewerker Wonen) counts too.
  // A submission still waiting for the corporatie's akkoord has not reached Wonen (akkoord.ts).
  return countedHistory(history ?? []).some((e) => e.actor.role === 'medewerker-wonen' || intakeKindOf(e) !== undefined);
}

/** True for the roles of the zorgaanbieder that owns the case. */
export function isZorgaanbiederOf(principal: Principal, state: CaseState): boolean {
  return ZORGAANBIEDER_ROLES.includes(principal.role) && state.zorgaanbiederId === principal.organisationId;
}

/**
 * Whether `principal` may see the case at all. Pass the history when you have it: without it, Wonen sees a case only
 * while it is with Wonen (phase urgentie_aangevraagd or toets_wonen) — never more than with it.
 */
export function canSeeCase(principal: Principal, state: CaseState, history?: readonly CaseEvent[]): boolean {
  switch (principal.role) {
    case 'begeleider':
      if (state.zorgaanbiederId !== principal.organisationId) return false;
      // A begeleider with a team sees the team's cases; cases without a team are the organisation's.
      return !principal.teamId || !state.teamId || principal.teamId === state.teamId;
    case 'onafhankelijke-derde':
    case 'organisatiebeheerder':
      return state.zorgaanbiederId === principal.organisationId;
    case 'contactpersoon':
      // 002 WA10: nothing is shared with the corporatie without the client's recorded consent (and "met wie").
      return state.corporatieId !== undefined && state.corporatieId === principal.organisationId && consentAllows(state, 'woningcorporatie');
    case 'medewerker-wonen':
      // Wonen works per regio: a token without a regio sees nothing (safe by default).
      return principal.regio !== undefined && principal.regio === state.regio && submittedToWonen(state, history);
    case 'systeembeheerder':
    // Issue 13: the beheerder of a corporatie or of the gemeente manages the organisation, not cases (roles.ts).
    case 'corporatiebeheerder':
    case 'wonenbeheerder':
      return false;
  }
}

/**
 * The organisations whose listings show the case (membership items). The corporatie only while consent allows
 * sharing with it; withdrawing consent removes it (CaseCommit.removedOrganisations).
 */
export function organisationsOf(state: CaseState): string[] {
  const shared = state.corporatieId !== undefined && consentAllows(state, 'woningcorporatie');
  return shared ? [state.zorgaanbiederId, state.corporatieId!] : [state.zorgaanbiederId];
}

/**
 * The corporatie's own forms: the contract on the client's name and the vijfjarencontract are the landlord's legal acts
 * (002 WA8 stap 4: "De woningcorporatie streeft ernaar om de huurovereenkomst binnen vier tot zes weken … op de naam
 * van de bewoner te zetten"; 002 Bijlage 4). A withdrawal of the client's consent to share (002 WA10) stops what the
 * zorgaanbieder shares with the corporatie, not the corporatie's own contract: it may still file these for its own
 * case (the answer shows no content: views.ts CASE_FIELDS.corporatie).
 */
export const CORPORATIE_OWN_FORMS: readonly Action[] = ['huurcontract-eigen-naam', 'vijfjarencontract'];

/** Whether `principal` may file `action` on the case: it may see the case, or it is the corporatie's own contract form. */
export function mayFileOn(principal: Principal, state: CaseState, action: Action, history?: readonly CaseEvent[]): boolean {
  if (canSeeCase(principal, state, history)) return true;
  return principal.role === 'contactpersoon' && state.corporatieId === principal.organisationId && CORPORATIE_OWN_FORMS.includes(action);
}

/**
 * Which organisation's listings (memberships, deadline index) a role reads: the zorgaanbieder's roles those of a
 * zorgaanbieder, the contactpersoon those of a woningcorporatie; Wonen (its queue instead) and systeembeheer none.
 * A token whose role does not fit its organisation's kind lists nothing, so a listing never shows a case that
 * `canSeeCase` refuses (issue 16: listings ⊆ readable).
 */
export function listingKindOf(principal: Principal): 'zorgaanbieder' | 'woningcorporatie' | undefined {
  if (ZORGAANBIEDER_ROLES.includes(principal.role)) return 'zorgaanbieder';
  return principal.role === 'contactpersoon' ? 'woningcorporatie' : undefined;
}
