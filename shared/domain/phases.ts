/**
 * Phases of a case and the transition matrix.
 *
 * Source: 001 Handleiding Omslagroute, Figuur 1–2 and §2–§4; side exits from 001 §3 and 002 WA3/WA6.
 * onderzoek → urgentie aangevraagd → wachtlijst (actieve bemiddeling) → aanbod/match → sleuteloverdracht
 * (herstelfase) → omklapfase (voordracht → toets onafhankelijke derde → toets Wonen → contract op eigen naam).
 * That is Amsterdam's flow; a regio adjusts it by its rule set (matrixFor below, regio.ts regioMatrix): klantreis-2023
 * goes from the herstelfase to omklap_akkoord by the eindevaluatie (003), Drechtsteden has no omklap (004).
 */
export const PHASES = [
  'onderzoek', //               case opened by the zorgaanbieder; goals being written (001 §2)
  'urgentie_aangevraagd', //    aanvraag urgentie onder voorwaarden is with Wonen (001 §3)
  'wachtlijst', //              urgentie onder voorwaarden granted; actieve bemiddeling (001 §3)
  'aanbod', //                  a woning is offered; reactie, bezichtiging, match (002 WA1)
  'herstelfase', //             intermediaire verhuur: kennismaking, begeleidingsplan, woonevaluaties (001 §3, 002 WA2–WA7)
  'duurzame_verhuur', //        duurzame intermediaire verhuur (002 WA3)
  'voordracht', //              voordracht voor omklap written, awaiting the onafhankelijke derde (002 WA8 stap 3)
  'toets_wonen', //             voordracht with Wonen, 5 werkdagen (002 WA8 stap 4)
  'omklap_akkoord', //          definitieve urgentie (002 WA8 stap 4) or positive eindevaluatie (003); corporatie puts the contract in the client's name
  'tijdelijk_afgemeld', //      (tijdelijke) afmelding from the wachtlijst (001 §3)
  'omgeklapt', //               contract op eigen naam; nazorg and vijfjarencontract clocks may still run (002 Bijlage 4)
  'afgesloten', //              ended: definitive afmelding, intrekking urgentie, einde intermediaire verhuur, ontbinding
] as const;
export type Phase = (typeof PHASES)[number];

/** How a phase is named to the professionals (werkplek, mails): Dutch, no personal data. */
export const PHASE_LABELS: Readonly<Record<Phase, string>> = {
  onderzoek: 'Onderzoek',
  urgentie_aangevraagd: 'Urgentie aangevraagd',
  wachtlijst: 'Wachtlijst',
  aanbod: 'Aanbod',
  herstelfase: 'Herstelfase',
  duurzame_verhuur: 'Duurzame verhuur',
  voordracht: 'Voordracht omklap',
  toets_wonen: 'Toets Wonen',
  omklap_akkoord: 'Omklap akkoord',
  tijdelijk_afgemeld: 'Tijdelijk afgemeld',
  omgeklapt: 'Omgeklapt',
  afgesloten: 'Afgesloten',
};

/** Phases in which the client lives in the omslagwoning under intermediaire verhuur. */
export const LIVING_PHASES = ['herstelfase', 'duurzame_verhuur', 'voordracht', 'toets_wonen', 'omklap_akkoord'] as const satisfies readonly Phase[];
/** Phases in which the case is still open for the route. */
export const ACTIVE_PHASES = PHASES.filter((p) => p !== 'afgesloten' && p !== 'omgeklapt');

/**
 * Every action that changes a case. Each form of the route is one action; the case's creation is one too.
 * Names are the URL segments of the form endpoints (`POST /cases/{caseId}/forms/{action}`).
 */
export const ACTIONS = [
  'aanvraag-urgentie',
  'besluit-urgentie',
  'afmelding',
  'heraanmelding',
  'trajectwijziging',
  'intrekking-urgentie',
  'woningaanbod',
  'reactie-aanbod',
  'bezichtiging',
  'weigering-aanbod',
  'sleuteloverdracht',
  'afspraak-gepland',
  'kennismaking',
  'begeleidingsplan',
  'woonevaluatie',
  'voordracht-omklap',
  'toets-derde',
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
  'nieuwe-kans',
  'time-out',
  'fibu-afspraken',
  'fibu-evaluatie',
  'vijfjarencontract',
  'brief-gemeente-verstuurd',
  'matching',
] as const;
export type Action = (typeof ACTIONS)[number];

interface Transition {
  /** Phases in which the action may be taken. */
  readonly from: readonly Phase[];
  /** Phases the action may lead to; the form's decision picks one. `'same'` keeps the case where it is. */
  readonly to: readonly (Phase | 'same')[];
}

