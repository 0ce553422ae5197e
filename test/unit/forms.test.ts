/**
 * Every form of the route: registered, documented, privacy-minded; a valid submission decides the expected phase,
 * occurredOn and event data (the deadline engine's contract); invalid input fails with field paths; impossible dates
 * are refused as RuleViolated with `body.<field>`; the wrong phase is refused by the matrix. Pure and fast.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addDays, addMonths, addYears } from '../../shared/domain/calendar.js';
import { RuleViolated, TransitionNotAllowed, ValidationFailed } from '../../shared/domain/errors.js';
import { FORMS, formFor } from '../../shared/domain/forms/index.js';
import { ACTIONS, PHASES, TRANSITIONS, isAllowed, type Action, type Phase } from '../../shared/domain/phases.js';
import { parseWith } from '../../shared/http/request.js';
import { FIXTURE_TODAY, applyForm, caseReadyFor, newCase, principalFor, validInput, walkDates } from './forms.fixtures.js';

const t = walkDates(FIXTURE_TODAY);

function ruleOf(fn: () => unknown): { rule: string; paths: string[] } {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleViolated) return { rule: error.rule, paths: error.errors.map((e) => e.path) };
    throw error;
  }
  throw new Error('expected a RuleViolated');
}

function fieldErrors(action: Action, body: unknown): string[] {
  try {
    parseWith(FORMS[action].schema, body, 'body');
  } catch (error) {
    if (error instanceof ValidationFailed) return error.errors.map((e) => e.path);
    throw error;
  }
  return [];
}

function submit(action: Action, overrides: Record<string, unknown> = {}) {
  return applyForm(caseReadyFor(action), action, validInput(action, overrides));
}

describe('the registry', () => {
  it('has a form for every action, registered under its own name', () => {
    expect(Object.keys(FORMS).sort()).toEqual([...ACTIONS].sort());
    for (const action of ACTIONS) expect(FORMS[action].action).toBe(action);
  });

  it('finds forms by URL segment and nothing else', () => {
    expect(formFor('kennismaking')).toBe(FORMS.kennismaking);
    expect(formFor('constructor')).toBeUndefined();
    expect(formFor('toString')).toBeUndefined();
    expect(formFor('onbekend')).toBeUndefined();
  });

  it.each(ACTIONS)('%s: has a Dutch title, a summary and a seed source', (action) => {
    const form = FORMS[action];
    expect(form.title.length).toBeGreaterThan(3);
    expect(form.summary.length).toBeGreaterThan(10);
    expect(form.source).toMatch(/\b00[0-4]\b/);
  });

  it.each(ACTIONS)('%s: its schema becomes JSON Schema for the OpenAPI document', (action) => {
    const schema = z.toJSONSchema(FORMS[action].schema, { io: 'input', unrepresentable: 'any' });
    expect(schema).toHaveProperty(schema.type === 'object' ? 'properties' : 'oneOf');
  });
});

// -----------------------------------------------------------------------------------------------------------------
// Privacy (002 WA10, AVG): no client identity fields; every free-text field bounded
// -----------------------------------------------------------------------------------------------------------------

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[]; oneOf?: JsonSchema[] } & Record<string, unknown>;

function walk(schema: JsonSchema, path: string, visit: (s: JsonSchema, path: string) => void): void {
  visit(schema, path);
  for (const [key, child] of Object.entries(schema.properties ?? {})) walk(child, `${path}.${key}`, visit);
  if (schema.items) walk(schema.items, `${path}[]`, visit);
  for (const option of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) walk(option, path, visit);
}

describe('privacy by construction', () => {
  const FORBIDDEN = /voornaam|achternaam|geboorte|bsn|burgerservice|diagnose|aandoening|ziekte|medicatie/i;

  it.each(ACTIONS)('%s: asks for no client identity or health field', (action) => {
    const names: string[] = [];
    walk(z.toJSONSchema(FORMS[action].schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, 'body', (_s, path) => names.push(path));
    expect(names.filter((n) => FORBIDDEN.test(n.split('.').pop() ?? ''))).toEqual([]);
  });

  it.each(ACTIONS)('%s: bounds every string (max length, pattern, format or a fixed set)', (action) => {
    const unbounded: string[] = [];
    walk(z.toJSONSchema(FORMS[action].schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, 'body', (s, path) => {
      if (s.type === 'string' && !['maxLength', 'pattern', 'format', 'enum', 'const'].some((k) => k in s)) unbounded.push(path);
    });
    expect(unbounded).toEqual([]);
  });

  it('lets the client sign with initials only', () => {
    expect(fieldErrors('kennismaking', validInput('kennismaking', { handtekeningen: { bewoner: { initialen: 'Jan de Vries' } } }))).toEqual([
      'body.handtekeningen.bewoner.initialen',
    ]);
    expect(fieldErrors('aanvraag-urgentie', validInput('aanvraag-urgentie', { akkoordClient: { naam: 'Jan de Vries' } }))).toEqual(['body.akkoordClient.naam']);
  });

  it('stores only what a form asks for: unknown fields are dropped', () => {
    const { event } = submit('overlast-melding', { naamMelder: 'Piet Buur', bsn: '123456782' });
    expect(event.data).not.toHaveProperty('naamMelder');
    expect(event.data).not.toHaveProperty('bsn');
  });

  it('decides without reading the clock: no Date.now() or new Date() in the forms', () => {
    const dir = fileURLToPath(new URL('../../shared/domain/forms/', import.meta.url));
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      expect(readFileSync(dir + file, 'utf8'), file).not.toMatch(/new Date\(|Date\.now\(/);
    }
  });
});

// -----------------------------------------------------------------------------------------------------------------
// A valid submission of every form
// -----------------------------------------------------------------------------------------------------------------

interface Expected {
  phase: Phase;
  occurredOn: string;
  /** Event data the deadline engine and the views rely on. */
  data?: Record<string, unknown>;
  facts?: Record<string, unknown>;
}

