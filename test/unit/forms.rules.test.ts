/**
 * The rules of the route the forms enforce, one by one: the voordracht voor omklap (001 §4; 002 WA3, WA8, Bijlage 3a),
 * the overlast protocol's order (002 Bijlage 1), the one offer and the two-year block (001 §3), and the smaller rules
 * of the other forms. Pure: cases are built in memory with the sample bodies.
 */
import { isAkkoordEvent } from '../../shared/domain/akkoord.js';
import type { CaseEvent } from '../../shared/domain/case.js';
import { describe, expect, it } from 'vitest';
import { addDays, addYears } from '../../shared/domain/calendar.js';
import { RuleViolated } from '../../shared/domain/errors.js';
import type { Action } from '../../shared/domain/phases.js';
import {
  FIXTURE_TODAY,
  PRINCIPALS,
  applyForm,
  applySteps,
  caseReadyFor,
  newCase,
  STEPS_BEFORE,
  timeOutEinde,
  validInput,
  walkDates,
  type CaseFile,
  type Overrides,
} from './forms.fixtures.js';

const t = walkDates(FIXTURE_TODAY);

function rule(fn: () => unknown): { rule: string; paths: string[] } {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleViolated) return { rule: error.rule, paths: error.errors.map((e) => e.path) };
    throw error;
  }
  throw new Error('expected a RuleViolated');
}

/** The history's forms, not the corporatie's answers on them (akkoord.ts). */
const isFormEvent = (e: Pick<CaseEvent, 'type'>) => !isAkkoordEvent(e);

function next(file: CaseFile, action: Action, overrides: Overrides = {}, options: Parameters<typeof applyForm>[3] = {}): CaseFile {
  const { state, history } = applyForm(file, action, validInput(action, overrides), options);
  return { state, history };
}

// -----------------------------------------------------------------------------------------------------------------
// Voordracht voor omklap
// -----------------------------------------------------------------------------------------------------------------

