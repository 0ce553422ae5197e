/** Valid request bodies for the foundation's endpoints, with dates relative to `today`. */
import { addDays } from '../../shared/domain/calendar.js';

export function createCaseBody(overrides: Record<string, unknown> = {}) {
  return { regio: 'amsterdam', route: 'MO', doelgroep: 'volwassene', clientPseudonym: 'J.D.', ...overrides };
}

export function aanvraagUrgentieBody(today: string, overrides: Record<string, unknown> = {}) {
  return {
    aanvraagDatum: today,
    trajecthouder: 'A. Trajecthouder',
    woningnet: { nummer: 'WN123456', geldigTot: addDays(today, 365) },
    akkoordDocument: { soort: 'akkoordbrief veldtafel', datum: addDays(today, -7) },
    jongerDan26: { plaatsing: 'niet-van-toepassing' },
    huishouden: { partner: false, aantalKinderen: 0 },
    doelen: {
      dagbesteding: 'Drie dagen per week vrijwilligerswerk',
      sociaal: 'Wekelijks contact met familie',
      psychisch: 'Afspraken met behandelaar nakomen',
      financieel: 'Huur automatisch betalen, schuldregeling loopt',
    },
    toestemmingDelen: { gegeven: true, datum: today, doelen: ['match', 'start-verhuur', 'overlast', 'evaluatie', 'omklap'], metWie: ['woningcorporatie', 'gemeente-wonen'], vastgelegdDoor: 'B. Begeleider' },
    akkoordClient: { akkoord: true, naam: 'J.D.', datum: today },
    ...overrides,
  };
}

export function besluitUrgentieBody(today: string) {
  return { besluit: 'akkoord', besluitDatum: today };
}

export function woningaanbodBody(today: string, overrides: Record<string, unknown> = {}) {
  return {
    aanbodId: 'YM-2026-001',
    aanbodDatum: today,
    beschikbaarOp: today,
    adres: { straat: 'Voorbeeldstraat', huisnummer: '12 B', postcode: '1012 AB', plaats: 'Amsterdam' },
    woning: { verdieping: 2, lift: false, kamers: 2, oppervlakteM2: 45 },
    ...overrides,
  };
}

export function sleuteloverdrachtBody(today: string, overrides: Record<string, unknown> = {}) {
  return {
    datum: today,
    adres: { straat: 'Voorbeeldstraat', huisnummer: '12 B', postcode: '1012 AB', plaats: 'Amsterdam' },
    corporatieContact: { naam: 'C. Contact', email: 'contact@ymere.example' },
    ...overrides,
  };
}

/** A complete kennismakingsgesprek held on `datum` after the sleuteloverdracht of `sleutel`. */
export function kennismakingBody(datum: string, sleutel: string, woonevaluatieOp: string) {
  return {
    startIntermediaireVerhuur: sleutel,
    datumGesprek: datum,
    datumWoonevaluatiegesprek: woonevaluatieOp,
    locatie: 'woning',
    goedHuurderschap: { verklaard: true, initialenBewoner: 'J.D.' },
    landenInDeWoning: { ervaringWonen: 'Goed', goedMinderGoed: 'Rustig' },
    landenInHetComplex: {
      kennisgemaaktMetBuren: true,
      goedeBuur: 'Groeten',
      huisregels: 'Ja',
      afval: 'Ja',
      technischeKlachten: 'Via de app',
      overlastMelden: 'Ja',
      overlastVoorkomen: 'Ja',
      signalenOverlast: 'Via het protocol',
    },
    landenInDeWijk: { ervaringWijk: 'Prettig', voorzieningenWaar: 'Ja', voorzieningenBehoefte: 'Buurthuis', voorzieningenAnders: 'Nee' },
    woondoelen: {
      doelen: { financieel: { doel: 'Huur op tijd', standVanZaken: 'Loopt', behaald: false } },
      werkenAan: 'Huur',
      ondersteuning: 'Budgetcoach',
    },
    borg: { moetBetalen: false },
    vervolg: { volgendGesprek: 'Over een half jaar' },
    handtekeningen: {
      bewoner: { akkoord: true, initialen: 'J.D.', datum },
    },
  };
}
