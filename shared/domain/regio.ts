/**
 * A regio is one rule set (issue 14 point 12): which entry routes and forms it has, which submissions its gemeente
 * toetst (Wonen's queue and its 5-werkdagen clock), whether the client gets one offer, and where its deadlines,
 * mailboxes and holidays live. Amsterdam first (001, 002); the Klantreis uitstroom MO/BW 2023 (003); Drechtsteden (004).
 *
 * What lives elsewhere, keyed by the same regio:
 * - deadlines: `regios` of each rule in deadlines/rules.ts (a regio without rules has no deadlines);
 * - holidays: config/holidays/<regio>.json (werkdagen.ts HOLIDAY_CALENDARS, a Record over Regio);
 * - mailboxes: the gemeente in config/organisations.<stage>.json whose `regios` names it (woonzaken, mzwo).
 *
 * Where a seed gives no term or rule, the rule set says so (`zonderTermijn`) and nothing is presented as a duty.
 */
import { ROUTE_KEYS, type Regio, type Route } from './case.js';
import { ACTIONS, type Action } from './phases.js';
import type { WonenKind } from './wonen-queue.js';

export interface RegioRules {
  naam: string;
  /** The seeds the rule set rests on. */
  bron: string;
  /** Entry routes a case of this regio may have (create case). */
  routes: readonly Route[];
  /** Forms of the route this regio has; another is refused (422 `formulier-niet-in-regio`). */
  forms: readonly Action[];
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
    // 003 has no gemeente letter of a vijfjarencontract (002 Bijlage 4) and no matching before one offer (001 §3).
    forms: ACTIONS.filter((a) => a !== 'brief-gemeente-verstuurd' && a !== 'matching'),
    // 003: the gemeente hears the woon-/leefvraag (zoekprofiel) but toetst nothing within a term; the omklap is decided
    // by corporatie, zorgaanbieder and client after the eindevaluatie (Fase Proefwonen).
    wonenIntakes: [],
    eenmaligAanbod: false,
    akkoordTermijn: { offset: { werkdagen: 5 }, bron: 'afspraak regio (5 werkdagen; 003 noemt geen termijn)' },
    zonderTermijn: ['003 kent geen toetstermijn voor de gemeente: de gemeente wordt geïnformeerd over de woonvraag, zonder termijn.'],
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
    zonderTermijn: ['004 geeft geen termijnen: de regio heeft (nog) geen termijnregels en de gemeente geen toetstermijn.'],
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