describe('voordracht voor omklap (001 §4; 002 WA3, WA8 stap 3, Bijlage 3a)', () => {
  const ready = () => caseReadyFor('voordracht-omklap');

  it('is accepted one year after the sleuteloverdracht, on the day itself', () => {
    const oneYear = addYears(t.sleuteloverdracht, 1);
    const file = applySteps(newCase(), STEPS_BEFORE.kennismaking);
    const evaluated = next(next(file, 'kennismaking'), 'woonevaluatie', { datumGesprek: oneYear, handtekeningen: { bewoner: { datum: oneYear } } });
    const { state } = applyForm(evaluated, 'voordracht-omklap', validInput('voordracht-omklap', { datumVoordracht: oneYear, woonevaluatie: { datumEvaluatiemoment: oneYear }, doelen: { dagbesteding: { datumEvaluatiemoment: oneYear }, sociaal: { datumEvaluatiemoment: oneYear }, psychisch: { datumEvaluatiemoment: oneYear }, financieel: { datumEvaluatiemoment: oneYear } }, akkoordClient: { datum: oneYear } }));
    expect(state.phase).toBe('voordracht');
  });

  it('omklap-te-vroeg: not before one year of begeleiding since the sleuteloverdracht', () => {
    const dayBefore = addDays(addYears(t.sleuteloverdracht, 1), -1);
    const file = applySteps(newCase(), STEPS_BEFORE.kennismaking);
    const evaluated = next(next(file, 'kennismaking'), 'woonevaluatie', { datumGesprek: dayBefore, handtekeningen: { bewoner: { datum: dayBefore } } });
    expect(rule(() => next(evaluated, 'voordracht-omklap', { datumVoordracht: dayBefore, woonevaluatie: { datumEvaluatiemoment: dayBefore } }))).toEqual({
      rule: 'omklap-te-vroeg',
      paths: ['body.datumVoordracht'],
    });
  });

  it('woonevaluatie-eerst: at least one woonevaluatie before the voordracht', () => {
    const file = caseReadyFor('begeleidingsplan'); // kennismaking, no woonevaluatie
    expect(rule(() => next(file, 'voordracht-omklap'))).toEqual({ rule: 'woonevaluatie-eerst', paths: ['body.woonevaluatie.datumEvaluatiemoment'] });
  });

  it('woonevaluatie-onbekend: the evaluatiemoment named must be a recorded woonevaluatie', () => {
    expect(rule(() => next(ready(), 'voordracht-omklap', { woonevaluatie: { datumEvaluatiemoment: addDays(t.woonevaluatie, -1) } }))).toEqual({
      rule: 'woonevaluatie-onbekend',
      paths: ['body.woonevaluatie.datumEvaluatiemoment'],
    });
  });

  it('doelen-niet-behaald: every gepersonaliseerd doel behaald, each one named', () => {
    expect(rule(() => next(ready(), 'voordracht-omklap', { doelen: { sociaal: { akkoord: false }, financieel: { akkoord: false } } }))).toEqual({
      rule: 'doelen-niet-behaald',
      paths: ['body.doelen.sociaal.akkoord', 'body.doelen.financieel.akkoord'],
    });
  });

  it('doel-kinderen-ontbreekt: with children goal 5 is part of the voordracht', () => {
    const kinderen = { huishouden: { aantalKinderen: 1 }, doelen: { veiligheid_kinderen: 'Kinderen gaan naar school en de opvang' } };
    const steps = STEPS_BEFORE['voordracht-omklap'].map((s) => (s.action === 'aanvraag-urgentie' ? { action: s.action, overrides: kinderen } : s));
    const file = applySteps(newCase(), steps);
    expect(rule(() => next(file, 'voordracht-omklap'))).toEqual({ rule: 'doel-kinderen-ontbreekt', paths: ['body.doelen.veiligheid_kinderen'] });
    const doel5 = { doel: 'Veilige thuissituatie', behaaldOmdat: 'Jeugdbescherming tevreden', beoordeeldDoor: 'OKT', akkoord: true, datumEvaluatiemoment: t.woonevaluatie };
    expect(next(file, 'voordracht-omklap', { doelen: { veiligheid_kinderen: doel5 } }).state.phase).toBe('voordracht');
  });

  it('the corporatie agreed at the woonevaluatie: one still waiting for its akkoord does not count (001 §4)', () => {
    const file = ready();
    const waiting = { ...file, history: file.history.filter((e) => !(e.type === 'akkoord-gegeven' && e.data.formulier === 'woonevaluatie')) };
    expect(rule(() => next(waiting, 'voordracht-omklap'))).toEqual({ rule: 'woonevaluatie-eerst', paths: ['body.woonevaluatie.datumEvaluatiemoment'] });
    expect(next(file, 'voordracht-omklap').state.phase).toBe('voordracht');
  });

  it('evaluatiemoment-na-voordracht: a goal cannot be judged after the voordracht', () => {
    expect(rule(() => next(ready(), 'voordracht-omklap', { doelen: { psychisch: { datumEvaluatiemoment: addDays(t.voordracht, 1) } } }))).toEqual({
      rule: 'evaluatiemoment-na-voordracht',
      paths: ['body.doelen.psychisch.datumEvaluatiemoment'],
    });
  });

  it('is refused in the wrong phase by the matrix, not by a rule', () => {
    expect(() => next(caseReadyFor('besluit-omklap'), 'voordracht-omklap')).toThrow(/niet toegestaan in fase 'toets_wonen'/);
  });

  it('after Wonen sends it back the case reopens in voordracht, and the next voordracht is version 2', () => {
    const terug = next(caseReadyFor('besluit-omklap'), 'besluit-omklap', { besluit: 'terug', motivatie: 'Financieel doel niet onderbouwd' });
    expect(terug.state.phase).toBe('voordracht');
    const opnieuw = applyForm(terug, 'voordracht-omklap', validInput('voordracht-omklap', { datumVoordracht: addDays(t.besluitOmklap, 1), akkoordClient: { datum: addDays(t.besluitOmklap, 1) } }));
    expect(opnieuw.event.data).toMatchObject({ versie: 2, vorigeVersie: terug.history.find((e) => e.type === 'voordracht-omklap')!.seq, vanuitFase: 'herstelfase' });
    const toets = applyForm({ state: opnieuw.state, history: opnieuw.history }, 'toets-derde', validInput('toets-derde', { datum: addDays(t.besluitOmklap, 2) }));
    expect(toets.event.data).toMatchObject({ akkoord: true, voordrachtVersie: 2 });
    expect(toets.state.phase).toBe('toets_wonen');
  });

  it('voordracht-al-getoetst: after Wonen sends it back, the same voordracht cannot go to Wonen again (002 WA8 stap 4; issue 14 point 10)', () => {
    const terug = next(caseReadyFor('besluit-omklap'), 'besluit-omklap', { besluit: 'terug', motivatie: 'Financieel doel niet onderbouwd' });
    expect(rule(() => next(terug, 'toets-derde', { datum: t.besluitOmklap }))).toEqual({ rule: 'voordracht-al-getoetst', paths: ['body.datum'] });
  });

  it('voordracht-ongewijzigd: a voordracht identical to the one Wonen sent back "voorzien van motivatie" is refused (002 WA8 stap 4)', () => {
    const file = caseReadyFor('besluit-omklap');
    const terug = next(file, 'besluit-omklap', { besluit: 'terug', motivatie: 'Financieel doel niet onderbouwd' });
    const sent = file.history.find((e) => e.type === 'voordracht-omklap')!;
    const { versie, vorigeVersie, vanuitFase, ...written } = sent.data;
    expect(rule(() => applyForm(terug, 'voordracht-omklap', written))).toEqual({ rule: 'voordracht-ongewijzigd', paths: ['body'] });
  });

  it('a correction (supersedes) is not a new version', () => {
    const first = applyForm(ready(), 'voordracht-omklap', validInput('voordracht-omklap'));
    const corrected = applyForm(first, 'voordracht-omklap', validInput('voordracht-omklap', { toelichting: 'Verbeterd' }), { supersedes: first.event.seq });
    expect(corrected.event.data.versie).toBe(1);
  });
});

