/**
 * A regio is one rule set (issue 14 point 12): which entry routes and forms it has, which submissions its gemeente
 * toetst (Wonen's queue and its 5-werkdagen clock), whether the client gets one offer, and where its deadlines,
 * mailboxes and holidays live. Amsterdam first (001, 002); the Klantreis uitstroom MO/BW 2023 (003); Drechtsteden (004).
 *
 * What lives elsewhere, keyed by the same regio:
 * - deadlines: `regios` of each rule in deadlines/rules.ts (a regio without rules has no deadlines);
 * - holidays: shared/domain/holidays/<regio>.json (werkdagen.ts HOLIDAY_CALENDARS, a Record over Regio);
 * - mailboxes: the gemeente in config/organisations.<stage>.json whose `regios` names it (woonzaken, mzwo).
 *
 * Where a seed gives no term or rule, the rule set says so (`zonderTermijn`) and nothing is presented as a duty.
 */
import { REGIOS, ROUTE_KEYS, type EventData, type Regio, type Route } from './case.js';
import { ACTIONS, BESLUIT_WONEN_FORMS, isAllowed, matrixFor, targetsOf, type Action, type OmklapWeg, type Phase, type TransitionMatrix } from './phases.js';
import { RuleViolated, TransitionNotAllowed } from './errors.js';
import type { WonenKind } from './wonen-queue.js';

export interface RegioRules {
  naam: string;
  /** The seeds the rule set rests on. */
  bron: string;
  /** Entry routes a case of this regio may have (create case). */
  routes: readonly Route[];
  /** Forms of the route this regio has; another is refused (422 `formulier-niet-in-regio`). */
  forms: readonly Action[];
  /**
   * How the omklap goes (phases.ts OmklapWeg): by Wonen's besluit on a voordracht (001/002), by the positive
   * eindevaluatie of the three parties (003), or not at all in this rule set (004 ends at the woning). The regio's
   * transition matrix follows from it and `forms` (regioMatrix).
   */
  omklap: { weg: OmklapWeg; bron: string } | undefined;
  /** Submissions the gemeente toetst with the 5-werkdagen clock (Wonen's queue, its mails). Empty: none. */
  wonenIntakes: readonly WonenKind[];
  /** 001 §3 "De cliënt krijgt een eenmalig aanbod … gedurende twee jaar geen nieuw aanbod". */
  eenmaligAanbod: boolean;
  /** Conditions an aanvraag must confirm (004: the two conditions of the voorrangsregeling). */
  voorwaardenAanvraag?: readonly { key: string; tekst: string }[];
  /**
   * The corporatie's term to answer a form ingediend bij haar (akkoord.ts). The seeds give none: it is this regio's
   * agreement, named as such wherever it is shown (`bron`). Absent: no term, the form only waits.
   */
  akkoordTermijn?: { offset: { werkdagen: number }; bron: string };
  /** What the seed leaves open: said here, never encoded as a duty. */
  zonderTermijn: readonly string[];
  /** Municipalities inside the regio with other conditions the seed does not give (configuration, not code). */
  afwijkendeGemeenten?: readonly { gemeente: string; toelichting: string }[];
}

const ALLE_ROUTES = ROUTE_KEYS.filter((r) => r !== 'BW_INSTELLING');