const EXPECTED: Record<Action, Expected> = {
  'aanvraag-urgentie': { phase: 'urgentie_aangevraagd', occurredOn: t.aanvraag, facts: { toestemmingDelen: expect.objectContaining({ gegeven: true, metWie: ['woningcorporatie', 'gemeente-wonen'] }) } },
  'besluit-urgentie': { phase: 'wachtlijst', occurredOn: t.besluitUrgentie, data: { besluit: 'akkoord' }, facts: { urgentieVerleendOp: t.besluitUrgentie } },
  afmelding: { phase: 'tijdelijk_afgemeld', occurredOn: t.afmelding, data: { soort: 'tijdelijk', vanuitFase: 'wachtlijst' } },
  heraanmelding: { phase: 'wachtlijst', occurredOn: t.heraanmelding, data: { naarFase: 'wachtlijst' } },
  trajectwijziging: { phase: 'herstelfase', occurredOn: t.trajectwijziging, data: { perspectief: 'zelfstandig', urgentieIntrekken: false } },
  'intrekking-urgentie': { phase: 'afgesloten', occurredOn: t.intrekking },
  woningaanbod: { phase: 'aanbod', occurredOn: t.aanbod, data: { aanbodId: 'YM-2025-001', beschikbaarOp: t.beschikbaar, corporatieId: 'corp-ymere' } },
  'reactie-aanbod': { phase: 'aanbod', occurredOn: t.reactie, data: { aanbodId: 'YM-2025-001', clientGeinformeerdOp: t.clientGeinformeerd } },
  bezichtiging: { phase: 'aanbod', occurredOn: t.bezichtiging, data: { aanbodId: 'YM-2025-001', uitkomst: 'accepteren' } },
  'weigering-aanbod': { phase: 'wachtlijst', occurredOn: t.weigering, data: { aanbodId: 'YM-2025-001' } },
  sleuteloverdracht: { phase: 'herstelfase', occurredOn: t.sleuteloverdracht, data: { aanbodId: 'YM-2025-001', clientGeinformeerdOp: t.clientGeinformeerd }, facts: { sleuteloverdrachtOp: t.sleuteloverdracht } },
  'afspraak-gepland': { phase: 'herstelfase', occurredOn: t.afspraakGeplandOp, data: { soort: 'kennismaking', datum: t.kennismaking } },
  kennismaking: { phase: 'herstelfase', occurredOn: t.kennismaking, data: { evaluatieFrequentieMaanden: 12 } },
  begeleidingsplan: { phase: 'herstelfase', occurredOn: t.begeleidingsplan },
  woonevaluatie: { phase: 'herstelfase', occurredOn: t.woonevaluatie, data: { voordracht: true, evaluatieFrequentieMaanden: 12 } },
  'voordracht-omklap': { phase: 'voordracht', occurredOn: t.voordracht, data: { versie: 1, vanuitFase: 'herstelfase' } },
  'toets-derde': { phase: 'toets_wonen', occurredOn: t.toetsDerde, data: { akkoord: true } },
  'besluit-omklap': { phase: 'omklap_akkoord', occurredOn: t.besluitOmklap, data: { besluit: 'akkoord' } },
  'huurcontract-eigen-naam': { phase: 'omgeklapt', occurredOn: t.contractEigenNaam, data: { vijfjarencontract: false } },
  'einde-intermediaire-verhuur': { phase: 'afgesloten', occurredOn: t.einde },
  'duurzame-verhuur': { phase: 'duurzame_verhuur', occurredOn: t.woonevaluatie },
  'overlast-melding': { phase: 'herstelfase', occurredOn: t.overlastMelding, data: { meldingId: 'MELD-001' } },
  'overlast-actie': { phase: 'herstelfase', occurredOn: t.overlastActie, data: { meldingId: 'MELD-001', actie: 1 } },
  'mzwo-escalatie': { phase: 'herstelfase', occurredOn: t.mzwo, data: { criteria: ['meerdere-buren'] } },
  woningruil: { phase: 'herstelfase', occurredOn: t.woningruil, data: { ongelijk: true } },
  verhuizing: { phase: 'herstelfase', occurredOn: t.woningruil, data: { naarGroter: false } },
  'besluit-woningruil': { phase: 'herstelfase', occurredOn: t.besluitWoningruil, data: { besluit: 'akkoord', verzoek: 'woningruil' } },
  'nieuwe-kans': { phase: 'onderzoek', occurredOn: t.nieuweKansBrief },
  'time-out': { phase: 'herstelfase', occurredOn: t.timeOutStart, data: { fase: 'start' } },
  'fibu-afspraken': { phase: 'herstelfase', occurredOn: t.fibuAfspraken },
  'fibu-evaluatie': { phase: 'herstelfase', occurredOn: t.fibuEvaluatie },
  vijfjarencontract: { phase: 'omgeklapt', occurredOn: t.contractEigenNaam, data: { eindOp: addYears(t.contractEigenNaam, 5), urgentieAanvragenVanaf: addMonths(addYears(t.contractEigenNaam, 5), -6) } },
  'brief-gemeente-verstuurd': { phase: 'omgeklapt', occurredOn: t.today, data: { eindOp: addYears(t.contractEigenNaam, 5) } },
  matching: { phase: 'wachtlijst', occurredOn: t.matching, data: { corporatieId: 'corp-ymere' } },
};