describe('toets onafhankelijke derde and besluit Wonen (002 WA8 stap 3–4)', () => {
  it('not akkoord → back to the herstelfase, with redenen', () => {
    const { state, event } = applyForm(caseReadyFor('toets-derde'), 'toets-derde', validInput('toets-derde', { akkoord: false, redenen: ['doel-niet-behaald'] }));
    expect(state.phase).toBe('herstelfase');
    expect(event.data).toMatchObject({ akkoord: false, redenen: ['doel-niet-behaald'] });
  });

  it('not akkoord on a voordracht from duurzame verhuur → back to duurzame verhuur', () => {
    const duurzaam = next(caseReadyFor('duurzame-verhuur'), 'duurzame-verhuur');
    expect(duurzaam.state.phase).toBe('duurzame_verhuur');
    const voordracht = next(duurzaam, 'voordracht-omklap');
    expect(voordracht.history.filter(isFormEvent).at(-1)!.data.vanuitFase).toBe('duurzame_verhuur');
    expect(next(voordracht, 'toets-derde', { akkoord: false, redenen: ['onaanvaardbaar-risico'] }).state.phase).toBe('duurzame_verhuur');
  });

  it('derde-niet-onafhankelijk: the writer of the voordracht cannot toetsen it', () => {
    const sameUser = { ...PRINCIPALS['onafhankelijke-derde'], userId: PRINCIPALS.begeleider.userId };
    expect(rule(() => next(caseReadyFor('toets-derde'), 'toets-derde', {}, { principal: sameUser })).rule).toBe('derde-niet-onafhankelijk');
  });

  it('only the onafhankelijke derde toetst and only Wonen decides', () => {
    expect(() => next(caseReadyFor('toets-derde'), 'toets-derde', {}, { principal: PRINCIPALS.begeleider })).toThrow(/rol/);
    expect(() => next(caseReadyFor('besluit-omklap'), 'besluit-omklap', {}, { principal: PRINCIPALS.contactpersoon })).toThrow(/rol/);
  });
});

// -----------------------------------------------------------------------------------------------------------------
// Woningaanbod: one offer, the two-year block
// -----------------------------------------------------------------------------------------------------------------

