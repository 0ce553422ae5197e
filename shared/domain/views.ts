/**
 * What each role sees of a case: one projection per audience and per form type, kept as data (issue "Who may see
 * and do what"; 002 WA10: the corporatie sees only what concerns wonen en goed huurderschap and never the
 * begeleidingsplan; Wonen sees what its decisions need).
 *
 * Safe by default: a form type that has no entry in FORM_VIEWS is the zorgaanbieder's only — it does not even appear
 * in the timeline of the corporatie or Wonen. A listed form shows only the listed field paths; `[]` shows that the
 * form exists (type and dates) without any of its content. And decided, not forgotten: every form of the route is in
 * FORM_VIEWS or in NOT_SHARED for each audience, or the domain does not compile (a new form's author is asked what the
 * corporatie and Wonen may see of it).
 */
import * as z from 'zod';
import { LEEFGEBIEDEN, type CaseEvent, type CaseState } from './case.js';
import { consentAllows, consentCoversPurpose, consentOf, CONSENT_EVENT, type ConsentEventType, type Deeldoel } from './consent.js';
import { AKKOORD_EVENT_TYPES, akkoordItems, type AkkoordParty, type AkkoordStatus } from './akkoord.js';
import { ACTIONS, type Action } from './phases.js';
import { ROLES, type Principal, type Role } from './roles.js';
import type { SameType } from './same-type.js';

/** Who is looking, as far as content goes. */
export type Audience = 'zorgaanbieder' | 'corporatie' | 'wonen' | 'geen';

export const ROLE_AUDIENCE: Readonly<Record<Role, Audience>> = {
  begeleider: 'zorgaanbieder',
  'onafhankelijke-derde': 'zorgaanbieder',
  organisatiebeheerder: 'zorgaanbieder',
  contactpersoon: 'corporatie',
  'medewerker-wonen': 'wonen',
  // Operations: no case content (issue "Who may see and do what").
  systeembeheerder: 'geen',
  // Issue 13: the beheerders of a corporatie and of the gemeente read no case content either (roles.ts).
  corporatiebeheerder: 'geen',
  wonenbeheerder: 'geen',
};

/** Every type a timeline entry can have: the forms of the route, the case's creation and consent changes. */
export type TimelineType = CaseEvent['type'] | ConsentEventType;

/**
 * What an audience outside the zorgaanbieder sees of one form type.
 * `fields`: dotted paths into the form's data (`huishouden.aantalKinderen`; `doelen[].status` for arrays); `[]` =
 * only that the form exists. `purpose` (corporatie): the consent purpose the content is shared for (002 WA10
 * Doelbinding); without consent for it the entry is shown without content.
 */
export interface FormProjection {
  fields: readonly string[];
  /** Which of `fields` the form's decision adds to the event data (not in its schema), e.g. `ongelijk` of a woningruil. */
  derived?: readonly string[];
  purpose?: Deeldoel;
}

/**
 * The projection table. The zorgaanbieder (begeleider, onafhankelijke derde, organisatiebeheerder) sees every form
 * in full; the systeembeheerder sees none. Forms not listed here: zorgaanbieder only (begeleidingsplan, time-out,
 * fibu-afspraken, fibu-evaluatie, toets-derde are deliberately never listed for the corporatie).
 */
