/**
 * Valid sample bodies for every form of the route, and a tiny in-memory way to apply them to a case.
 *
 * For other tests (integration, end-to-end): `validInput(action, overrides?, today?)` returns a body the API accepts,
 * with dates on ONE coherent timeline relative to `today` (see `walkDates`): posting the bodies of a path in order on
 * the same `today` gives a valid case — the sleuteloverdracht lies more than a year back, so the voordracht is allowed;
 * the kennismaking refers to that sleuteloverdracht; the voordracht names the woonevaluatie's date; and so on.
 * `stepsBefore(action)` lists the forms (with overrides) that bring a fresh case to where `action` is valid, and
 * `caseOverridesFor(action)` the case fields it needs (nieuwe-kans: route NIEUWE_KANS).
 *
 * Overrides merge deeply into plain objects; arrays are replaced; `undefined` removes a key (to test a missing field).
 */
import { addDays, amsterdamInstant } from '../../shared/domain/calendar.js';
import type { CaseEvent, CaseState } from '../../shared/domain/case.js';
import { Forbidden } from '../../shared/domain/errors.js';
import { decideAkkoord, decideChange } from '../../shared/domain/forms/change.js';
import { FORMS } from '../../shared/domain/forms/index.js';
import type { FormDecision } from '../../shared/domain/forms/types.js';
import type { Action } from '../../shared/domain/phases.js';
import { assertAllowedIn } from '../../shared/domain/regio.js';
import { actorOf, ACTION_ROLES, mayTake, type Principal, type Role } from '../../shared/domain/roles.js';
import { parseWith } from '../../shared/http/request.js';

export type Body = Record<string, unknown>;
export type Overrides = Record<string, unknown>;

/** A Monday, no holiday near it: the default "today" of the unit tests. */
export const FIXTURE_TODAY = '2027-06-14';

/** The dates of the sample case, relative to `today` (all in the past or today). */
export function walkDates(today: string = FIXTURE_TODAY) {
  const d = (n: number) => addDays(today, n);
  return {
    today,
    nieuweKansGrootOverleg: d(-600),
    nieuweKansBrief: d(-595),
    akkoordDocument: d(-580),
    aanvraag: d(-570),
    besluitUrgentie: d(-565),
    matching: d(-510),
    aanbod: d(-500),
    reactie: d(-499),
    clientGeinformeerd: d(-498),
    beschikbaar: d(-495),
    bezichtiging: d(-495),
    weigering: d(-494),
    sleuteloverdracht: d(-490),
    afspraakGeplandOp: d(-485),
    kennismaking: d(-460),
    begeleidingsplan: d(-455), // within six weeks of the sleuteloverdracht (002 WA2)
    fibuAfspraken: d(-300),
    eersteWoonevaluatieGepland: d(-100),
    fibuEvaluatie: d(-120),
    woonevaluatie: d(-100),
    voordracht: d(-60),
    toetsDerde: d(-55),
    besluitOmklap: d(-50),
    overlastMelding: d(-30),
    overlastActie: d(-29),
    mzwo: d(-20),
    timeOutStart: d(-14),
    contractEigenNaam: d(-10),
    woningruilDerde: d(-9),
    woningruil: d(-7),
    timeOutEinde: d(-7),
    trajectwijziging: d(-5),
    afmelding: d(-3),
    besluitWoningruil: d(-2),
    heraanmelding: d(-1),
    intrekking: d(-1),
    einde: d(-1),
  };
}

const ADRES = { straat: 'Voorbeeldstraat', huisnummer: '12 B', postcode: '1012 AB', plaats: 'Amsterdam' };

function woondoelen(behaald: boolean) {
  return {
    dagbesteding: { doel: 'Drie dagen per week vrijwilligerswerk in de buurt', standVanZaken: behaald ? 'Loopt al een jaar stabiel' : 'Gestart', behaald },
    financieel: { doel: 'Huur automatisch en op tijd betalen', standVanZaken: behaald ? 'Geen achterstand sinds de start' : 'Automatische incasso geregeld', behaald },
  };
}