describe('woningaanbod (001 §3: eenmalig aanbod; two years after a refusal)', () => {
  it('a second aanbod while one is open is refused: by the matrix in phase aanbod', () => {
    expect(() => next(caseReadyFor('reactie-aanbod'), 'woningaanbod', { aanbodId: 'YM-2025-002' })).toThrow(/niet toegestaan in fase 'aanbod'/);
  });

  it('and by the decision when the history still has an open aanbod', () => {
    const file = caseReadyFor('reactie-aanbod');
    const inconsistent = { state: { ...file.state, phase: 'wachtlijst' as const }, history: file.history };
    expect(rule(() => next(inconsistent, 'woningaanbod', { aanbodId: 'YM-2025-002' }))).toEqual({ rule: 'aanbod-loopt', paths: ['body.aanbodId'] });
  });

  it('refusal by the zorgaanbieder (niet passend): back to the wachtlijst, a new offer is allowed', () => {
    const refused = next(caseReadyFor('weigering-aanbod'), 'weigering-aanbod', { door: 'zorgaanbieder' });
    expect(refused.state.phase).toBe('wachtlijst');
    expect(refused.state.facts.aanbodGeblokkeerdTot).toBeUndefined();
    const again = next(refused, 'woningaanbod', { aanbodId: 'YM-2025-002', aanbodDatum: addDays(t.weigering, 7), beschikbaarOp: addDays(t.weigering, 10) });
    expect(again.state.phase).toBe('aanbod');
  });

  it('aanbod-id-bestaat: a new offer has its own aanbodId', () => {
    const refused = next(caseReadyFor('weigering-aanbod'), 'weigering-aanbod');
    expect(rule(() => next(refused, 'woningaanbod', { aanbodDatum: addDays(t.weigering, 7), beschikbaarOp: addDays(t.weigering, 7) }))).toEqual({
      rule: 'aanbod-id-bestaat',
      paths: ['body.aanbodId'],
    });
  });

  it('refusal by the client: no new offer for two years (facts.aanbodGeblokkeerdTot = datum + 2 jaar)', () => {
    const refused = applyForm(caseReadyFor('weigering-aanbod'), 'weigering-aanbod', validInput('weigering-aanbod', { door: 'client', redenen: ['ligging-of-buurt'] }));
    const until = addYears(t.weigering, 2);
    expect(refused.state.phase).toBe('wachtlijst');
    expect(refused.state.facts.aanbodGeblokkeerdTot).toBe(until);
    expect(refused.event.data).toMatchObject({ aanbodId: 'YM-2025-001', geblokkeerdTot: until });
    const file = { state: refused.state, history: refused.history };
    // One day before the end of the block: refused. On the day itself: allowed.
    const today = addDays(until, 5);
    expect(
      rule(() => next(file, 'woningaanbod', { aanbodId: 'YM-2027-009', aanbodDatum: addDays(until, -1), beschikbaarOp: until }, { today })),
    ).toEqual({ rule: 'aanbod-geblokkeerd', paths: ['body.aanbodDatum'] });
    expect(next(file, 'woningaanbod', { aanbodId: 'YM-2027-009', aanbodDatum: until, beschikbaarOp: until }, { today }).state.phase).toBe('aanbod');
  });

  it('the two years follow the calendar: a refusal on 29 February is blocked until 28 February', () => {
    const refused = next(caseReadyFor('weigering-aanbod', '2028-03-31'), 'weigering-aanbod', { door: 'client', datum: '2028-02-29' }, { today: '2028-03-31' });
    expect(refused.state.facts.aanbodGeblokkeerdTot).toBe('2030-02-28');
  });

  it('aanbod-onbekend: reactie, bezichtiging and weigering name the open aanbod', () => {
    for (const action of ['reactie-aanbod', 'bezichtiging', 'weigering-aanbod'] as const) {
      expect(rule(() => next(caseReadyFor(action), action, { aanbodId: 'ANDER-001' }))).toEqual({ rule: 'aanbod-onbekend', paths: ['body.aanbodId'] });
    }
  });

  it('weigering after a bezichtiging cannot predate it', () => {
    const viewed = next(caseReadyFor('bezichtiging'), 'bezichtiging', { uitkomst: 'weigeren' });
    expect(rule(() => next(viewed, 'weigering-aanbod', { datum: addDays(t.bezichtiging, -1) }))).toEqual({ rule: 'weigering-voor-bezichtiging', paths: ['body.datum'] });
    expect(next(viewed, 'weigering-aanbod', { datum: addDays(t.bezichtiging, 1) }).state.phase).toBe('wachtlijst');
  });

  it('the corporatie files its own offer under its own organisation', () => {
    const { state } = applyForm(caseReadyFor('woningaanbod'), 'woningaanbod', validInput('woningaanbod', { corporatieId: 'corp-andere' }), { principal: PRINCIPALS.contactpersoon });
    expect(state.corporatieId).toBe('corp-ymere');
  });

  it('corporatie-onbekend: the zorgaanbieder names the corporatie', () => {
    expect(rule(() => next(caseReadyFor('woningaanbod'), 'woningaanbod', { corporatieId: undefined }))).toEqual({ rule: 'corporatie-onbekend', paths: ['body.corporatieId'] });
  });
});

// -----------------------------------------------------------------------------------------------------------------
// The overlast protocol
// -----------------------------------------------------------------------------------------------------------------