const FORM_VIEW_TABLE = {
  corporatie: {
    // The corporatie's own answers on forms ingediend bij haar (issue 13, akkoord.ts): its own records.
    'akkoord-in-behandeling': { fields: ['voor', 'formulier'] },
    'akkoord-gegeven': { fields: ['voor', 'formulier', 'toelichting'] },
    'akkoord-teruggestuurd': { fields: ['voor', 'formulier', 'reden'] },
    // That a case was opened; its route and doelgroep tell the client's background (002 WA10: not shared).
    'case-aangemaakt': { fields: [] },
    // Issue: "from the aanvraag urgentie nothing but that it exists".
    'aanvraag-urgentie': { fields: [] },
    'besluit-urgentie': { fields: [] },
    // 002 WA1 / WA10 "match": the corporatie's own offer.
    woningaanbod: { purpose: 'match', fields: ['aanbodId', 'corporatieId', 'aanbodDatum', 'beschikbaarOp', 'adres', 'woning'] },
    // 002 WA3 / WA10 "start intermediaire verhuur"; 003 Proefwonen: the corporatie evaluates before the end.
    sleuteloverdracht: { purpose: 'start-verhuur', fields: ['datum', 'adres', 'corporatieContact', 'proefwonenEindOp'] },
    // 002 WA1 stap 1–3 (match): the corporatie's offer and the zorgaanbieder's answers to it — not the free-text
    // toelichting (it may carry care information), not the reason category of an afmelding.
    'reactie-aanbod': { purpose: 'match', fields: ['aanbodId', 'reactieDatum', 'reactie', 'clientGeinformeerdOp'] },
    bezichtiging: { purpose: 'match', fields: ['aanbodId', 'bezichtigdOp', 'uitkomst', 'clientAanwezig'] },
    'weigering-aanbod': { purpose: 'match', fields: ['aanbodId', 'datum', 'door', 'redenen', 'geblokkeerdTot'], derived: ['geblokkeerdTot'] },
    afmelding: { purpose: 'match', fields: ['soort', 'datum', 'verwachteTerugkeerOp'] },
    heraanmelding: { purpose: 'match', fields: ['datum'] },
    // The end of the urgentie ends the case: that it happened and when, not why.
    'intrekking-urgentie': { fields: ['datum'] },
    // 002 Bijlage 2a: the corporatie is invited to the kennismaking and the woonevaluaties.
    'afspraak-gepland': { fields: ['soort', 'datum', 'geplandOp', 'locatie'] },
    // 002 Bijlage 2b: the whole Supplement Wonen en Goed Huurderschap, which the corporatie discusses and signs.
    kennismaking: {
      purpose: 'start-verhuur',
      fields: [
        'startIntermediaireVerhuur', 'datumGesprek', 'datumWoonevaluatiegesprek', 'locatie', 'contactZorgaanbieder',
        'contactWoningcorporatie', 'goedHuurderschap', 'landenInDeWoning', 'landenInHetComplex', 'landenInDeWijk',
        'woondoelen', 'borg', 'andereAfspraken', 'vervolg', 'evaluatieFrequentieMaanden', 'handtekeningen',
      ],
    },
    // 002 Bijlage 3 / WA10 "jaarlijkse evaluatie": the whole Woonevaluatieformulier, which the corporatie discusses
    // and signs (stand van zaken of the gepersonaliseerde doelen, huurbetaling, omgeving, steunstructuur).
    woonevaluatie: {
      purpose: 'evaluatie',
      fields: [
        'startIntermediaireVerhuur', 'datumKennismakingsgesprek', 'datumGesprek', 'soort', 'locatie', 'landenInDeWoning',
        'woning', 'omgeving', 'huurbetaling', 'doelen', 'voordracht', 'omklap', 'vervolg', 'evaluatieFrequentieMaanden',
        'handtekeningen',
      ],
    },
    // 002 WA10 "voorafgaand aan het omklappen: de zorgaanbieder deelt de stand van zaken over de gepersonaliseerde
    // doelen": per leefgebied whether it is behaald and when that was evaluated — not why (behaaldOmdat) nor by whom
    // (beoordeeldDoor): for psychisch that can name a behandelaar, and "Informatie over de achtergrond van de bewoner
    // en de geleverde zorg en ondersteuning worden niet gedeeld" (002 WA10). The plaatsing <26 decides the contract
    // (002 Bijlage 4). Not the afspraken na omklap (steun, care), the client's akkoord or free text.
    'voordracht-omklap': {
      purpose: 'omklap',
      fields: [
        'datumVoordracht', 'startZelfstandigWonen', 'woonevaluatie', 'jongerDan26.plaatsing',
        ...LEEFGEBIEDEN.flatMap((l) => [`doelen.${l}.akkoord`, `doelen.${l}.datumEvaluatiemoment`]),
      ],
    },
    // 002 WA8 stap 4: Wonen's akkoord is mailed to the corporatie, which then puts the contract in the client's name;
    // the motivatie of a "terug" is for the zorgaanbieder.
    'besluit-omklap': { purpose: 'omklap', fields: ['besluit', 'besluitDatum'] },
    // The corporatie's own contracts (002 WA8 stap 4; Bijlage 4).
    'huurcontract-eigen-naam': { purpose: 'omklap', fields: ['ingangsdatum', 'vijfjarencontract', 'kenmerk', 'leeftijd', 'eindOp', 'urgentieAanvragenVanaf'], derived: ['eindOp', 'urgentieAanvragenVanaf'] },
    vijfjarencontract: { fields: ['startOp', 'soort', 'kenmerk', 'leeftijd', 'leeftijdInLaatsteJaar', 'eindOp', 'urgentieAanvragenVanaf'], derived: ['eindOp', 'urgentieAanvragenVanaf'] },
    // 002 Bijlage 4: the corporatie sends its opzegbrief half a year after the gemeente's letter; that it went, and when.
    'brief-gemeente-verstuurd': { fields: ['verstuurdOp', 'eindOp'], derived: ['eindOp'] },
    // 001 §3 Matching woning en cliënt: the match with the corporatie's own woning (002 WA10 "match").
    matching: { purpose: 'match', fields: ['datum', 'corporatieId', 'woningKenmerk'] },
    // 002 WA3: the corporatie decides along in the woonevaluatie; not the motivatie (why omklap is not yet possible).
    'duurzame-verhuur': { purpose: 'evaluatie', fields: ['datumWoonevaluatie', 'akkoordBewoner', 'herzienOp'] },
    // The end of the tenancy concerns the landlord (it may file it itself); not the free-text toelichting.
    'einde-intermediaire-verhuur': { fields: ['datum', 'reden', 'oudeInschrijvingTerug'] },
    // 002 WA10 "bij signalen over overlast": the aard of the overlast and the observed behaviour around the home.
    'overlast-melding': {
      purpose: 'overlast',
      fields: ['meldingId', 'ontvangenOp', 'melder', 'via', 'aard', 'meerdereMelders', 'ernstigIncident', 'omschrijving'],
    },
    // 002 WA10: "geeft aan dat er interventies worden gedaan (… niet over de aard van de interventie)": the protocol
    // step and its date, MZWO involvement and an ontbinding — not the oordeel (bewust/onbewust), legal advice or text.
    'overlast-actie': { purpose: 'overlast', fields: ['meldingId', 'actie', 'datum', 'mzwoBetrokken', 'ontbinding'] },
    'mzwo-escalatie': { purpose: 'overlast', fields: ['datum', 'criteria', 'meldingId', 'stadsdeel'] },
    // 002 Bijlage 6: the corporatie decides along on a ruil or verhuizing; never the medical reason, the GGD advice or
    // the onderbouwing of the zorgaanbieder or behandelaar.
    woningruil: {
      purpose: 'match',
      fields: ['datum', 'huidigeWoningM2', 'nieuweWoningM2', 'gelijksoortig', 'beidePartijenAkkoord', 'beidenPassend', 'overlastOpWoning'],
    },
    verhuizing: {
      purpose: 'match',
      fields: ['datum', 'redenen', 'corporatieKanNietOplossen', 'huidigeWoningM2', 'nieuweWoningM2', 'gelijksoortig'],
    },
    'besluit-woningruil': { purpose: 'match', fields: ['besluit', 'besluitDatum'] },
    // 002 Bijlage 5: that a Nieuwe Kans was granted; its conditions are the client's and the zorgaanbieder's.
    'nieuwe-kans': { fields: [] },
    // What the corporatie may receive and for what (it is about the corporatie).
    [CONSENT_EVENT.recorded]: { fields: ['datum', 'metWie', 'doelen'] },
    // Never: begeleidingsplan, trajectwijziging, toets-derde, time-out, fibu-afspraken, fibu-evaluatie (care).
  },
  wonen: {
    'case-aangemaakt': { fields: ['regio', 'route', 'doelgroep'] },
    // Issue: Wonen's decision on the aanvraag needs route (on the case), akkoorddocument, doelen, WoningNet and the
    // size of the household — not the wooneisen, the client's signature or the consent details.
    'aanvraag-urgentie': {
      fields: ['aanvraagDatum', 'akkoordDocument', 'doelen', 'woningnet', 'huishouden.partner', 'huishouden.aantalKinderen'],
    },
    // Wonen's own decision.
    'besluit-urgentie': { fields: ['besluit', 'besluitDatum', 'motivatie'] },
    // Wonen follows the 3-month aanbod ambition and the 1-year omklap clock: the dates (occurredOn) are enough.
    woningaanbod: { fields: [] },
    sleuteloverdracht: { fields: [] },
    // 001 §3: refusing the one offer has consequences for the urgentie (no new offer for two years).
    'weigering-aanbod': { fields: ['aanbodId', 'datum', 'door', 'redenen', 'geblokkeerdTot'], derived: ['geblokkeerdTot'] },
    // The wachtlijst is Wonen's: whether and until when the client is off it, not the reason (care information).
    afmelding: { fields: ['soort', 'datum', 'verwachteTerugkeerOp'] },
    heraanmelding: { fields: ['datum'] },
    // 001 §3 noot 1: Wonen withdraws the urgentie when the perspectief becomes 24-uurs zorg or groepswonen; not why.
    trajectwijziging: { fields: ['datum', 'perspectief', 'veldtafelAkkoordOp', 'urgentieIntrekken'], derived: ['urgentieIntrekken'] },
    // 002 WA8 stap 4; 001 §4: Wonen toetst whether the doelen are behaald — doelen, behaald, the akkoorden (corporatie
    // at the woonevaluatie, client) and the dates; WoningNet to find the person; the plaatsing <26 (002 Bijlage 4).
    // Not the afspraken na omklap (steun), not the toelichting, not the client's initialen.
    'voordracht-omklap': {
      fields: [
        'datumVoordracht', 'startZelfstandigWonen', 'woningnet', 'woonevaluatie', 'jongerDan26.plaatsing', 'doelen', 'akkoordClient.akkoord',
        'akkoordClient.datum', 'versie',
      ],
      derived: ['versie'],
    },
    // 002 WA8 stap 3: the onafhankelijke derde's verdict sent the voordracht to Wonen — the verdict and its date only.
    'toets-derde': { fields: ['datum', 'akkoord', 'voordrachtVersie'], derived: ['voordrachtVersie'] },
    // Wonen's own decisions.
    'besluit-omklap': { fields: ['besluit', 'besluitDatum', 'kenmerk', 'motivatie'] },
    'besluit-woningruil': { fields: ['besluit', 'besluitDatum', 'kenmerk', 'motivatie'] },
    // 002 Bijlage 6: Wonen toetst an ongelijke ruil and a verhuizing naar groter: the homes, the agreements, the
    // reasons (a medical reason as yes/no with the GGD advice present, never the condition) and the onderbouwing.
    woningruil: {
      fields: [
        'datum', 'huidigeWoningM2', 'nieuweWoningM2', 'gelijksoortig', 'beidePartijenAkkoord', 'beidenPassend',
        'onafhankelijkeDerdeGetoetstOp', 'overlastOpWoning', 'motivatie', 'ongelijk',
      ],
      derived: ['ongelijk'],
    },
    verhuizing: {
      fields: [
        'datum', 'redenen', 'medischeReden', 'ggdAdviesAanwezig', 'corporatieKanNietOplossen', 'huidigeWoningM2', 'nieuweWoningM2',
        'gelijksoortig', 'onafhankelijkeDerdeGetoetstOp', 'onderbouwing', 'naarGroter', 'wonenAkkoordNodig',
      ],
      derived: ['naarGroter', 'wonenAkkoordNodig'],
    },
    // 002 WA3: Wonen registers the end of intermediaire verhuur (and the WoningNet inschrijfduur, 002 WA1 NB).
    'einde-intermediaire-verhuur': { fields: ['datum', 'reden', 'oudeInschrijvingTerug'] },
    // 002 Bijlage 4: the gemeente writes at 4 years of a vijfjarencontract.
    'huurcontract-eigen-naam': { fields: ['ingangsdatum', 'vijfjarencontract', 'eindOp', 'urgentieAanvragenVanaf'], derived: ['eindOp', 'urgentieAanvragenVanaf'] },
    vijfjarencontract: { fields: ['startOp', 'soort', 'eindOp', 'urgentieAanvragenVanaf'], derived: ['eindOp', 'urgentieAanvragenVanaf'] },
    // Wonen's own record of its letter (002 Bijlage 4, Brief gemeente).
    'brief-gemeente-verstuurd': { fields: ['verstuurdOp', 'kenmerk', 'eindOp'], derived: ['eindOp'] },
    // That the client was matched (the aanbod itself Wonen sees as existing only, like the woningaanbod).
    matching: { fields: [] },
    // Mail to the woonzaken mailbox attached to the case (shared/app/wonen/inbound.ts): Wonen's own mail, metadata only.
    'mail-ontvangen': { fields: ['mailId', 'from', 'subject', 'receivedAt', 'attachments', 'gekoppeldDoor'] },
    // Wonen's own decision.
    'intrekking-urgentie': { fields: ['datum', 'reden', 'motivatie', 'kenmerk'] },
  },
} as const satisfies Record<'corporatie' | 'wonen', Partial<Record<TimelineType, FormProjection>>>;