function omklapDoel(datum: string, doel: string) {
  return { doel, behaaldOmdat: 'Stabiel gedurende het afgelopen jaar, bevestigd door betrokkenen', beoordeeldDoor: 'B. Begeleider, persoonlijk begeleider', akkoord: true, datumEvaluatiemoment: datum };
}

type Dates = ReturnType<typeof walkDates>;

/** The sample bodies, by action. */
const SAMPLES: Record<Action, (t: Dates) => Body> = {
  'aanvraag-urgentie': (t) => ({
    aanvraagDatum: t.aanvraag,
    trajecthouder: 'A. Trajecthouder',
    woningnet: { nummer: 'WN123456', geldigTot: addDays(t.today, 365) },
    akkoordDocument: { soort: 'akkoordbrief veldtafel', datum: t.akkoordDocument },
    jongerDan26: { plaatsing: 'niet-van-toepassing' },
    huishouden: { partner: false, aantalKinderen: 0 },
    doelen: {
      dagbesteding: 'Drie dagen per week vrijwilligerswerk',
      sociaal: 'Wekelijks contact met familie',
      psychisch: 'Afspraken met de behandelaar nakomen',
      financieel: 'Huur automatisch betalen, schuldregeling loopt',
    },
    toestemmingDelen: {
      gegeven: true,
      datum: t.aanvraag,
      doelen: ['match', 'start-verhuur', 'overlast', 'evaluatie', 'omklap'],
      metWie: ['woningcorporatie', 'gemeente-wonen'],
      vastgelegdDoor: 'B. Begeleider',
    },
    akkoordClient: { akkoord: true, naam: 'J.D.', datum: t.aanvraag },
  }),
  'besluit-urgentie': (t) => ({ besluit: 'akkoord', besluitDatum: t.besluitUrgentie, kenmerk: 'WZ-2025-0042' }),
  afmelding: (t) => ({ soort: 'tijdelijk', reden: 'tijdelijk-uit-beeld', datum: t.afmelding }),
  heraanmelding: (t) => ({ datum: t.heraanmelding }),
  trajectwijziging: (t) => ({ datum: t.trajectwijziging, perspectief: 'zelfstandig' }),
  'intrekking-urgentie': (t) => ({ datum: t.intrekking, reden: 'voorwaarden-niet-nagekomen', motivatie: 'De voorwaarden van de urgentie zijn niet nagekomen.' }),
  woningaanbod: (t) => ({
    aanbodId: 'YM-2025-001',
    corporatieId: 'corp-ymere',
    aanbodDatum: t.aanbod,
    beschikbaarOp: t.beschikbaar,
    adres: ADRES,
    woning: { verdieping: 2, lift: false, kamers: 2, oppervlakteM2: 45 },
  }),
  'reactie-aanbod': (t) => ({ aanbodId: 'YM-2025-001', reactieDatum: t.reactie, reactie: 'bezichtiging-gewenst', clientGeinformeerdOp: t.clientGeinformeerd }),
  bezichtiging: (t) => ({ aanbodId: 'YM-2025-001', bezichtigdOp: t.bezichtiging, uitkomst: 'accepteren', clientAanwezig: true }),
  'weigering-aanbod': (t) => ({ aanbodId: 'YM-2025-001', datum: t.weigering, door: 'zorgaanbieder', redenen: ['verdieping-of-lift'] }),
  sleuteloverdracht: (t) => ({
    datum: t.sleuteloverdracht,
    adres: ADRES,
    corporatieContact: { naam: 'C. Contact', email: 'contact@ymere.example' },
    clientGeinformeerdOp: t.clientGeinformeerd,
  }),
  'afspraak-gepland': (t) => ({ soort: 'kennismaking', datum: t.kennismaking, geplandOp: t.afspraakGeplandOp, locatie: 'woning' }),
  kennismaking: (t) => ({
    startIntermediaireVerhuur: t.sleuteloverdracht,
    datumGesprek: t.kennismaking,
    datumWoonevaluatiegesprek: t.eersteWoonevaluatieGepland,
    locatie: 'woning',
    contactZorgaanbieder: { naam: 'B. Begeleider', email: 'begeleider@zorg.example' },
    contactWoningcorporatie: { naam: 'C. Contact', telefoon: '020 123 4567' },
    goedHuurderschap: { verklaard: true, initialenBewoner: 'J.D.' },
    landenInDeWoning: { ervaringWonen: 'Fijn, rustig', goedMinderGoed: 'Inrichting gaat goed; het ritme moet nog wennen' },
    landenInHetComplex: {
      kennisgemaaktMetBuren: false,
      kennismakenMetBuren: 'Ja, met een kaartje bij de benedenburen',
      goedeBuur: 'Groeten, geen lawaai na tienen',
      huisregels: 'Fietsen in de berging, portiek vrij',
      afval: 'Container op de hoek, grofvuil op afspraak',
      technischeKlachten: 'Via de website van de corporatie',
      overlastMelden: 'Bij de corporatie of het meldpunt van de zorgaanbieder',
      overlastVoorkomen: 'Ondervloer gelegd, muziek zacht',
      signalenOverlast: 'Volgens het overlastprotocol via het meldpunt',
    },
    landenInDeWijk: {
      ervaringWijk: 'Prettig, dicht bij familie',
      voorzieningenWaar: 'Huis van de Wijk om de hoek',
      voorzieningenBehoefte: 'Een inloopspreekuur',
      voorzieningenAnders: 'Buurtteam voor vragen over geld',
    },
    woondoelen: { doelen: woondoelen(false), werkenAan: 'Contact met de buren', ondersteuning: 'Begeleider gaat mee naar het Huis van de Wijk' },
    borg: { moetBetalen: true, bedragEuro: 450 },
    vervolg: { volgendGesprek: 'Over een jaar, in de woning' },
    handtekeningen: {
      bewoner: { akkoord: true, initialen: 'J.D.', datum: t.kennismaking },
    },
  }),
  begeleidingsplan: (t) => ({
    vastgesteldOp: t.begeleidingsplan,
    doelen: {
      dagbesteding: { doel: 'Vrijwilligerswerk drie dagen per week', beoogdResultaat: 'Vast rooster' },
      sociaal: { doel: 'Wekelijks contact met familie', beoogdResultaat: 'Eigen netwerk van drie mensen' },
      psychisch: { doel: 'Afspraken met de behandelaar nakomen', beoogdResultaat: 'Geen gemiste afspraken' },
      financieel: { doel: 'Huur op tijd', beoogdResultaat: 'Geen achterstanden' },
    },
    afspraken: { veiligheid: 'Geen bijzondere risico’s', goedHuurderschap: 'Woning schoon, geen overlast', terugval: 'Bij slecht slapen belt de bewoner de begeleider' },
    akkoordClient: { akkoord: true, initialen: 'J.D.', datum: t.begeleidingsplan },
  }),
  woonevaluatie: (t) => ({
    startIntermediaireVerhuur: t.sleuteloverdracht,
    datumKennismakingsgesprek: t.kennismaking,
    datumGesprek: t.woonevaluatie,
    soort: 'periodiek',
    locatie: 'woning',
    landenInDeWoning: { ervaringWonen: 'Thuis', goedMinderGoed: 'Alles gaat goed' },
    woning: { woning: 'Schoon en opgeruimd', balkonTuin: 'Netjes', portiek: 'Vrij' },
    omgeving: {
      contactMetBuren: { heeftContact: true, verloop: 'Goed, af en toe koffie' },
      overlast: { ervaartOverlast: false, overlastVanOmwonendenGemeld: false },
      netwerk: { heeftNetwerk: true, hoeGaatDat: 'Familie en buurthuis', behoefteMeerContacten: 'Nee' },
    },
    huurbetaling: { opTijd: true },
    doelen: woondoelen(true),
    voordracht: true,
    omklap: { alleDoelenBehaald: true, steunstructuur: 'Familie, buurtteam en het Huis van de Wijk' },
    handtekeningen: {
      bewoner: { akkoord: true, initialen: 'J.D.', datum: t.woonevaluatie },
    },
  }),
  'voordracht-omklap': (t) => ({
    datumVoordracht: t.voordracht,
    persoonlijkBegeleider: 'B. Begeleider',
    startZelfstandigWonen: t.sleuteloverdracht,
    woningnet: { nummer: 'WN123456', geldigTot: addDays(t.today, 365) },
    woonevaluatie: { datumEvaluatiemoment: t.woonevaluatie },
    jongerDan26: { plaatsing: 'niet-van-toepassing' },
    doelen: {
      dagbesteding: omklapDoel(t.woonevaluatie, 'Vrijwilligerswerk drie dagen per week'),
      sociaal: omklapDoel(t.woonevaluatie, 'Wekelijks contact met familie'),
      psychisch: omklapDoel(t.woonevaluatie, 'Afspraken met de behandelaar nakomen'),
      financieel: omklapDoel(t.woonevaluatie, 'Huur automatisch betalen'),
    },
    afsprakenNaOmklap: { volgendeStappen: 'Lichte nazorg drie maanden; buurtteam als vast aanspreekpunt', beoordeeldDoor: 'B. Begeleider' },
    akkoordClient: { akkoord: true, initialen: 'J.D.', datum: t.voordracht },
  }),
  'toets-derde': (t) => ({ datum: t.toetsDerde, akkoord: true, naamAfdeling: 'O. Derde, kwaliteit' }),
  'besluit-omklap': (t) => ({ besluit: 'akkoord', besluitDatum: t.besluitOmklap, kenmerk: 'WZ-OMK-0007' }),
  'huurcontract-eigen-naam': (t) => ({ ingangsdatum: t.contractEigenNaam, vijfjarencontract: false }),
  'einde-intermediaire-verhuur': (t) => ({ datum: t.einde, reden: 'zorg-gestopt', oudeInschrijvingTerug: true }),
  'duurzame-verhuur': (t) => ({ datumWoonevaluatie: t.woonevaluatie, motivatie: 'Omklappen is op korte termijn geen mogelijkheid', akkoordBewoner: true }),
  'overlast-melding': (t) => ({ meldingId: 'MELD-001', ontvangenOp: t.overlastMelding, melder: 'buren', via: 'corporatie', aard: ['geluid'] }),
  'overlast-actie': (t) => ({ meldingId: 'MELD-001', actie: 1, datum: t.overlastActie, corporatieGeinformeerd: true }),
  'mzwo-escalatie': (t) => ({ datum: t.mzwo, criteria: ['meerdere-buren'] }),
  woningruil: (t) => ({
    datum: t.woningruil,
    huidigeWoningM2: 45,
    nieuweWoningM2: 65,
    gelijksoortig: false,
    beidePartijenAkkoord: true,
    beidenPassend: true,
    onafhankelijkeDerdeGetoetstOp: t.woningruilDerde,
    overlastOpWoning: false,
    motivatie: 'De woning ligt ver van de school van de kinderen; ruil met een gezin dat kleiner wil wonen',
  }),
  verhuizing: (t) => ({
    datum: t.woningruil,
    redenen: ['woonsituatie-belemmert-traject'],
    medischeReden: false,
    huidigeWoningM2: 45,
    nieuweWoningM2: 45,
    gelijksoortig: true,
    onafhankelijkeDerdeGetoetstOp: t.woningruilDerde,
    onderbouwing: 'De buurt belemmert het herstel ernstig; onderbouwing van de begeleider',
  }),
  'besluit-woningruil': (t) => ({ besluit: 'akkoord', besluitDatum: t.besluitWoningruil }),
  'nieuwe-kans': (t) => ({
    briefDatum: t.nieuweKansBrief,
    grootOverleg: { datum: t.nieuweKansGrootOverleg, akkoord: true },
    bereidheid: { zorgAccepteren: true, contractOpNaamZorgaanbieder: true },
    woning: 'verhuizing',
    verhuizenUiterlijk: addDays(t.nieuweKansBrief, 90),
  }),
  'time-out': (t) => ({ fase: 'start', datum: t.timeOutStart, plek: 'eigen-aanbieder' }),
  'fibu-afspraken': (t) => ({ datum: t.fibuAfspraken, afspraken: 'Budgetbeheer: vaste lasten via het Fibu-team', budgetbeheer: true, bewonerIsEraanToe: true }),
  'fibu-evaluatie': (t) => ({ datum: t.fibuEvaluatie, fase: 'overzicht-en-rust', voortgang: 'Overzicht is er, geen nieuwe schulden', voortzetten: true }),
  vijfjarencontract: (t) => ({ startOp: t.contractEigenNaam, soort: 'eerste' }),
  'brief-gemeente-verstuurd': (t) => ({ verstuurdOp: t.today, kenmerk: 'WZ-5JC-0001' }),
  matching: (t) => ({ datum: t.matching, corporatieId: 'corp-ymere' }),
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge: plain objects merge, anything else replaces, `undefined` removes the key. */
export function merge(base: Body, overrides: Overrides): Body {
  const out: Body = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete out[key];
    else if (isPlainObject(value) && isPlainObject(out[key])) out[key] = merge(out[key] as Body, value);
    else out[key] = value;
  }
  return out;
}