describe('a valid submission', () => {
  it.each(ACTIONS)('%s: decides the expected phase, occurredOn and event data', (action) => {
    const { decision, event, state } = submit(action);
    const expected = EXPECTED[action];
    expect(decision.phase).toBe(expected.phase);
    expect(state.phase).toBe(expected.phase);
    expect(event.occurredOn).toBe(expected.occurredOn);
    if (expected.data) expect(event.data).toMatchObject(expected.data);
    if (expected.facts) expect(state.facts).toMatchObject(expected.facts);
  });
});

// -----------------------------------------------------------------------------------------------------------------
// The matrix
// -----------------------------------------------------------------------------------------------------------------

const living: Phase[] = ['herstelfase', 'duurzame_verhuur', 'voordracht', 'toets_wonen', 'omklap_akkoord'];
const open: Phase[] = PHASES.filter((p) => p !== 'afgesloten' && p !== 'omgeklapt');

/** Where each form may be filed: the specification of the matrix (001 Figuur 1–2, §3–§4; 002 WA1–WA8, Bijlagen). */
const ALLOWED_FROM: Record<Action, Phase[]> = {
  'aanvraag-urgentie': ['onderzoek'],
  'besluit-urgentie': ['urgentie_aangevraagd'],
  afmelding: ['onderzoek', 'urgentie_aangevraagd', 'wachtlijst', 'aanbod', 'tijdelijk_afgemeld'], // definitief only in onderzoek and tijdelijk_afgemeld (issue 14 point 8)
  heraanmelding: ['tijdelijk_afgemeld'],
  trajectwijziging: open,
  'intrekking-urgentie': open,
  woningaanbod: ['wachtlijst'],
  'reactie-aanbod': ['aanbod'],
  bezichtiging: ['aanbod'],
  'weigering-aanbod': ['aanbod'],
  sleuteloverdracht: ['aanbod'],
  'afspraak-gepland': living,
  kennismaking: living,
  begeleidingsplan: living,
  woonevaluatie: living,
  'voordracht-omklap': ['herstelfase', 'duurzame_verhuur', 'voordracht'],
  'toets-derde': ['voordracht'],
  'besluit-omklap': ['toets_wonen'],
  'huurcontract-eigen-naam': ['omklap_akkoord'],
  'einde-intermediaire-verhuur': living,
  'duurzame-verhuur': ['herstelfase'],
  'overlast-melding': [...living, 'omgeklapt'],
  'overlast-actie': [...living, 'omgeklapt'],
  'mzwo-escalatie': [...living, 'omgeklapt'],
  woningruil: living,
  verhuizing: living,
  'besluit-woningruil': living,
  'nieuwe-kans': ['onderzoek'],
  'time-out': living,
  'fibu-afspraken': [...living, 'omgeklapt'],
  'fibu-evaluatie': [...living, 'omgeklapt'],
  vijfjarencontract: ['omgeklapt'],
  'brief-gemeente-verstuurd': ['omgeklapt'],
  matching: ['wachtlijst'],
};