export const FORM_VIEWS: Readonly<Record<'corporatie' | 'wonen', Readonly<Partial<Record<TimelineType, FormProjection>>>>> = FORM_VIEW_TABLE;

/**
 * The forms an audience never sees, not even that they exist: the other half of the decision FORM_VIEWS records.
 * Corporatie: 002 WA10 "Informatie over de achtergrond van de bewoner en de geleverde zorg en ondersteuning worden
 * niet gedeeld" (the begeleidingsplan, the derde's toets, time-out and the financial agreements are care). Wonen:
 * what its decisions do not need — the match and tenancy steps between zorgaanbieder and corporatie, the care
 * agreements, the overlast protocol (the corporatie's and zorgaanbieder's; Wonen hears of it through a trajectwijziging
 * or an intrekking) and the Nieuwe Kans (002 Bijlage 5, a zorgaanbieder's decision).
 */
export const NOT_SHARED = {
  corporatie: ['trajectwijziging', 'begeleidingsplan', 'toets-derde', 'time-out', 'fibu-afspraken', 'fibu-evaluatie'],
  wonen: [
    'reactie-aanbod', 'bezichtiging', 'afspraak-gepland', 'kennismaking', 'begeleidingsplan', 'woonevaluatie', 'duurzame-verhuur',
    'overlast-melding', 'overlast-actie', 'mzwo-escalatie', 'nieuwe-kans', 'time-out', 'fibu-afspraken', 'fibu-evaluatie',
  ],
} as const satisfies Record<'corporatie' | 'wonen', readonly Action[]>;