/** A valid body for `action` on the sample timeline of `today`, with `overrides` merged in. */
export function validInput(action: Action, overrides: Overrides = {}, today: string = FIXTURE_TODAY): Body {
  return merge(structuredClone(SAMPLES[action](walkDates(today))), overrides);
}

/** The time-out's second record (fase einde), for convenience. */
export function timeOutEinde(overrides: Overrides = {}, today: string = FIXTURE_TODAY): Body {
  return merge({ fase: 'einde', datum: walkDates(today).timeOutEinde, terugNaarWoning: true }, overrides);
}

export interface Step {
  action: Action;
  overrides?: Overrides;
}

/** A contract op eigen naam that is a vijfjarencontract, with the ages 002 Bijlage 4 asks (23 at placement, 25 now). */
export const VIJFJARENCONTRACT_OP_EIGEN_NAAM: Overrides = { vijfjarencontract: true, leeftijd: { bijPlaatsing: 23, bijOmklap: 25 } };

const step = (action: Action, overrides?: Overrides): Step => (overrides ? { action, overrides } : { action });
const TOT_WACHTLIJST: Step[] = [step('aanvraag-urgentie'), step('besluit-urgentie')];
const TOT_AANBOD: Step[] = [...TOT_WACHTLIJST, step('woningaanbod')];
const TOT_HERSTELFASE: Step[] = [...TOT_AANBOD, step('sleuteloverdracht')];
const NA_KENNISMAKING: Step[] = [...TOT_HERSTELFASE, step('kennismaking')];
const NA_WOONEVALUATIE: Step[] = [...NA_KENNISMAKING, step('woonevaluatie')];
const TOT_VOORDRACHT: Step[] = [...NA_WOONEVALUATIE, step('voordracht-omklap')];
const TOT_TOETS_WONEN: Step[] = [...TOT_VOORDRACHT, step('toets-derde')];
const TOT_OMKLAP_AKKOORD: Step[] = [...TOT_TOETS_WONEN, step('besluit-omklap')];