const living = LIVING_PHASES;
const open = ACTIVE_PHASES;

/**
 * The transition matrix. A form submitted in a phase not in `from` is refused with 409 naming phase and action.
 * `'same'` in `to` means the action may record something without moving the case.
 */
export const TRANSITIONS: TransitionMatrix = {
  // 001 §3: de zorgaanbieder vraagt een urgentie onder voorwaarden aan (with the akkoorddocument of the route).
  'aanvraag-urgentie': { from: ['onderzoek'], to: ['urgentie_aangevraagd'] },
  // 001 §3: de afdeling Wonen toetst de aanvraag; in orde → urgentie onder voorwaarden, wachtlijst.
  'besluit-urgentie': { from: ['urgentie_aangevraagd'], to: ['wachtlijst', 'onderzoek'] },
  // 001 §3: (tijdelijke) afmelding while on the wachtlijst; overlijden/vertrek end the case. A definitive afmelding
  // ("vertrek met onbekende bestemming of overlijden") also closes a case still in onderzoek or tijdelijk afgemeld:
  // otherwise such a case could never be closed (the form allows only 'definitief' there).
  afmelding: { from: ['onderzoek', 'urgentie_aangevraagd', 'wachtlijst', 'aanbod', 'tijdelijk_afgemeld'], to: ['tijdelijk_afgemeld', 'afgesloten'] },
  // Back to the wachtlijst when Wonen had granted the urgentie; back to Wonen when the afmelding came before its besluit.
  heraanmelding: { from: ['tijdelijk_afgemeld'], to: ['wachtlijst', 'urgentie_aangevraagd'] },
  // 001 §3 footnote 1 and Kernboodschap herstelfase 5–6: herijking perspectief; Wonen withdraws when 24-uurs zorg/groepswonen.
  trajectwijziging: { from: open, to: ['same'] },
  'intrekking-urgentie': { from: open, to: ['afgesloten'] },
  // 002 WA1 stap 2–3; 001 §3: eenmalig aanbod.
  woningaanbod: { from: ['wachtlijst'], to: ['aanbod'] },
  'reactie-aanbod': { from: ['aanbod'], to: ['same'] },
  bezichtiging: { from: ['aanbod'], to: ['same'] },
  'weigering-aanbod': { from: ['aanbod'], to: ['wachtlijst'] },
  // 002 WA3: het sleutelmoment; start intermediaire verhuur.
  sleuteloverdracht: { from: ['aanbod'], to: ['herstelfase'] },
  // 002 WA4, Bijlage 2a: the begeleider plans the kennismaking (binnen zes weken) and later woonevaluaties.
  'afspraak-gepland': { from: living, to: ['same'] },
  // 002 WA4, Bijlage 2a/2b.
  kennismaking: { from: living, to: ['same'] },
  // 002 WA2: begeleidingsplan binnen zes weken na de kennismaking.
  begeleidingsplan: { from: living, to: ['same'] },
  // 002 WA4, Bijlage 3.
  woonevaluatie: { from: living, to: ['same'] },
  // 002 WA8 stap 3; a returned voordracht ('voordracht' after terug) may be corrected and submitted again.
  'voordracht-omklap': { from: ['herstelfase', 'duurzame_verhuur', 'voordracht'], to: ['voordracht'] },
  // 002 WA8 stap 3: onafhankelijke derde toetst; akkoord → naar Wonen, anders terug (to duurzame verhuur when the
  // voordracht came from there, 002 WA3).
  'toets-derde': { from: ['voordracht'], to: ['toets_wonen', 'herstelfase', 'duurzame_verhuur'] },
  // 002 WA8 stap 4: Wonen akkoord (definitieve urgentie) or terug met motivatie (reopens the voordracht).
  'besluit-omklap': { from: ['toets_wonen'], to: ['omklap_akkoord', 'voordracht'] },
  // 002 WA8 stap 4: corporatie zet de huurovereenkomst op naam van de bewoner.
  'huurcontract-eigen-naam': { from: ['omklap_akkoord'], to: ['omgeklapt'] },
  // 002 WA1 NB; WA3: intermediaire verhuur stopt vóór omklap.
  'einde-intermediaire-verhuur': { from: living, to: ['afgesloten'] },
  // 002 WA3: duurzame intermediaire verhuur, decided in the woonevaluatie.
  'duurzame-verhuur': { from: ['herstelfase'], to: ['duurzame_verhuur'] },
  // 002 WA6, Bijlage 1. Overlast runs beside the main track; actie 6 (ontbinding) ends the case.
  'overlast-melding': { from: [...living, 'omgeklapt'], to: ['same'] },
  'overlast-actie': { from: [...living, 'omgeklapt'], to: ['same', 'afgesloten'] },
  'mzwo-escalatie': { from: [...living, 'omgeklapt'], to: ['same'] },
  // 002 Bijlage 6.
  woningruil: { from: living, to: ['same'] },
  verhuizing: { from: living, to: ['same'] },
  'besluit-woningruil': { from: living, to: ['same'] },
  // 002 Bijlage 5: Nieuwe Kans is an entry route; its brief is recorded while the case is being prepared.
  'nieuwe-kans': { from: ['onderzoek'], to: ['same'] },
  // 002 WA5: time-out één tot maximaal twee weken.
  'time-out': { from: living, to: ['same'] },
  // 002 WA7: Fibu-team afspraken, evaluatie eens per zes maanden.
  'fibu-afspraken': { from: [...living, 'omgeklapt'], to: ['same'] },
  'fibu-evaluatie': { from: [...living, 'omgeklapt'], to: ['same'] },
  // 002 Bijlage 4: vijfjarencontract for jongvolwassenen, starts at the contract op eigen naam.
  vijfjarencontract: { from: ['omgeklapt'], to: ['same'] },
  // 002 Bijlage 4, Brief gemeente: Wonen records the letter at 4 years of the vijfjarencontract.
  'brief-gemeente-verstuurd': { from: ['omgeklapt'], to: ['same'] },
  // 001 §3 "Matching woning en cliënt": while the client is on the wachtlijst, the zorgaanbieder matches the client to a
  // woning the corporatie selected; the corporatie then makes the one offer (woningaanbod).
  matching: { from: ['wachtlijst'], to: ['same'] },
};