export const REGIO_RULES: Readonly<Record<Regio, RegioRules>> = {
  amsterdam: {
    naam: 'Amsterdam (Omslagroute)',
    bron: '001 Handleiding Omslagroute; 002 Tien Werkafspraken',
    routes: ALLE_ROUTES,
    forms: ACTIONS,
    // 002 WA8 stap 3–4: voordracht, toets onafhankelijke derde, toets Wonen (5 werkdagen), contract op eigen naam.
    omklap: { weg: 'besluit-wonen', bron: '002 WA8 stap 3–4; 001 §4' },
    // 001 §3 (aanvraag), §4 (voordracht); 002 Bijlage 6 (ruil, verhuizing); 001 §3 Kernboodschap 5–6 (intrekking); 002 WA3.
    wonenIntakes: ['urgentie', 'omklap', 'woningruil', 'verhuizing', 'intrekking', 'einde-verhuur'],
    eenmaligAanbod: true,
    // Wonen's toets runs 5 werkdagen (001 §4); the same term for the corporatie's akkoord is this regio's choice.
    akkoordTermijn: { offset: { werkdagen: 5 }, bron: 'afspraak regio Amsterdam (5 werkdagen; de seeds noemen geen termijn)' },
    zonderTermijn: [
      'Akkoord van de corporatie op een ingediend formulier: 001/002 noemen geen termijn; de regio houdt 5 werkdagen aan (akkoordTermijn).',
      'Toets Wonen van de aanvraag urgentie, ruil, verhuizing en intrekking: 001/002 geven alleen voor de voordracht 5 werkdagen; dezelfde termijn wordt aangehouden (issue "Deadline engine").',
    ],
  },
  'klantreis-2023': {
    naam: 'Klantreis uitstroom MO/BW 2023',
    bron: '003 Klantreis Uitstroom MO & BW',
    routes: ['MO', 'BW_LVB', 'BW_WLZ'],
    // No voordracht, toets derde or besluit of Wonen: 003 puts the contract on the client's name after the eindevaluatie.
    // 003 has no gemeente letter of a vijfjarencontract (002 Bijlage 4) and no matching before one offer (001 §3).
    forms: ACTIONS.filter((a) => !(BESLUIT_WONEN_FORMS as readonly Action[]).includes(a) && a !== 'brief-gemeente-verstuurd' && a !== 'matching'),
    // 003 Fase Proefwonen, Omkappen huurcontract: "3 maanden voor afloop van het proefwonen-huurcontract vindt er een
    // evaluatie plaats met corporatie, zorgaanbieder en client … Bij een positieve eindevaluatie wordt het huurcontract
    // op naam van de client gezet." The woonevaluatie with omklap positive (`voordracht`), counted with the
    // corporatie's akkoord (akkoord.ts), opens the huurcontract op eigen naam.
    omklap: { weg: 'eindevaluatie', bron: '003 Fase Proefwonen, Omkappen huurcontract' },
    // 003: the gemeente hears the woon-/leefvraag (zoekprofiel) but toetst nothing within a term; the omklap is decided
    // by corporatie, zorgaanbieder and client after the eindevaluatie (Fase Proefwonen).
    wonenIntakes: [],
    eenmaligAanbod: false,
    akkoordTermijn: { offset: { werkdagen: 5 }, bron: 'afspraak regio (5 werkdagen; 003 noemt geen termijn)' },
    zonderTermijn: [
      '003 kent geen toetstermijn voor de gemeente: de gemeente wordt geïnformeerd over de woonvraag, zonder termijn.',
      '003 "3 maanden voor afloop van het proefwonen-huurcontract vindt er een evaluatie plaats": alleen als de einddatum van het proefwonen bij de sleuteloverdracht is vastgelegd (proefwonenEindOp) is er een termijn voor de eindevaluatie; anders niet.',
      '003 "Bij een positieve eindevaluatie wordt het huurcontract op naam van de client gezet": 003 noemt geen termijn voor het op naam zetten; er is geen termijnregel (de vier tot zes weken van 002 WA8 gelden in Amsterdam).',
    ],
  },
  drechtsteden: {
    naam: 'Drechtsteden (Route Thuis in de Wijk)',
    bron: '004 Route Thuis in de Wijk (Drechtsteden)',
    // 004: "De Route start in de Instelling Beschermd Wonen".
    routes: ['BW_INSTELLING'],
    // 004 describes the start, the voorrangsregeling and the search for a home; the rest of the route is not in 004.
    forms: [
      'aanvraag-urgentie', 'besluit-urgentie', 'afmelding', 'heraanmelding', 'trajectwijziging', 'intrekking-urgentie',
      'woningaanbod', 'reactie-aanbod', 'bezichtiging', 'weigering-aanbod', 'sleuteloverdracht', 'overlast-melding',
      'einde-intermediaire-verhuur',
    ],
    // 004 describes the start, the voorrangsregeling and the search for a woning; it gives no omklap: the case ends
    // with the exits (einde intermediaire verhuur, intrekking, afmelding).
    omklap: undefined,
    wonenIntakes: [],
    // 004: the client searches with priority ("zodat ze … kunnen reageren op het aanbod sociale huurwoningen"), no one offer.
    eenmaligAanbod: false,
    // 004 Regeling Voorrang Uitstroom Instelling: "Alleen cliënten die wonen in een instelling Beschermd Wonen en voldoen
    // aan bepaalde voorwaarden … Zij zijn: Toe aan zelfstandig wonen; Hebben onvoldoende mogelijkheden om zelf
    // huisvesting te vinden."
    voorwaardenAanvraag: [
      { key: 'toeAanZelfstandigWonen', tekst: 'Toe aan zelfstandig wonen' },
      { key: 'onvoldoendeMogelijkhedenZelfHuisvesting', tekst: 'Onvoldoende mogelijkheden om zelf huisvesting te vinden' },
    ],
    zonderTermijn: [
      '004 geeft geen termijnen: de regio heeft (nog) geen termijnregels en de gemeente geen toetstermijn.',
      '004 beschrijft geen omklap: de route eindigt bij de woning; het dossier sluit met einde intermediaire verhuur, intrekking of afmelding.',
    ],
    afwijkendeGemeenten: [
      { gemeente: 'Gorinchem', toelichting: '004: "Voor Gorinchem, Molenlanden en Hardinxveld-Giessendam gelden andere voorwaarden" (niet in 004)' },
      { gemeente: 'Molenlanden', toelichting: 'idem' },
      { gemeente: 'Hardinxveld-Giessendam', toelichting: 'idem' },
    ],
  },
};