/** The forms, in order, that bring a fresh case (see `caseOverridesFor`) to where `action` is valid. */
export const STEPS_BEFORE: Readonly<Record<Action, readonly Step[]>> = {
  'aanvraag-urgentie': [],
  'besluit-urgentie': [step('aanvraag-urgentie')],
  afmelding: TOT_WACHTLIJST,
  heraanmelding: [...TOT_WACHTLIJST, step('afmelding')],
  trajectwijziging: TOT_HERSTELFASE,
  'intrekking-urgentie': TOT_WACHTLIJST,
  woningaanbod: TOT_WACHTLIJST,
  'reactie-aanbod': TOT_AANBOD,
  bezichtiging: TOT_AANBOD,
  'weigering-aanbod': TOT_AANBOD,
  sleuteloverdracht: TOT_AANBOD,
  'afspraak-gepland': TOT_HERSTELFASE,
  kennismaking: TOT_HERSTELFASE,
  begeleidingsplan: NA_KENNISMAKING,
  woonevaluatie: NA_KENNISMAKING,
  'voordracht-omklap': NA_WOONEVALUATIE,
  'toets-derde': TOT_VOORDRACHT,
  'besluit-omklap': TOT_TOETS_WONEN,
  'huurcontract-eigen-naam': TOT_OMKLAP_AKKOORD,
  'einde-intermediaire-verhuur': TOT_HERSTELFASE,
  'duurzame-verhuur': [
    ...NA_KENNISMAKING,
    step('woonevaluatie', { voordracht: false, omklap: undefined, vervolg: { volgendGesprek: 'Over een jaar', bijzonderheden: 'Geen' } }),
  ],
  'overlast-melding': TOT_HERSTELFASE,
  'overlast-actie': [...TOT_HERSTELFASE, step('overlast-melding')],
  'mzwo-escalatie': TOT_HERSTELFASE,
  woningruil: TOT_HERSTELFASE,
  verhuizing: TOT_HERSTELFASE,
  'besluit-woningruil': [...TOT_HERSTELFASE, step('woningruil')],
  'nieuwe-kans': [],
  'time-out': TOT_HERSTELFASE,
  'fibu-afspraken': TOT_HERSTELFASE,
  'fibu-evaluatie': [...TOT_HERSTELFASE, step('fibu-afspraken')],
  vijfjarencontract: [...TOT_OMKLAP_AKKOORD, step('huurcontract-eigen-naam', VIJFJARENCONTRACT_OP_EIGEN_NAAM)],
  'brief-gemeente-verstuurd': [...TOT_OMKLAP_AKKOORD, step('huurcontract-eigen-naam', VIJFJARENCONTRACT_OP_EIGEN_NAAM)],
  matching: TOT_WACHTLIJST,
};