/** The forms of the route an audience's projection has not decided on: must be none (the check below). */
type Undecided<A extends 'corporatie' | 'wonen'> = Exclude<Action, keyof (typeof FORM_VIEW_TABLE)[A] | (typeof NOT_SHARED)[A][number]>;
// A compile error here names the form: give it an entry in FORM_VIEW_TABLE (what the audience sees) or in NOT_SHARED.
const everyFormDecided: { corporatie: Record<Undecided<'corporatie'>, never>; wonen: Record<Undecided<'wonen'>, never> } = { corporatie: {}, wonen: {} };
void everyFormDecided;

/** Top-level case fields per audience (route and doelgroep tell the client's background: not for the corporatie). */
export const CASE_FIELDS: Readonly<Record<Audience, readonly (keyof CaseView)[]>> = {
  zorgaanbieder: [
    'caseId', 'reference', 'regio', 'route', 'doelgroep', 'phase', 'version', 'zorgaanbiederId', 'teamId', 'corporatieId',
    'clientPseudonym', 'toestemming', 'createdAt', 'updatedAt',
  ],
  corporatie: ['caseId', 'reference', 'regio', 'phase', 'version', 'zorgaanbiederId', 'corporatieId', 'createdAt', 'updatedAt'],
  wonen: ['caseId', 'reference', 'regio', 'route', 'doelgroep', 'phase', 'version', 'zorgaanbiederId', 'corporatieId', 'createdAt', 'updatedAt'],
  geen: ['caseId'],
};