describe('overlastprotocol (002 Bijlage 1)', () => {
  const melding = (file: CaseFile, meldingId: string, ontvangenOp: string) => next(file, 'overlast-melding', { meldingId, ontvangenOp });
  const actie = (file: CaseFile, meldingId: string, a: number | string, datum: string, extra: Overrides = {}) =>
    next(file, 'overlast-actie', { meldingId, actie: a, datum, corporatieGeinformeerd: undefined, ...extra });
  const terecht = { oordeel: { gedrag: 'bewust', klacht: 'terecht' } };
  const base = () => caseReadyFor('overlast-melding');
  const d = (n: number) => addDays(FIXTURE_TODAY, n);

  it('melding-onbekend: an actie refers to an existing melding', () => {
    expect(rule(() => actie(base(), 'M-NIET', 1, d(-1)))).toEqual({ rule: 'melding-onbekend', paths: ['body.meldingId'] });
  });

  it('melding-bestaat: meldingId is unique within the case; without one it is derived from the event', () => {
    const first = melding(base(), 'M-1', d(-10));
    expect(rule(() => melding(first, 'M-1', d(-9)))).toEqual({ rule: 'melding-bestaat', paths: ['body.meldingId'] });
    const derived = applyForm(first, 'overlast-melding', validInput('overlast-melding', { meldingId: undefined, ontvangenOp: d(-9) }));
    expect(derived.event.data.meldingId).toBe(`OV-${derived.event.seq}`);
  });

  it('a corrected melding keeps its own meldingId', () => {
    const first = applyForm(base(), 'overlast-melding', validInput('overlast-melding', { meldingId: 'M-1', ontvangenOp: d(-10) }));
    const corrected = applyForm(first, 'overlast-melding', validInput('overlast-melding', { meldingId: 'M-1', ontvangenOp: d(-11) }), { supersedes: first.event.seq });
    expect(corrected.event.data.meldingId).toBe('M-1');
  });

  it('actie 2 records the oordeel; actie 1 and 2 once per melding', () => {
    let file = melding(base(), 'M-1', d(-20));
    file = actie(file, 'M-1', 1, d(-19));
    expect(rule(() => actie(file, 'M-1', 1, d(-18)))).toEqual({ rule: 'actie-al-vastgelegd', paths: ['body.actie'] });
    file = actie(file, 'M-1', 2, d(-18), { oordeel: { gedrag: 'onbewust', klacht: 'terecht' } });
    expect(file.history.filter(isFormEvent).at(-1)!.data).toMatchObject({ meldingId: 'M-1', actie: 2, oordeel: { gedrag: 'onbewust', klacht: 'terecht' } });
  });

  it("'klager-nagevraagd' follows the oordeel on the same melding", () => {
    let file = melding(base(), 'M-1', d(-60));
    expect(rule(() => actie(file, 'M-1', 'klager-nagevraagd', d(-10)))).toEqual({ rule: 'protocol-volgorde', paths: ['body.actie'] });
    file = actie(file, 'M-1', 2, d(-55), { oordeel: { gedrag: 'onbewust', klacht: 'terecht' } });
    expect(actie(file, 'M-1', 'klager-nagevraagd', d(-10)).state.phase).toBe('herstelfase');
  });

  it('actie 3 only after a terecht oordeel on an earlier melding (categorie 2)', () => {
    let file = melding(base(), 'M-1', d(-20));
    file = actie(file, 'M-1', 2, d(-19), terecht);
    // On the same melding: it is not a new, repeated complaint.
    expect(rule(() => actie(file, 'M-1', 3, d(-18))).rule).toBe('protocol-volgorde');
    file = melding(file, 'M-2', d(-10));
    expect(actie(file, 'M-2', 3, d(-9)).history.filter(isFormEvent).at(-1)!.data).toMatchObject({ meldingId: 'M-2', actie: 3 });
  });

  it('an onterecht oordeel does not open categorie 2', () => {
    let file = melding(base(), 'M-1', d(-20));
    file = actie(file, 'M-1', 2, d(-19), { oordeel: { gedrag: 'onbewust', klacht: 'onterecht' } });
    file = melding(file, 'M-2', d(-10));
    expect(rule(() => actie(file, 'M-2', 3, d(-9))).rule).toBe('protocol-volgorde');
  });

  it('actions 4, 5 and 6 follow in order', () => {
    let file = melding(base(), 'M-1', d(-90));
    file = actie(file, 'M-1', 2, d(-85), terecht);
    file = melding(file, 'M-2', d(-60));
    expect(rule(() => actie(file, 'M-2', 4, d(-58))).rule).toBe('protocol-volgorde');
    file = actie(file, 'M-2', 3, d(-58));
    expect(rule(() => actie(file, 'M-2', 5, d(-40))).rule).toBe('protocol-volgorde');
    file = actie(file, 'M-2', 4, d(-40));
    expect(rule(() => actie(file, 'M-2', 6, d(-20), { ontbinding: { eiv: true, bewonerStemtIn: false } })).rule).toBe('protocol-volgorde');
    file = actie(file, 'M-2', 5, d(-20));
    const ended = actie(file, 'M-2', 6, d(-5), { ontbinding: { eiv: true, bewonerStemtIn: false } });
    expect(ended.state.phase).toBe('afgesloten');
  });

  it('a later step cannot be dated before the step it follows', () => {
    let file = melding(base(), 'M-1', d(-90));
    file = actie(file, 'M-1', 2, d(-85), terecht);
    file = melding(file, 'M-2', d(-60));
    file = actie(file, 'M-2', 3, d(-40));
    expect(rule(() => actie(file, 'M-2', 4, d(-50))).rule).toBe('protocol-volgorde');
  });

  it("melding-afgerond: after 'afgerond' the melding takes no more actions", () => {
    let file = melding(base(), 'M-1', d(-20));
    file = actie(file, 'M-1', 'afgerond', d(-5));
    expect(rule(() => actie(file, 'M-1', 1, d(-4)))).toEqual({ rule: 'melding-afgerond', paths: ['body.meldingId'] });
  });

  it('ontbinding-na-omklap: after the omklap actie 6 is not the protocol’s', () => {
    let file = caseReadyFor('vijfjarencontract'); // omgeklapt
    file = melding(file, 'M-1', d(-9));
    file = actie(file, 'M-1', 2, d(-9), terecht);
    file = melding(file, 'M-2', d(-8));
    file = actie(actie(actie(file, 'M-2', 3, d(-7)), 'M-2', 4, d(-6)), 'M-2', 5, d(-5));
    expect(rule(() => actie(file, 'M-2', 6, d(-4), { ontbinding: { eiv: true, bewonerStemtIn: true } })).rule).toBe('ontbinding-na-omklap');
  });

  it('mzwo-escalatie: the criteria of WA6, and an existing melding when one is named', () => {
    const file = melding(base(), 'M-1', d(-20));
    expect(next(file, 'mzwo-escalatie', { criteria: ['voortdurend', 'treitersituatie'], meldingId: 'M-1' }).history.filter(isFormEvent).at(-1)!.data.criteria).toEqual(['voortdurend', 'treitersituatie']);
    expect(rule(() => next(file, 'mzwo-escalatie', { meldingId: 'M-9' }))).toEqual({ rule: 'melding-onbekend', paths: ['body.meldingId'] });
  });
});

