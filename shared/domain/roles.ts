/**
 * Who may do what. Roles from DOMAIN.md "Parties and roles"; the organisation and role of a caller come from the
 * verified token only, never from a request body.
 */
import type { Regio } from './case.js';
import { ACTIONS, type Action, type Phase } from './phases.js';
import { isAllowedIn } from './regio.js';

export const ORGANISATION_KINDS = ['zorgaanbieder', 'woningcorporatie', 'gemeente', 'beheer'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ROLES = [
  'begeleider', //              zorgaanbieder: guides the client, files nearly every form
  'onafhankelijke-derde', //    zorgaanbieder: toetst the voordracht voor omklap (002 WA8 stap 3)
  'organisatiebeheerder', //    zorgaanbieder: sees the organisation's cases, manages its mailboxes
  'contactpersoon', //          woningcorporatie
  'medewerker-wonen', //        gemeente, directie Wonen (woonzaken)
  'systeembeheerder', //        operations; no access to case content
  // Issue 13: the beheerder of a woningcorporatie and of the gemeente (Wonen). Like the zorgaanbieder's
  // organisatiebeheerder they manage their organisation (undeliverable addresses, its users) and read its monitor
  // figures; unlike it they read no case content: a corporatie's case data is its contactpersoon's under the client's
  // consent (002 WA10), Wonen's is the medewerker's work — a beheerder has no task in a case, so no need to know.
  'corporatiebeheerder', //     woningcorporatie: bounces, monitor figures, users; no case content
  'wonenbeheerder', //          gemeente (Wonen): bounces, monitor figures of its regio, users; no case content
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_ORGANISATION_KIND: Readonly<Record<Role, OrganisationKind>> = {
  begeleider: 'zorgaanbieder',
  'onafhankelijke-derde': 'zorgaanbieder',
  organisatiebeheerder: 'zorgaanbieder',
  contactpersoon: 'woningcorporatie',
  'medewerker-wonen': 'gemeente',
  systeembeheerder: 'beheer',
  corporatiebeheerder: 'woningcorporatie',
  wonenbeheerder: 'gemeente',
};

/** The beheerder of each organisation kind: manages its own organisation (bounces, users) and reads its figures. */
export const BEHEERDER_ROLES: readonly Role[] = ['organisatiebeheerder', 'corporatiebeheerder', 'wonenbeheerder'];

/** Whether `principal` is the beheerder of `organisationId` (any organisation kind). */
export function isBeheerderOf(principal: Pick<Principal, 'role' | 'organisationId'>, organisationId: string): boolean {
  return BEHEERDER_ROLES.includes(principal.role) && principal.organisationId === organisationId;
}

/** The authenticated caller, built from verified token claims. */
export interface Principal {
  userId: string;
  organisationId: string;
  role: Role;
  teamId?: string;
  /** Regio of the caller's organisation (Wonen works per regio). */
  regio?: string;
}

/** Who did something, as stored in a case's history and the audit trail. */
export interface Actor {
  userId: string;
  organisationId: string;
  role: Role;
}

export function actorOf(p: Principal): Actor {
  return { userId: p.userId, organisationId: p.organisationId, role: p.role };
}

const ZA: readonly Role[] = ['begeleider', 'organisatiebeheerder'];
const WONEN: readonly Role[] = ['medewerker-wonen'];
const CORPORATIE: readonly Role[] = ['contactpersoon'];
const BEHEER: readonly Role[] = ['organisatiebeheerder'];

/** The roles of a zorgaanbieder: the organisation that owns the case (its begeleiding, its data). */
export const ZORGAANBIEDER_ROLES: readonly Role[] = ROLES.filter((r) => ROLE_ORGANISATION_KIND[r] === 'zorgaanbieder');

/** What may be done to a case besides filing a form of the route (privacy and case operations). */
export type CaseOperation = 'case-aanmaken' | 'toestemming' | 'audit-inzien' | 'gegevens-exporteren' | 'bewaartermijn-herroepen';

/**
 * The one table of which roles may take each action (issue "Who may see and do what").
 * Forms filed jointly (kennismaking, woonevaluatie) are filed by the begeleider, who is the gespreksleider
 * (002 Bijlage 2a); the corporatie signs inside the form.
 */
export const ACTION_ROLES: Readonly<Record<Action | CaseOperation, readonly Role[]>> = {
  'case-aanmaken': ZA,
  // 002 WA10: de zorgaanbieder vraagt de toestemming en legt die vast (en de intrekking).
  toestemming: ZA,
  // AVG inzage/export and the retention decision are handled by the zorgaanbieder's organisatiebeheerder.
  'audit-inzien': BEHEER,
  'gegevens-exporteren': BEHEER,
  'bewaartermijn-herroepen': BEHEER,
  'aanvraag-urgentie': ZA,
  'besluit-urgentie': WONEN,
  afmelding: ZA,
  heraanmelding: ZA,
  trajectwijziging: ZA,
  'intrekking-urgentie': WONEN,
  woningaanbod: [...ZA, ...CORPORATIE],
  'reactie-aanbod': ZA,
  bezichtiging: ZA,
  'weigering-aanbod': ZA,
  sleuteloverdracht: ZA,
  'afspraak-gepland': ZA,
  kennismaking: ZA,
  begeleidingsplan: ZA,
  woonevaluatie: ZA,
  'voordracht-omklap': ZA,
  'toets-derde': ['onafhankelijke-derde'],
  'besluit-omklap': WONEN,
  'huurcontract-eigen-naam': CORPORATIE,
  'einde-intermediaire-verhuur': [...ZA, ...CORPORATIE],
  'duurzame-verhuur': ZA,
  'overlast-melding': [...ZA, ...CORPORATIE],
  'overlast-actie': ZA,
  'mzwo-escalatie': [...ZA, ...CORPORATIE],
  woningruil: ZA,
  verhuizing: ZA,
  'besluit-woningruil': WONEN,
  'nieuwe-kans': ZA,
  'time-out': ZA,
  'fibu-afspraken': ZA,
  'fibu-evaluatie': ZA,
  vijfjarencontract: CORPORATIE,
  // 002 Bijlage 4: "ontvangt de jongvolwassene een brief van de gemeente": Wonen (of the case's regio, access.ts).
  'brief-gemeente-verstuurd': WONEN,
  // 001 §3: "De zorgaanbieder bepaalt welke cliënt het beste bij welke woning past."
  matching: ZA,
};

export function mayTake(role: Role, action: Action | CaseOperation): boolean {
  return ACTION_ROLES[action].includes(role);
}

/**
 * The forms `principal` may submit on a case in `phase` now: its role may take the action (ACTION_ROLES) and the
 * transition matrix allows it in this phase. The submission checks the same two; the werkplek offers these, narrowed to
 * the case (forms/index.ts actionsOffered: the regio's forms, a form's own `offered`).
 */
export function actionsAvailable(role: Role, phase: Phase, regio: Regio): Action[] {
  return ACTIONS.filter((action) => mayTake(role, action) && isAllowedIn(regio, action, phase));
}