/** The projection for a role and form type: 'all', a projection, or undefined (the entry is not shown at all). */
export function projectionFor(role: Role, type: TimelineType): 'all' | FormProjection | undefined {
  const audience = ROLE_AUDIENCE[role];
  if (audience === 'zorgaanbieder') return 'all';
  if (audience === 'geen') return undefined;
  return FORM_VIEWS[audience][type];
}

/** Copies only the listed paths of `data`. Paths that do not occur are skipped; values are copied, never shared. */
export function project(data: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of paths) pick(data, path.split('.'), out);
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pick(source: Record<string, unknown>, segments: string[], target: Record<string, unknown>): void {
  const [segment, ...rest] = segments;
  if (segment === undefined) return;
  const many = segment.endsWith('[]');
  const key = many ? segment.slice(0, -2) : segment;
  if (!Object.hasOwn(source, key)) return;
  const value = source[key];
  if (rest.length === 0) {
    target[key] = structuredClone(value);
    return;
  }
  if (many && Array.isArray(value)) {
    const existing = Array.isArray(target[key]) ? (target[key] as Record<string, unknown>[]) : value.map(() => ({}));
    value.forEach((element, i) => {
      if (isRecord(element)) pick(element, rest, existing[i]!);
    });
    target[key] = existing;
  } else if (!many && isRecord(value)) {
    const existing = isRecord(target[key]) ? (target[key] as Record<string, unknown>) : {};
    pick(value, rest, existing);
    target[key] = existing;
  }
}