// -----------------------------------------------------------------------------------------------------------------
// The other forms' rules
// -----------------------------------------------------------------------------------------------------------------

describe('afmelding and heraanmelding (001 §3)', () => {
  it.each(['overlijden', 'vertrek-onbekende-bestemming'])('%s is definitief: the case closes', (reden) => {
    expect(next(caseReadyFor('afmelding'), 'afmelding', { soort: 'definitief', reden }).state.phase).toBe('afgesloten');
  });

  it('an afmelding during an aanbod ends the aanbod; the heraanmelding returns to the wachtlijst', () => {
    const afgemeld = next(caseReadyFor('reactie-aanbod'), 'afmelding', { reden: 'opname-kliniek' });
    expect(afgemeld.history.filter(isFormEvent).at(-1)!.data.vanuitFase).toBe('aanbod');
    const terug = next(afgemeld, 'heraanmelding');
    expect(terug.state.phase).toBe('wachtlijst');
    expect(next(terug, 'woningaanbod', { aanbodId: 'YM-2027-002', aanbodDatum: t.today, beschikbaarOp: t.today }).state.phase).toBe('aanbod');
  });

  it('before Wonen decided, a heraanmelding returns the aanvraag to Wonen', () => {
    const file = applySteps(newCase(), [{ action: 'aanvraag-urgentie' }]);
    const afgemeld = next(file, 'afmelding');
    const { state, event } = applyForm(afgemeld, 'heraanmelding', validInput('heraanmelding'));
    expect(state.phase).toBe('urgentie_aangevraagd');
    expect(event.data.naarFase).toBe('urgentie_aangevraagd');
  });
});

describe('trajectwijziging and intrekking urgentie (001 §3 Kernboodschap 5–6)', () => {
  it.each([
    ['24-uurs-zorg', true],
    ['groepswonen', true],
    ['individueel-beschermd-wonen', false],
    ['zelfstandig', false],
  ] as const)('perspectief %s: Wonen must withdraw the urgentie = %s', (perspectief, intrekken) => {
    expect(next(caseReadyFor('trajectwijziging'), 'trajectwijziging', { perspectief }).history.filter(isFormEvent).at(-1)!.data).toMatchObject({ perspectief, urgentieIntrekken: intrekken });
  });

  it('Wonen withdraws after a trajectwijziging to 24-uurs zorg: afgesloten', () => {
    const file = next(caseReadyFor('trajectwijziging'), 'trajectwijziging', { perspectief: '24-uurs-zorg' });
    expect(next(file, 'intrekking-urgentie', { reden: 'perspectief-gewijzigd' }).state.phase).toBe('afgesloten');
  });

  it('geen-trajectwijziging: the perspectief reason needs the trajectwijziging', () => {
    expect(rule(() => next(caseReadyFor('intrekking-urgentie'), 'intrekking-urgentie', { reden: 'perspectief-gewijzigd' }))).toEqual({
      rule: 'geen-trajectwijziging',
      paths: ['body.reden'],
    });
  });

  it('geen-urgentie: nothing to withdraw before Wonen granted it', () => {
    expect(rule(() => next(caseReadyFor('besluit-urgentie'), 'intrekking-urgentie')).rule).toBe('geen-urgentie');
  });
});