export function regioRules(regio: Regio): RegioRules {
  return REGIO_RULES[regio];
}

/** Whether the regio's gemeente toetst this kind of submission (with a term). */
export function regioToetst(regio: Regio, kind: WonenKind): boolean {
  return REGIO_RULES[regio].wonenIntakes.includes(kind);
}

/** The transition matrix of a regio: phases.ts TRANSITIONS adjusted by its forms and its omklap (matrixFor). */
const MATRICES: Readonly<Record<Regio, TransitionMatrix>> = Object.fromEntries(
  REGIOS.map((regio) => [regio, matrixFor({ forms: REGIO_RULES[regio].forms, omklap: REGIO_RULES[regio].omklap?.weg })]),
) as Record<Regio, TransitionMatrix>;

export function regioMatrix(regio: Regio): TransitionMatrix {
  return MATRICES[regio];
}

/** True when a case of `regio` in `phase` may take `action`: the check of every submission and every offer. */
export function isAllowedIn(regio: Regio, action: Action, phase: Phase): boolean {
  return isAllowed(action, phase, MATRICES[regio]);
}

/**
 * The check before a submission or an akkoord: a form the regio does not have is refused as such (422
 * `formulier-niet-in-regio`), one it has in another phase with 409 naming phase and action.
 */
export function assertAllowedIn(regio: Regio, action: Action, phase: Phase): void {
  if (!REGIO_RULES[regio].forms.includes(action)) throw formulierNietInRegio(regio, action);
  if (!isAllowedIn(regio, action, phase)) throw new TransitionNotAllowed(phase, action);
}

export function formulierNietInRegio(regio: Regio, action: Action): RuleViolated {
  return new RuleViolated('formulier-niet-in-regio', `Het formulier ${action} hoort niet bij de route van regio ${regio} (${REGIO_RULES[regio].bron}).`);
}

/** The phases `action` may lead to from `phase` in `regio`. */
export function targetsIn(regio: Regio, action: Action, phase: Phase): readonly Phase[] {
  return targetsOf(action, phase, MATRICES[regio]);
}

/** Why a contract op eigen naam is refused before the step that opens it, as the regio's omklap has it. */
export function omklapNogNietOpen(regio: Regio): string {
  switch (REGIO_RULES[regio].omklap?.weg) {
    case 'besluit-wonen':
      return 'Wonen heeft de omklap (nog) niet goedgekeurd.';
    case 'eindevaluatie':
      return 'Er is (nog) geen positieve eindevaluatie met akkoord van de corporatie (003 Omkappen huurcontract).';
    default:
      return `De route van regio ${regio} kent geen omklap (${REGIO_RULES[regio].bron}).`;
  }
}

/**
 * Whether a submission of `action` with `data` is the step that opens the huurcontract op eigen naam in `regio`:
 * Wonen's besluit akkoord (002 WA8 stap 4), or the positive eindevaluatie (003 Omkappen huurcontract).
 */
export function opentOmklap(regio: Regio, action: string, data: Record<string, unknown>): boolean {
  switch (REGIO_RULES[regio].omklap?.weg) {
    // The data is the form's (case.ts EventData): a typo in the field or value fails to compile.
    case 'besluit-wonen':
      return action === 'besluit-omklap' && (data as EventData<'besluit-omklap'>).besluit === 'akkoord';
    case 'eindevaluatie':
      return action === 'woonevaluatie' && (data as EventData<'woonevaluatie'>).voordracht === true;
    default:
      return false;
  }
}