export interface TimelineEntry {
  seq: number;
  type: TimelineType;
  occurredOn: string;
  recordedAt: string;
  recordedBy: { organisationId: string; role: Role };
  supersedes?: number;
  /** Absent when the caller's role may not read this form's content; otherwise only the fields it may read. */
  data?: Record<string, unknown>;
  /** A form ingediend bij the corporatie for its akkoord: where it stands (akkoord.ts). */
  akkoord?: { van: AkkoordParty; status: AkkoordStatus };
}

/** A form that waits (or waited) for the corporatie's akkoord, as the zorgaanbieder and the corporatie see it. */
export interface AkkoordView {
  seq: number;
  action: Action;
  wat: string;
  status: AkkoordStatus;
  submittedAt: string;
  /** The form the corporatie judges when it is not the submission itself (the voordracht a derde toetst). */
  betreft?: number;
  opnieuwIngediendNa?: number;
  vervangenDoor?: number;
  inBehandelingBij?: { userId: string; since: string };
  besluit?: { at: string; organisationId: string; reden?: string };
}

export interface CaseView {
  caseId: string;
  reference?: string;
  regio?: string;
  route?: string;
  doelgroep?: string;
  phase?: string;
  version?: number;
  zorgaanbiederId?: string;
  teamId?: string;
  corporatieId?: string;
  clientPseudonym?: string;
  /** The client's consent to share (zorgaanbieder only). */
  toestemming?: { gegeven: boolean; sinds: string; doelen: string[]; metWie: string[] };
  createdAt?: string;
  updatedAt?: string;
  timeline?: TimelineEntry[];
  /** The forms the caller may submit now (role × phase): what the werkplek offers on the dossier page. */
  actions?: Action[];
  /** Forms ingediend bij the corporatie (zorgaanbieder and corporatie only), oldest first. */
  akkoorden?: AkkoordView[];
}

// ---------------------------------------------------------------------------------------------------------------------
// Response schemas (issue 14 point 13): what GET /cases/{id} and every change of a case answer, in the OpenAPI document
// (shared/http/responses.ts). Checked against the types above at compile time, so the document cannot drift.

const instant = z.string().describe('ISO instant');
const date = z.iso.date();

export const TIMELINE_TYPES = [...ACTIONS, 'case-aangemaakt', 'mail-ontvangen', CONSENT_EVENT.recorded, CONSENT_EVENT.withdrawn, ...AKKOORD_EVENT_TYPES] as const;
const AKKOORD_STATUSES = ['ingediend', 'in_behandeling', 'akkoord', 'teruggestuurd', 'vervangen'] as const satisfies readonly AkkoordStatus[];