/** Case fields an action needs besides the defaults (as `createCase` bodies would set them). */
export function caseOverridesFor(action: Action): Partial<Pick<CaseState, 'route' | 'doelgroep' | 'regio'>> {
  return action === 'nieuwe-kans' ? { route: 'NIEUWE_KANS' } : {};
}

// -----------------------------------------------------------------------------------------------------------------
// Applying forms in memory, as shared/app/submit-form.ts does (minus storage, idempotency and effects)
// -----------------------------------------------------------------------------------------------------------------

export const PRINCIPALS: Readonly<Record<Role, Principal>> = {
  begeleider: { userId: 'u-begeleider', organisationId: 'za-hvo', role: 'begeleider' },
  'onafhankelijke-derde': { userId: 'u-derde', organisationId: 'za-hvo', role: 'onafhankelijke-derde' },
  organisatiebeheerder: { userId: 'u-beheer', organisationId: 'za-hvo', role: 'organisatiebeheerder' },
  contactpersoon: { userId: 'u-corporatie', organisationId: 'corp-ymere', role: 'contactpersoon' },
  'medewerker-wonen': { userId: 'u-wonen', organisationId: 'gemeente-amsterdam', role: 'medewerker-wonen', regio: 'amsterdam' },
  systeembeheerder: { userId: 'u-ops', organisationId: 'beheer', role: 'systeembeheerder' },
  corporatiebeheerder: { userId: 'u-corp-beheer', organisationId: 'corp-ymere', role: 'corporatiebeheerder' },
  wonenbeheerder: { userId: 'u-wonen-beheer', organisationId: 'gemeente-amsterdam', role: 'wonenbeheerder', regio: 'amsterdam' },
};