describe('the transition matrix', () => {
  it.each(ACTIONS)('%s: is allowed exactly in its phases', (action) => {
    expect([...TRANSITIONS[action].from].sort()).toEqual([...ALLOWED_FROM[action]].sort());
    for (const phase of PHASES) expect(isAllowed(action, phase), `${action} in ${phase}`).toBe(ALLOWED_FROM[action].includes(phase));
  });

  it.each(ACTIONS.flatMap((action) => PHASES.filter((p) => !ALLOWED_FROM[action].includes(p)).map((phase) => [action, phase] as const)))(
    '%s in %s: refused before anything else (409)',
    (action, phase) => {
      const file = newCase({ phase, corporatieId: 'corp-ymere' });
      expect(() => applyForm(file, action, validInput(action), { principal: principalFor(action) })).toThrow(TransitionNotAllowed);
    },
  );

  it('a closed case takes no form at all', () => {
    for (const action of ACTIONS) expect(isAllowed(action, 'afgesloten')).toBe(false);
  });
});

// -----------------------------------------------------------------------------------------------------------------
// Invalid input: schema errors with their field paths (400)
// -----------------------------------------------------------------------------------------------------------------

/** The main date field of each form (its occurredOn, or the planning date). */
const DATE_FIELD: Record<Action, string> = {
  'aanvraag-urgentie': 'aanvraagDatum',
  'besluit-urgentie': 'besluitDatum',
  afmelding: 'datum',
  heraanmelding: 'datum',
  trajectwijziging: 'datum',
  'intrekking-urgentie': 'datum',
  woningaanbod: 'aanbodDatum',
  'reactie-aanbod': 'reactieDatum',
  bezichtiging: 'bezichtigdOp',
  'weigering-aanbod': 'datum',
  sleuteloverdracht: 'datum',
  'afspraak-gepland': 'geplandOp',
  kennismaking: 'datumGesprek',
  begeleidingsplan: 'vastgesteldOp',
  woonevaluatie: 'datumGesprek',
  'voordracht-omklap': 'datumVoordracht',
  'toets-derde': 'datum',
  'besluit-omklap': 'besluitDatum',
  'huurcontract-eigen-naam': 'ingangsdatum',
  'einde-intermediaire-verhuur': 'datum',
  'duurzame-verhuur': 'datumWoonevaluatie',
  'overlast-melding': 'ontvangenOp',
  'overlast-actie': 'datum',
  'mzwo-escalatie': 'datum',
  woningruil: 'datum',
  verhuizing: 'datum',
  'besluit-woningruil': 'besluitDatum',
  'nieuwe-kans': 'briefDatum',
  'time-out': 'datum',
  'fibu-afspraken': 'datum',
  'fibu-evaluatie': 'datum',
  vijfjarencontract: 'startOp',
  'brief-gemeente-verstuurd': 'verstuurdOp',
  matching: 'datum',
};