export const timelineEntrySchema = z.object({
  seq: z.number().int().min(1),
  type: z.enum(TIMELINE_TYPES),
  occurredOn: date.describe('The date the form says it happened (what the user entered)'),
  recordedAt: instant,
  recordedBy: z.object({ organisationId: z.string(), role: z.enum(ROLES) }),
  supersedes: z.number().int().min(1).optional().describe('The seq of the version this correction replaces'),
  data: z.record(z.string(), z.unknown()).optional().describe("The form's content as far as the caller's role may read it; absent when it may read none"),
  akkoord: z.object({ van: z.literal('woningcorporatie' satisfies AkkoordParty), status: z.enum(AKKOORD_STATUSES) }).optional(),
});

export const akkoordViewSchema = z.object({
  seq: z.number().int().min(1),
  action: z.enum(ACTIONS),
  wat: z.string(),
  status: z.enum(AKKOORD_STATUSES),
  submittedAt: instant,
  betreft: z.number().int().min(1).optional(),
  opnieuwIngediendNa: z.number().int().min(1).optional(),
  vervangenDoor: z.number().int().min(1).optional(),
  inBehandelingBij: z.object({ userId: z.string(), since: instant }).optional(),
  besluit: z.object({ at: instant, organisationId: z.string(), reden: z.string().optional() }).optional(),
});

export const caseViewSchema = z.object({
  caseId: z.string(),
  reference: z.string().optional(),
  regio: z.string().optional(),
  route: z.string().optional(),
  doelgroep: z.string().optional(),
  phase: z.string().optional(),
  version: z.number().int().min(1).optional().describe('Also the ETag'),
  zorgaanbiederId: z.string().optional(),
  teamId: z.string().optional(),
  corporatieId: z.string().optional(),
  clientPseudonym: z.string().optional(),
  toestemming: z.object({ gegeven: z.boolean(), sinds: z.string(), doelen: z.array(z.string()), metWie: z.array(z.string()) }).optional(),
  createdAt: instant.optional(),
  updatedAt: instant.optional(),
  timeline: z.array(timelineEntrySchema).optional(),
  actions: z.array(z.enum(ACTIONS)).optional().describe('The forms the caller may submit now'),
  akkoorden: z.array(akkoordViewSchema).optional(),
});

/** What a change of a case answers (201): the case as the caller sees it after the change, and the event it recorded. */
export const caseChangedSchema = caseViewSchema.extend({
  event: z.object({
    seq: z.number().int().min(1),
    type: z.enum(TIMELINE_TYPES),
    occurredOn: date,
    ingediendBij: z.literal('woningcorporatie' satisfies AkkoordParty).optional().describe("Waits for this party's akkoord"),
  }),
});

const _timelineTypes: SameType<(typeof TIMELINE_TYPES)[number], TimelineType> = true;
const _timelineEntry: SameType<z.infer<typeof timelineEntrySchema>, TimelineEntry> = true;
const _akkoordView: SameType<z.infer<typeof akkoordViewSchema>, AkkoordView> = true;
const _caseView: SameType<z.infer<typeof caseViewSchema>, CaseView> = true;
void [_timelineTypes, _timelineEntry, _akkoordView, _caseView];

/**
 * Wonen's own records (its decisions, the mail to its mailbox, the case's creation): not shared by the zorgaanbieder,
 * so not bound to the client's consent.
 */
export const WONEN_OWN: ReadonlySet<TimelineType> = new Set<TimelineType>([
  'case-aangemaakt', 'besluit-urgentie', 'besluit-omklap', 'besluit-woningruil', 'intrekking-urgentie', 'mail-ontvangen',
]);

/**
 * Whether the content of a form may be shared with an audience outside the zorgaanbieder (002 WA10 "Toestemming en
 * doel": "welke informatie kan worden gedeeld en met wie"): the corporatie per purpose of the consent; Wonen when the
 * consent names the gemeente (directie Wonen), except for Wonen's own records.
 */
export function mayShareContent(audience: Audience, state: Pick<CaseState, 'facts'>, type: TimelineType, projection: FormProjection): boolean {
  if (audience === 'corporatie') return !projection.purpose || consentCoversPurpose(state, projection.purpose);
  if (audience === 'wonen') return WONEN_OWN.has(type) || consentAllows(state, 'gemeente-wonen');
  return true;
}