export type TransitionMatrix = Readonly<Record<Action, Transition>>;

/**
 * How the herstelfase ends in the contract op eigen naam, per regio (regio.ts `omklap`):
 * - 'besluit-wonen': 002 WA8 stap 3–4, the matrix above: voordracht → toets onafhankelijke derde → toets Wonen →
 *   omklap akkoord → huurcontract op eigen naam.
 * - 'eindevaluatie': 003 Fase Proefwonen, Omkappen huurcontract: "Bij een positieve eindevaluatie wordt het
 *   huurcontract op naam van de client gezet." The woonevaluatie of corporatie, zorgaanbieder and client (counted with
 *   the corporatie's akkoord, akkoord.ts) leads from the herstelfase to omklap_akkoord; no gemeente decision.
 */
export const OMKLAP_WEGEN = ['besluit-wonen', 'eindevaluatie'] as const;
export type OmklapWeg = (typeof OMKLAP_WEGEN)[number];

/** The forms of the omklap by Wonen's besluit (002 WA8 stap 3–4): a regio without that omklap has none of them. */
export const BESLUIT_WONEN_FORMS = ['voordracht-omklap', 'toets-derde', 'besluit-omklap'] as const satisfies readonly Action[];

/**
 * The matrix of one regio's flow, derived from its rule set (regio.ts): a form the regio does not have is allowed
 * nowhere (`from` empty); with the omklap by eindevaluatie the woonevaluatie may lead to omklap_akkoord. Without an
 * omklap (undefined: the seed's route ends at the woning, 004) the case ends through the exits (`afgesloten`).
 */
export function matrixFor(flow: { forms: readonly Action[]; omklap?: OmklapWeg | undefined }): TransitionMatrix {
  const matrix = Object.fromEntries(
    ACTIONS.map((action) => [action, flow.forms.includes(action) ? TRANSITIONS[action] : { from: [], to: TRANSITIONS[action].to }]),
  ) as Record<Action, Transition>;
  if (flow.omklap === 'eindevaluatie' && flow.forms.includes('woonevaluatie')) {
    // 003 Fase Proefwonen, Omkappen huurcontract: the positive eindevaluatie opens the contract op eigen naam.
    matrix.woonevaluatie = { from: TRANSITIONS.woonevaluatie.from, to: ['same', 'omklap_akkoord'] };
  }
  return matrix;
}

/**
 * True when `action` may be taken in `phase` by `matrix`. The default is the matrix of 001/002 above; a case is
 * always checked against its regio's matrix (regio.ts isAllowedIn).
 */
export function isAllowed(action: Action, phase: Phase, matrix: TransitionMatrix = TRANSITIONS): boolean {
  return matrix[action].from.includes(phase);
}

/** The phases `action` may lead to from `phase` (the current phase when the action does not move the case). */
export function targetsOf(action: Action, phase: Phase, matrix: TransitionMatrix = TRANSITIONS): readonly Phase[] {
  return matrix[action].to.map((p) => (p === 'same' ? phase : p));
}