function requiredKeys(action: Action): string[] {
  const schema = z.toJSONSchema(FORMS[action].schema, { io: 'input', unrepresentable: 'any' }) as { required?: string[] };
  return schema.required ?? [];
}

describe('invalid input', () => {
  it.each(ACTIONS)('%s: the sample body passes the schema', (action) => {
    expect(fieldErrors(action, validInput(action))).toEqual([]);
  });

  it.each(ACTIONS.flatMap((action) => requiredKeys(action).map((key) => [action, key] as const)))('%s without %s: 400 naming body.%s', (action, key) => {
    expect(fieldErrors(action, validInput(action, { [key]: undefined }))).toContain(`body.${key}`);
  });

  it('time-out without fase: 400 naming body.fase', () => {
    expect(fieldErrors('time-out', validInput('time-out', { fase: undefined }))).toContain('body.fase');
  });

  it.each(ACTIONS)('%s: a date that does not exist is refused with its path', (action) => {
    expect(fieldErrors(action, validInput(action, { [DATE_FIELD[action]]: '2026-02-30' }))).toEqual([`body.${DATE_FIELD[action]}`]);
    expect(fieldErrors(action, validInput(action, { [DATE_FIELD[action]]: '30-01-2026' }))).toEqual([`body.${DATE_FIELD[action]}`]);
  });

  it.each(ACTIONS)('%s: a body that is not an object is refused', (action) => {
    expect(fieldErrors(action, 'kennismaking').length).toBeGreaterThan(0);
    expect(fieldErrors(action, null).length).toBeGreaterThan(0);
  });

  it('messages are Dutch', () => {
    try {
      parseWith(FORMS.kennismaking.schema, { datumGesprek: 12 }, 'body');
    } catch (error) {
      const messages = (error as ValidationFailed).errors.map((e) => e.message).join(' ');
      expect(messages).toMatch(/Ongeldige invoer|verwacht/i);
      expect(messages).not.toMatch(/Invalid input/);
    }
  });

  it.each([
    ['afmelding', { soort: 'tijdelijk', reden: 'overlijden' }, 'body.soort'],
    ['afmelding', { soort: 'tijdelijk', reden: 'vertrek-onbekende-bestemming' }, 'body.soort'],
    ['afmelding', { reden: 'verhuisd' }, 'body.reden'],
    ['besluit-urgentie', { besluit: 'afgewezen' }, 'body.motivatie'],
    ['besluit-omklap', { besluit: 'terug' }, 'body.motivatie'],
    ['besluit-omklap', { besluit: 'ja' }, 'body.besluit'],
    ['besluit-woningruil', { besluit: 'afgewezen' }, 'body.motivatie'],
    ['trajectwijziging', { perspectief: 'thuis' }, 'body.perspectief'],
    ['weigering-aanbod', { redenen: [] }, 'body.redenen'],
    ['weigering-aanbod', { door: 'corporatie' }, 'body.door'],
    ['weigering-aanbod', { redenen: ['anders'] }, 'body.toelichting'],
    ['bezichtiging', { uitkomst: 'misschien' }, 'body.uitkomst'],
    ['afspraak-gepland', { soort: 'omklap' }, 'body.soort'],
    ['toets-derde', { akkoord: false }, 'body.redenen'],
    ['toets-derde', { akkoord: 'ja' }, 'body.akkoord'],
    ['overlast-actie', { actie: 7 }, 'body.actie'],
    ['overlast-actie', { actie: '1' }, 'body.actie'],
    ['overlast-actie', { actie: 2 }, 'body.oordeel'],
    ['overlast-actie', { actie: 1, oordeel: { gedrag: 'bewust', klacht: 'terecht' } }, 'body.oordeel'],
    ['overlast-actie', { actie: 2, oordeel: { gedrag: 'bewust', klacht: 'half' } }, 'body.oordeel.klacht'],
    ['overlast-actie', { actie: 6 }, 'body.ontbinding'],
    ['overlast-melding', { via: 'twitter' }, 'body.via'],
    ['overlast-melding', { aard: [] }, 'body.aard'],
    ['overlast-melding', { meldingId: 'x' }, 'body.meldingId'],
    ['mzwo-escalatie', { criteria: [] }, 'body.criteria'],
    ['mzwo-escalatie', { criteria: ['ruzie'] }, 'body.criteria.0'],
    ['time-out', { fase: 'midden' }, 'body.fase'],
    ['woningruil', { beidePartijenAkkoord: false }, 'body.beidePartijenAkkoord'],
    ['woningruil', { nieuweWoningM2: 65.5 }, 'body.nieuweWoningM2'],
    ['verhuizing', { redenen: [], medischeReden: false }, 'body.redenen'],
    ['nieuwe-kans', { bereidheid: { zorgAccepteren: false } }, 'body.bereidheid.zorgAccepteren'],
    ['nieuwe-kans', { woning: 'verhuizing', verhuizenUiterlijk: undefined }, 'body.verhuizenUiterlijk'],
    ['kennismaking', { borg: { moetBetalen: true, bedragEuro: undefined } }, 'body.borg.bedragEuro'],
    ['kennismaking', { borg: { bedragEuro: 12.345 } }, 'body.borg.bedragEuro'],
    ['kennismaking', { goedHuurderschap: { verklaard: false } }, 'body.goedHuurderschap.verklaard'],
    ['kennismaking', { evaluatieFrequentieMaanden: 18 }, 'body.evaluatieFrequentieMaanden'],
    ['kennismaking', { woondoelen: { doelen: { dagbesteding: undefined, financieel: undefined } } }, 'body.woondoelen.doelen'],
    ['kennismaking', { landenInHetComplex: { kennismakenMetBuren: undefined } }, 'body.landenInHetComplex.kennismakenMetBuren'],
    ['woonevaluatie', { voordracht: true, omklap: undefined }, 'body.omklap'],
    ['woonevaluatie', { voordracht: false, omklap: undefined }, 'body.vervolg'],
    ['woonevaluatie', { doelen: { financieel: { behaald: false } } }, 'body.omklap.alleDoelenBehaald'],
    ['woonevaluatie', { huurbetaling: { opTijd: false } }, 'body.huurbetaling.regeling'],
    ['woonevaluatie', { omgeving: { overlast: { overlastVanOmwonendenGemeld: true } } }, 'body.omgeving.overlast.afhandeling'],
    ['woonevaluatie', { doelen: { wonen: { doel: 'x', standVanZaken: 'y', behaald: true }, dagbesteding: undefined, financieel: undefined } }, 'body.doelen'],
    ['voordracht-omklap', { doelen: { sociaal: undefined } }, 'body.doelen.sociaal'],
    ['voordracht-omklap', { akkoordClient: { akkoord: false } }, 'body.akkoordClient.akkoord'],
    ['aanvraag-urgentie', { huishouden: { aantalKinderen: 2 } }, 'body.doelen.veiligheid_kinderen'],
    ['aanvraag-urgentie', { jongerDan26: { plaatsing: 'project' } }, 'body.jongerDan26.toelichting'],
    ['duurzame-verhuur', { akkoordBewoner: false }, 'body.akkoordBewoner'],
    ['fibu-afspraken', { bewonerIsEraanToe: false }, 'body.bewonerIsEraanToe'],
    ['vijfjarencontract', { soort: 'tweede' }, 'body.soort'],
  ] as const)('%s with %j: 400 naming %s', (action, overrides, path) => {
    expect(fieldErrors(action, validInput(action, overrides))).toContain(path);
  });

  it('a free-text field has a maximum length', () => {
    expect(fieldErrors('afmelding', validInput('afmelding', { toelichting: 'x'.repeat(1001) }))).toEqual(['body.toelichting']);
    expect(fieldErrors('kennismaking', validInput('kennismaking', { vervolg: { volgendGesprek: 'x'.repeat(2001) } }))).toEqual(['body.vervolg.volgendGesprek']);
  });
});