/** One timeline entry as `role` may see it, or undefined when the entry is not shown at all. */
export function timelineEntry(principal: Principal, state: CaseState, event: CaseEvent, history: readonly CaseEvent[] = [event]): TimelineEntry | undefined {
  const projection = projectionFor(principal.role, event.type);
  if (projection === undefined) return undefined;
  let data: Record<string, unknown> | undefined;
  if (projection === 'all') data = event.data;
  else if (projection.fields.length > 0 && mayShareContent(ROLE_AUDIENCE[principal.role], state, event.type, projection)) {
    data = project(event.data ?? {}, projection.fields);
  }
  return {
    seq: event.seq,
    type: event.type,
    occurredOn: event.occurredOn,
    recordedAt: event.recordedAt,
    recordedBy: { organisationId: event.actor.organisationId, role: event.actor.role },
    ...(event.supersedes ? { supersedes: event.supersedes } : {}),
    ...(data !== undefined ? { data } : {}),
    ...(event.akkoordVan ? { akkoord: { van: event.akkoordVan, status: akkoordItems([event, ...answersTo(history, event.seq)]).at(0)!.status } } : {}),
  };
}

function answersTo(history: readonly CaseEvent[], seq: number): CaseEvent[] {
  return history.filter((e) => e.data?.voor === seq || e.supersedes === seq);
}

/** The akkoord items as `principal` sees them: the zorgaanbieder and the corporatie of the case; nobody else. */
function akkoordViews(principal: Principal, history: readonly CaseEvent[]): AkkoordView[] | undefined {
  const audience = ROLE_AUDIENCE[principal.role];
  if (audience !== 'zorgaanbieder' && audience !== 'corporatie') return undefined;
  return akkoordItems(history).map((item) => {
    // The corporatie agrees to the voordracht as the derde toetst it: it reads the voordracht, not the derde's toets.
    const betreft = item.action === 'toets-derde' ? [...history].reverse().find((e) => e.type === 'voordracht-omklap' && e.seq < item.seq)?.seq : undefined;
    return {
      seq: item.seq,
      action: item.action,
      wat: item.wat,
      status: item.status,
      submittedAt: item.submittedAt,
      ...(betreft !== undefined ? { betreft } : {}),
      ...(item.opnieuwIngediendNa !== undefined ? { opnieuwIngediendNa: item.opnieuwIngediendNa } : {}),
      ...(item.vervangenDoor !== undefined ? { vervangenDoor: item.vervangenDoor } : {}),
      ...(item.inBehandelingBij ? { inBehandelingBij: item.inBehandelingBij } : {}),
      ...(item.besluit ? { besluit: { at: item.besluit.at, organisationId: item.besluit.by.organisationId, ...(item.besluit.reden ? { reden: item.besluit.reden } : {}) } } : {}),
    };
  });
}

/** The case as `principal` may see it; with `history`, its timeline projected per form. */
export function caseView(principal: Principal, state: CaseState, history?: CaseEvent[]): CaseView {
  const audience = ROLE_AUDIENCE[principal.role];
  const consent = consentOf(state);
  const full: CaseView = {
    caseId: state.caseId,
    reference: state.reference,
    regio: state.regio,
    route: state.route,
    doelgroep: state.doelgroep,
    phase: state.phase,
    version: state.version,
    zorgaanbiederId: state.zorgaanbiederId,
    ...(state.teamId ? { teamId: state.teamId } : {}),
    ...(state.corporatieId ? { corporatieId: state.corporatieId } : {}),
    clientPseudonym: state.clientPseudonym,
    ...(consent ? { toestemming: { gegeven: consent.gegeven, sinds: consent.sinds, doelen: [...consent.doelen], metWie: [...(consent.metWie ?? [])] } } : {}),
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
  };
  const view: CaseView = { caseId: state.caseId };
  for (const field of CASE_FIELDS[audience]) {
    if (full[field] !== undefined) (view as unknown as Record<string, unknown>)[field] = full[field];
  }
  if (history) {
    view.timeline = history.flatMap((event) => timelineEntry(principal, state, event, history) ?? []);
    const akkoorden = akkoordViews(principal, history);
    if (akkoorden?.length) view.akkoorden = akkoorden;
  }
  return view;
}