describe('kennismaking and woonevaluatie frequency (002 WA4 noot 5, Bijlage 2a)', () => {
  it('half-yearly for a jongvolwassene by default; more than six months refused', () => {
    const file = caseReadyFor('kennismaking', FIXTURE_TODAY, { doelgroep: 'jongvolwassene' });
    expect(applyForm(file, 'kennismaking', validInput('kennismaking')).event.data.evaluatieFrequentieMaanden).toBe(6);
    expect(rule(() => next(file, 'kennismaking', { evaluatieFrequentieMaanden: 12 }))).toEqual({
      rule: 'evaluatiefrequentie-te-laag',
      paths: ['body.evaluatieFrequentieMaanden'],
    });
  });

  it('more often when agreed, and the woonevaluatie carries the agreement forward', () => {
    const agreed = next(caseReadyFor('kennismaking'), 'kennismaking', { evaluatieFrequentieMaanden: 3 });
    expect(agreed.history.filter(isFormEvent).at(-1)!.data.evaluatieFrequentieMaanden).toBe(3);
    expect(applyForm(agreed, 'woonevaluatie', validInput('woonevaluatie')).event.data.evaluatieFrequentieMaanden).toBe(3);
    expect(applyForm(agreed, 'woonevaluatie', validInput('woonevaluatie', { evaluatieFrequentieMaanden: 4 })).event.data.evaluatieFrequentieMaanden).toBe(4);
  });

  it('a woonevaluatie with a voordracht needs every goal behaald (002 WA8 stap 3)', () => {
    expect(rule(() => next(caseReadyFor('woonevaluatie'), 'woonevaluatie', { omklap: { alleDoelenBehaald: false } }))).toEqual({
      rule: 'doelen-niet-behaald',
      paths: ['body.omklap.alleDoelenBehaald'],
    });
  });

  it('a woonevaluatie without kennismaking (UMO/UJO-tafel, 002 WA8) is possible', () => {
    const file = caseReadyFor('kennismaking');
    expect(next(file, 'woonevaluatie', { datumKennismakingsgesprek: undefined }).state.phase).toBe('herstelfase');
  });

  it('the begeleidingsplan may be recorded before the kennismakingsgesprek with the corporatie (002 WA2: "na de kennismaking tussen de zorgaanbieder en de bewoner")', () => {
    expect(next(caseReadyFor('kennismaking'), 'begeleidingsplan').state.phase).toBe('herstelfase');
  });

  it('begeleidingsplan-voor-sleuteloverdracht: not before the sleutelmoment on the woning (002 WA2, WA3)', () => {
    expect(rule(() => next(caseReadyFor('kennismaking'), 'begeleidingsplan', { vastgesteldOp: t.reactie, akkoordClient: { akkoord: true, initialen: 'J.D.', datum: t.reactie } }))).toEqual({
      rule: 'begeleidingsplan-voor-sleuteloverdracht',
      paths: ['body.vastgesteldOp'],
    });
  });

  it('the sleuteloverdracht is where the verhuur starts: a kennismaking without one is refused', () => {
    const file = newCase({ phase: 'herstelfase', corporatieId: 'corp-ymere' });
    expect(rule(() => next(file, 'kennismaking')).rule).toBe('geen-sleuteloverdracht');
  });
});

describe('duurzame verhuur (002 WA3)', () => {
  it('woonevaluatie-eerst: decided in a woonevaluatie', () => {
    expect(rule(() => next(caseReadyFor('kennismaking'), 'duurzame-verhuur'))).toEqual({ rule: 'woonevaluatie-eerst', paths: ['body.datumWoonevaluatie'] });
  });
});

describe('time-out (002 WA5)', () => {
  it('start then einde; the duration is recorded', () => {
    const started = next(caseReadyFor('time-out'), 'time-out');
    const { event } = applyForm(started, 'time-out', timeOutEinde());
    expect(event.data).toMatchObject({ fase: 'einde', startOp: t.timeOutStart, duurDagen: 7, langerDanTweeWeken: false });
  });

  it('an einde after more than two weeks is still recorded, and flagged', () => {
    const started = next(caseReadyFor('time-out'), 'time-out', { datum: addDays(t.today, -20) });
    expect(applyForm(started, 'time-out', timeOutEinde({ datum: t.today })).event.data).toMatchObject({ duurDagen: 20, langerDanTweeWeken: true });
  });

  it('geen-time-out and time-out-loopt', () => {
    expect(rule(() => applyForm(caseReadyFor('time-out'), 'time-out', timeOutEinde()))).toEqual({ rule: 'geen-time-out', paths: ['body.fase'] });
    const started = next(caseReadyFor('time-out'), 'time-out');
    expect(rule(() => next(started, 'time-out')).rule).toBe('time-out-loopt');
    expect(rule(() => applyForm(started, 'time-out', timeOutEinde({ datum: addDays(t.timeOutStart, -1) }))).rule).toBe('einde-voor-start');
  });
});