// -----------------------------------------------------------------------------------------------------------------
// Dates that cannot be: RuleViolated (422) with body.<field>
// -----------------------------------------------------------------------------------------------------------------

const tomorrow = addDays(FIXTURE_TODAY, 1);

describe('dates that cannot be', () => {
  it.each(ACTIONS.filter((a) => a !== 'duurzame-verhuur'))('%s: a fact dated tomorrow is refused (datum-in-toekomst)', (action) => {
    const field = DATE_FIELD[action];
    expect(ruleOf(() => submit(action, { [field]: tomorrow }))).toEqual({ rule: 'datum-in-toekomst', paths: [`body.${field}`] });
  });

  it.each([
    ['kennismaking', { datumGesprek: addDays(t.sleuteloverdracht, -1) }, 'kennismaking-voor-sleuteloverdracht', 'body.datumGesprek'],
    ['kennismaking', { startIntermediaireVerhuur: addDays(t.sleuteloverdracht, 1) }, 'startdatum-verhuur-onjuist', 'body.startIntermediaireVerhuur'],
    ['kennismaking', { datumWoonevaluatiegesprek: t.kennismaking }, 'woonevaluatie-voor-kennismaking', 'body.datumWoonevaluatiegesprek'],
    ['kennismaking', { handtekeningen: { bewoner: { datum: addDays(t.kennismaking, -1) } } }, 'handtekening-voor-gesprek', 'body.handtekeningen.bewoner.datum'],
    ['kennismaking', { handtekeningen: { bewoner: { datum: tomorrow } } }, 'datum-in-toekomst', 'body.handtekeningen.bewoner.datum'],
    ['bezichtiging', { bezichtigdOp: addDays(t.beschikbaar, -1) }, 'bezichtiging-voor-beschikbaar', 'body.bezichtigdOp'],
    ['sleuteloverdracht', { datum: addDays(t.beschikbaar, -1) }, 'sleuteloverdracht-voor-beschikbaar', 'body.datum'],
    ['sleuteloverdracht', { datum: addDays(t.aanbod, -1) }, 'datum-voor-aanbod', 'body.datum'],
    ['sleuteloverdracht', { proefwonenEindOp: t.sleuteloverdracht }, 'proefwonen-einde-voor-start', 'body.proefwonenEindOp'],
    ['reactie-aanbod', { reactieDatum: addDays(t.aanbod, -1) }, 'reactie-voor-aanbod', 'body.reactieDatum'],
    ['reactie-aanbod', { clientGeinformeerdOp: addDays(t.aanbod, -1) }, 'geinformeerd-voor-aanbod', 'body.clientGeinformeerdOp'],
    ['weigering-aanbod', { datum: addDays(t.aanbod, -1) }, 'weigering-voor-aanbod', 'body.datum'],
    ['woningaanbod', { beschikbaarOp: addDays(t.aanbod, -1) }, 'beschikbaar-voor-aanbod', 'body.beschikbaarOp'],
    ['woningaanbod', { aanbodDatum: addDays(t.besluitUrgentie, -1), beschikbaarOp: t.besluitUrgentie }, 'aanbod-voor-urgentie', 'body.aanbodDatum'],
    ['besluit-urgentie', { besluitDatum: addDays(t.aanvraag, -1) }, 'besluit-voor-aanvraag', 'body.besluitDatum'],
    ['aanvraag-urgentie', { akkoordDocument: { datum: addDays(t.aanvraag, 1) } }, 'akkoorddocument-na-aanvraag', 'body.akkoordDocument.datum'],
    ['afmelding', { datum: addDays(t.aanvraag, -1) }, 'afmelding-voor-aanvraag', 'body.datum'],
    ['afmelding', { verwachteTerugkeerOp: t.afmelding }, 'terugkeer-voor-afmelding', 'body.verwachteTerugkeerOp'],
    ['heraanmelding', { datum: addDays(t.afmelding, -1) }, 'heraanmelding-voor-afmelding', 'body.datum'],
    ['intrekking-urgentie', { datum: addDays(t.besluitUrgentie, -1) }, 'intrekking-voor-urgentie', 'body.datum'],
    ['afspraak-gepland', { geplandOp: addDays(t.sleuteloverdracht, -1) }, 'afspraak-voor-sleuteloverdracht', 'body.geplandOp'],
    ['afspraak-gepland', { datum: addDays(t.afspraakGeplandOp, -1) }, 'afspraak-voor-planning', 'body.datum'],
    ['begeleidingsplan', { vastgesteldOp: addDays(t.sleuteloverdracht, -1) }, 'begeleidingsplan-voor-sleuteloverdracht', 'body.vastgesteldOp'],
    ['woonevaluatie', { datumGesprek: addDays(t.sleuteloverdracht, -1) }, 'woonevaluatie-voor-sleuteloverdracht', 'body.datumGesprek'],
    ['woonevaluatie', { datumGesprek: addDays(t.kennismaking, -1) }, 'woonevaluatie-voor-kennismaking', 'body.datumGesprek'],
    ['woonevaluatie', { datumKennismakingsgesprek: addDays(t.kennismaking, 1) }, 'datum-kennismaking-onjuist', 'body.datumKennismakingsgesprek'],
    ['voordracht-omklap', { startZelfstandigWonen: addDays(t.sleuteloverdracht, -1) }, 'startdatum-verhuur-onjuist', 'body.startZelfstandigWonen'],
    ['toets-derde', { datum: addDays(t.voordracht, -1) }, 'toets-voor-voordracht', 'body.datum'],
    ['besluit-omklap', { besluitDatum: addDays(t.toetsDerde, -1) }, 'besluit-voor-toets', 'body.besluitDatum'],
    ['huurcontract-eigen-naam', { ingangsdatum: addDays(t.besluitOmklap, -1) }, 'contract-voor-besluit', 'body.ingangsdatum'],
    ['einde-intermediaire-verhuur', { datum: addDays(t.sleuteloverdracht, -1) }, 'einde-voor-sleuteloverdracht', 'body.datum'],
    ['duurzame-verhuur', { datumWoonevaluatie: tomorrow }, 'woonevaluatie-onbekend', 'body.datumWoonevaluatie'],
    ['duurzame-verhuur', { herzienOp: t.woonevaluatie }, 'herzien-voor-besluit', 'body.herzienOp'],
    ['overlast-melding', { ontvangenOp: addDays(t.sleuteloverdracht, -1) }, 'melding-voor-sleuteloverdracht', 'body.ontvangenOp'],
    ['overlast-actie', { datum: addDays(t.overlastMelding, -1) }, 'actie-voor-melding', 'body.datum'],
    ['mzwo-escalatie', { datum: addDays(t.sleuteloverdracht, -1) }, 'melding-voor-sleuteloverdracht', 'body.datum'],
    ['woningruil', { onafhankelijkeDerdeGetoetstOp: addDays(t.woningruil, 1) }, 'toets-na-besluit', 'body.onafhankelijkeDerdeGetoetstOp'],
    ['verhuizing', { datum: addDays(t.sleuteloverdracht, -1), onafhankelijkeDerdeGetoetstOp: addDays(t.sleuteloverdracht, -2) }, 'verhuizing-voor-sleuteloverdracht', 'body.datum'],
    ['besluit-woningruil', { besluitDatum: addDays(t.woningruil, -1) }, 'besluit-voor-verzoek', 'body.besluitDatum'],
    ['nieuwe-kans', { grootOverleg: { datum: addDays(t.nieuweKansBrief, 1) } }, 'brief-voor-besluit', 'body.grootOverleg.datum'],
    ['time-out', { datum: addDays(t.sleuteloverdracht, -1) }, 'time-out-voor-sleuteloverdracht', 'body.datum'],
    ['fibu-afspraken', { volgendeEvaluatieOp: t.fibuAfspraken }, 'evaluatie-voor-afspraken', 'body.volgendeEvaluatieOp'],
    ['fibu-evaluatie', { datum: addDays(t.fibuAfspraken, -1) }, 'evaluatie-voor-afspraken', 'body.datum'],
    ['vijfjarencontract', { startOp: addDays(t.contractEigenNaam, -1) }, 'vijfjarencontract-voor-contract', 'body.startOp'],
  ] as const)('%s with %j: %s at %s', (action, overrides, rule, path) => {
    expect(ruleOf(() => submit(action, overrides))).toEqual({ rule, paths: [path] });
  });
});