/** The principal who files `action` in the samples: the first role allowed to take it. */
export function principalFor(action: Action): Principal {
  const role = ACTION_ROLES[action][0];
  if (!role) throw new Error(`No role may take ${action}`);
  return PRINCIPALS[role];
}

export interface CaseFile {
  state: CaseState;
  history: CaseEvent[];
}

/** A fresh case in the onderzoek, as create-case makes it, on `today`. */
export function newCase(overrides: Partial<CaseState> = {}, today: string = FIXTURE_TODAY): CaseFile {
  const now = amsterdamInstant(today, 9);
  const state: CaseState = {
    caseId: 'case-1',
    reference: 'OMS-2027-000001',
    regio: 'amsterdam',
    route: 'MO',
    doelgroep: 'volwassene',
    clientPseudonym: 'J.D.',
    zorgaanbiederId: 'za-hvo',
    phase: 'onderzoek',
    version: 1,
    createdAt: now,
    updatedAt: now,
    facts: {},
    ...overrides,
  };
  const event: CaseEvent = {
    caseId: state.caseId,
    seq: 1,
    type: 'case-aangemaakt',
    occurredOn: today,
    recordedAt: now,
    actor: actorOf(PRINCIPALS.begeleider),
    data: { regio: state.regio, route: state.route, doelgroep: state.doelgroep },
  };
  return { state, history: [event] };
}