describe('woningruil and verhuizing (002 Bijlage 6)', () => {
  it.each([
    [45, 65, false, true], //  ongelijk, 61 m² or more: Wonen
    [45, 60, false, false], // at most 60 m²: no Wonen
    [70, 70, true, false], //  gelijksoortig: no Wonen
  ] as const)('ruil %i → %i m² (gelijksoortig %s): ongelijk = %s', (huidig, nieuw, gelijksoortig, ongelijk) => {
    const data = next(caseReadyFor('woningruil'), 'woningruil', { huidigeWoningM2: huidig, nieuweWoningM2: nieuw, gelijksoortig }).history.filter(isFormEvent).at(-1)!.data;
    expect(data).toMatchObject({ ongelijk, naarWonen: ongelijk });
  });

  it('verhuizing from below 61 m² to a bigger home goes to Wonen (naarGroter)', () => {
    expect(next(caseReadyFor('verhuizing'), 'verhuizing', { huidigeWoningM2: 50, nieuweWoningM2: 62, gelijksoortig: false }).history.filter(isFormEvent).at(-1)!.data).toMatchObject({ naarGroter: true });
  });

  it('verhuizing-woning-niet-passend: from 61 m² or more only to a gelijksoortige home or one of at most 60 m²', () => {
    expect(rule(() => next(caseReadyFor('verhuizing'), 'verhuizing', { huidigeWoningM2: 70, nieuweWoningM2: 80, gelijksoortig: false }))).toEqual({
      rule: 'verhuizing-woning-niet-passend',
      paths: ['body.nieuweWoningM2'],
    });
  });

  it('verhuizing-reden-niet-toegestaan: not for gehorigheid or kwaliteit alone, unless the corporatie cannot solve it', () => {
    const file = caseReadyFor('verhuizing');
    expect(rule(() => next(file, 'verhuizing', { redenen: ['gehorigheid', 'kwaliteit-woning'] }))).toEqual({ rule: 'verhuizing-reden-niet-toegestaan', paths: ['body.redenen'] });
    expect(next(file, 'verhuizing', { redenen: ['gehorigheid'], corporatieKanNietOplossen: true }).state.phase).toBe('herstelfase');
    expect(next(file, 'verhuizing', { redenen: ['gehorigheid', 'woonsituatie-belemmert-traject'] }).state.phase).toBe('herstelfase');
  });

  it('ggd-advies-ontbreekt: a medical reason needs the GGD-arts, recorded as yes/no only', () => {
    const file = caseReadyFor('verhuizing');
    expect(rule(() => next(file, 'verhuizing', { redenen: [], medischeReden: true }))).toEqual({ rule: 'ggd-advies-ontbreekt', paths: ['body.ggdAdviesAanwezig'] });
    const { data } = next(file, 'verhuizing', { redenen: [], medischeReden: true, ggdAdviesAanwezig: true }).history.filter(isFormEvent).at(-1)!;
    expect(Object.keys(data)).not.toContain('aandoening');
  });

  it('gezinsuitbreiding needs Wonen too', () => {
    expect(next(caseReadyFor('verhuizing'), 'verhuizing', { redenen: ['gezinsuitbreiding'] }).history.filter(isFormEvent).at(-1)!.data).toMatchObject({ naarGroter: false, wonenAkkoordNodig: true });
  });

  it('besluit-woningruil decides the open request; without one it is refused; one request at a time', () => {
    expect(rule(() => next(caseReadyFor('woningruil'), 'besluit-woningruil')).rule).toBe('geen-verzoek');
    const pending = next(caseReadyFor('woningruil'), 'woningruil');
    expect(rule(() => next(pending, 'verhuizing', { nieuweWoningM2: 62, gelijksoortig: false })).rule).toBe('verzoek-loopt');
    const decided = next(pending, 'besluit-woningruil', { besluit: 'afgewezen', motivatie: 'Niet passend' });
    expect(rule(() => next(decided, 'besluit-woningruil')).rule).toBe('geen-verzoek');
  });
});

describe('nieuwe kans, fibu, vijfjarencontract', () => {
  it('alleen-nieuwe-kans: only for route NIEUWE_KANS; once', () => {
    expect(rule(() => next(newCase(), 'nieuwe-kans')).rule).toBe('alleen-nieuwe-kans');
    const once = next(caseReadyFor('nieuwe-kans'), 'nieuwe-kans');
    expect(rule(() => next(once, 'nieuwe-kans')).rule).toBe('nieuwe-kans-bestaat');
  });

  it('fibu-afspraken-eerst', () => {
    expect(rule(() => next(caseReadyFor('fibu-afspraken'), 'fibu-evaluatie')).rule).toBe('fibu-afspraken-eerst');
  });

  it('geen-vijfjarencontract: only after a vijfjarencontract op eigen naam, or for a jongvolwassene', () => {
    const onbepaald = next(caseReadyFor('huurcontract-eigen-naam'), 'huurcontract-eigen-naam', { vijfjarencontract: false });
    expect(rule(() => next(onbepaald, 'vijfjarencontract')).rule).toBe('geen-vijfjarencontract');
    const jong = caseReadyFor('huurcontract-eigen-naam', FIXTURE_TODAY, { doelgroep: 'jongvolwassene' });
    expect(next(next(jong, 'huurcontract-eigen-naam', { vijfjarencontract: undefined }), 'vijfjarencontract', { leeftijd: { bijPlaatsing: 20, bijOmklap: 22 } }).state.phase).toBe('omgeklapt');
  });
});
