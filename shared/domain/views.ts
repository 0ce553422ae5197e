/**
 * What each role sees of a case: one projection per role (002 WA10: the corporatie sees only what concerns
 * wonen en goed huurderschap and never the begeleidingsplan; Wonen sees what its decisions need).
 */
import type { CaseEvent, CaseState } from './case.js';
import type { Action } from './phases.js';
import type { Principal, Role } from './roles.js';

/** Forms whose content stays within the zorgaanbieder. */
const ZORGAANBIEDER_ONLY: ReadonlySet<CaseEvent['type']> = new Set<CaseEvent['type']>([
  'begeleidingsplan',
  'fibu-afspraken',
  'fibu-evaluatie',
  'time-out',
  'toets-derde',
]);

/** Forms the corporatie takes part in or needs for wonen en goed huurderschap (002 WA10 Doelbinding). */
const CORPORATIE_VISIBLE: ReadonlySet<CaseEvent['type']> = new Set<CaseEvent['type']>([
  'woningaanbod',
  'reactie-aanbod',
  'bezichtiging',
  'weigering-aanbod',
  'sleuteloverdracht',
  'afspraak-gepland',
  'kennismaking',
  'woonevaluatie',
  'voordracht-omklap',
  'besluit-omklap',
  'huurcontract-eigen-naam',
  'einde-intermediaire-verhuur',
  'duurzame-verhuur',
  'overlast-melding',
  'overlast-actie',
  'mzwo-escalatie',
  'woningruil',
  'verhuizing',
  'besluit-woningruil',
  'vijfjarencontract',
]);

/** Forms Wonen decides on or is told about. */
const WONEN_VISIBLE: ReadonlySet<CaseEvent['type']> = new Set<CaseEvent['type']>([
  'case-aangemaakt',
  'aanvraag-urgentie',
  'besluit-urgentie',
  'trajectwijziging',
  'intrekking-urgentie',
  'voordracht-omklap',
  'besluit-omklap',
  'einde-intermediaire-verhuur',
  'woningruil',
  'verhuizing',
  'besluit-woningruil',
  'huurcontract-eigen-naam',
]);

export function mayReadEventContent(role: Role, type: CaseEvent['type']): boolean {
  switch (role) {
    case 'begeleider':
    case 'onafhankelijke-derde':
    case 'organisatiebeheerder':
      return true;
    case 'contactpersoon':
      return CORPORATIE_VISIBLE.has(type) && !ZORGAANBIEDER_ONLY.has(type);
    case 'medewerker-wonen':
      return WONEN_VISIBLE.has(type);
    case 'systeembeheerder':
      return false;
  }
}

export interface TimelineEntry {
  seq: number;
  type: CaseEvent['type'];
  occurredOn: string;
  recordedAt: string;
  recordedBy: { organisationId: string; role: Role };
  supersedes?: number;
  /** Absent when the caller's role may not read this form's content. */
  data?: Record<string, unknown>;
}

export interface CaseView {
  caseId: string;
  reference: string;
  regio: string;
  route: string;
  doelgroep: string;
  phase: string;
  version: number;
  zorgaanbiederId: string;
  corporatieId?: string;
  clientPseudonym?: string;
  createdAt: string;
  updatedAt: string;
  timeline?: TimelineEntry[];
}

export function caseView(principal: Principal, state: CaseState, history?: CaseEvent[]): CaseView {
  const zorg = ['begeleider', 'onafhankelijke-derde', 'organisatiebeheerder'].includes(principal.role);
  return {
    caseId: state.caseId,
    reference: state.reference,
    regio: state.regio,
    route: state.route,
    doelgroep: state.doelgroep,
    phase: state.phase,
    version: state.version,
    zorgaanbiederId: state.zorgaanbiederId,
    ...(state.corporatieId ? { corporatieId: state.corporatieId } : {}),
    ...(zorg ? { clientPseudonym: state.clientPseudonym } : {}),
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    ...(history
      ? {
          timeline: history
            .filter((e) => principal.role !== 'contactpersoon' || CORPORATIE_VISIBLE.has(e.type as Action) || e.type === 'case-aangemaakt')
            .map((e) => ({
              seq: e.seq,
              type: e.type,
              occurredOn: e.occurredOn,
              recordedAt: e.recordedAt,
              recordedBy: { organisationId: e.actor.organisationId, role: e.actor.role },
              ...(e.supersedes ? { supersedes: e.supersedes } : {}),
              ...(mayReadEventContent(principal.role, e.type) ? { data: e.data } : {}),
            })),
        }
      : {}),
  };
}