export interface ApplyOptions {
  principal?: Principal;
  today?: string;
  supersedes?: number;
  /**
   * A form that needs the corporatie's akkoord (akkoord.ts) is given it at once by the case's corporatie, so a walk
   * reads as the route: `false` leaves it ingediend bij the corporatie.
   */
  akkoord?: boolean;
}

export interface Applied extends CaseFile {
  decision: FormDecision;
  event: CaseEvent;
}

/**
 * Applies one form to a case: role, matrix, schema (field errors as `body.<path>`), decision, and the phase check of
 * the decision against the regio's `targetsIn` — the same order as submitForm. Throws the same domain errors.
 */
export function applyForm(current: CaseFile, action: Action, input: unknown, options: ApplyOptions = {}): Applied {
  const principal = options.principal ?? principalFor(action);
  const today = options.today ?? FIXTURE_TODAY;
  const now = amsterdamInstant(today, 12);
  const form = FORMS[action];
  const before = current.state;
  if (!mayTake(principal.role, action)) throw new Forbidden();
  assertAllowedIn(before.regio, action, before.phase);
  const parsed = parseWith(form.schema, input, 'body');
  const { decision, after: state, event } = decideChange(form, {
    before,
    history: current.history,
    input: parsed,
    principal,
    now,
    supersedes: options.supersedes,
  });
  const history = [...current.history, event];
  if (!event.akkoordVan || options.akkoord === false) return { state, history, decision, event };
  const corporatie: Principal = { ...PRINCIPALS.contactpersoon, organisationId: state.corporatieId! };
  const answered = decideAkkoord((a) => FORMS[a], { before: state, history, seq: event.seq, answer: { besluit: 'akkoord' }, principal: corporatie, now });
  return { state: answered.after, history: [...history, answered.event], decision, event };
}

/** Applies the steps in order, with the sample bodies. */
export function applySteps(current: CaseFile, steps: readonly Step[], today: string = FIXTURE_TODAY): CaseFile {
  let file = current;
  for (const s of steps) {
    const { state, history } = applyForm(file, s.action, validInput(s.action, s.overrides, today), { today });
    file = { state, history };
  }
  return file;
}

/** A case where `action` is valid: a fresh case (with `caseOverridesFor`) and `STEPS_BEFORE[action]` applied. */
export function caseReadyFor(action: Action, today: string = FIXTURE_TODAY, caseOverrides: Partial<CaseState> = {}): CaseFile {
  return applySteps(newCase({ ...caseOverridesFor(action), ...caseOverrides }, today), STEPS_BEFORE[action], today);
}
