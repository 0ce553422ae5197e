/**
 * Two cases walked end to end at the domain level, applying each form's decision in sequence exactly as
 * shared/app/submit-form.ts does (role, matrix, schema, decide, targetsOf): one from the aanvraag urgentie to the
 * contract op eigen naam, one through the overlast protocol to the ontbinding. The deadline engine then reads the
 * resulting history: the event data the forms store must meet its deadlines (the data contract).
 */
import { describe, expect, it } from 'vitest';
import { addDays, amsterdamInstant } from '../../shared/domain/calendar.js';
import { evaluateDeadlines } from '../../shared/domain/deadlines/index.js';
import type { Action, Phase } from '../../shared/domain/phases.js';
import { FIXTURE_TODAY, applyForm, newCase, validInput, walkDates, type CaseFile, type Overrides } from './forms.fixtures.js';

const t = walkDates(FIXTURE_TODAY);

function walk(start: CaseFile, steps: ReadonlyArray<[Action, Overrides, Phase]>): CaseFile {
  let file = start;
  for (const [action, overrides, phase] of steps) {
    const applied = applyForm(file, action, validInput(action, overrides));
    expect(applied.state.phase, action).toBe(phase);
    expect(applied.event.seq).toBe(file.state.version + 1);
    file = { state: applied.state, history: applied.history };
  }
  return file;
}

function deadlines(file: CaseFile) {
  return evaluateDeadlines({ case: file.state, history: file.history, now: amsterdamInstant(FIXTURE_TODAY, 12) });
}

describe('a case from aanvraag urgentie to the contract op eigen naam', () => {
  const file = walk(newCase(), [
    ['aanvraag-urgentie', {}, 'urgentie_aangevraagd'],
    ['besluit-urgentie', {}, 'wachtlijst'],
    ['woningaanbod', {}, 'aanbod'],
    ['reactie-aanbod', {}, 'aanbod'],
    ['bezichtiging', {}, 'aanbod'],
    ['sleuteloverdracht', {}, 'herstelfase'],
    ['afspraak-gepland', {}, 'herstelfase'],
    ['kennismaking', {}, 'herstelfase'],
    ['begeleidingsplan', {}, 'herstelfase'],
    ['fibu-afspraken', {}, 'herstelfase'],
    ['fibu-evaluatie', {}, 'herstelfase'],
    ['afspraak-gepland', { soort: 'woonevaluatie', geplandOp: addDays(t.woonevaluatie, -30), datum: t.woonevaluatie }, 'herstelfase'],
    ['woonevaluatie', {}, 'herstelfase'],
    ['voordracht-omklap', {}, 'voordracht'],
    ['toets-derde', {}, 'toets_wonen'],
    ['besluit-omklap', {}, 'omklap_akkoord'],
    ['huurcontract-eigen-naam', { vijfjarencontract: true, leeftijd: { bijPlaatsing: 22, bijOmklap: 24 } }, 'omgeklapt'],
    ['vijfjarencontract', {}, 'omgeklapt'],
  ]);

  it('ends omgeklapt with the facts later rules need', () => {
    expect(file.state.phase).toBe('omgeklapt');
    expect(file.state.corporatieId).toBe('corp-ymere');
    expect(file.state.facts).toMatchObject({
      sleuteloverdrachtOp: t.sleuteloverdracht,
      urgentieVerleendOp: t.besluitUrgentie,
      definitieveUrgentieOp: t.besluitOmklap,
      contractEigenNaamOp: t.contractEigenNaam,
    });
    expect(file.history.map((e) => e.type)).toContain('vijfjarencontract');
  });

  it('meets every deadline of the route on time: the deadline engine reads the forms’ data', () => {
    const all = deadlines(file);
    const byRule = (id: string) => all.filter((d) => d.ruleId === id);
    for (const id of [
      'wonen-toets-urgentie',
      'woningaanbod-ambitie',
      'aanbod-reactie',
      'aanbod-bezichtiging',
      'aanbod-client-informeren',
      'kennismaking-plannen',
      'kennismaking-gehouden',
      'begeleidingsplan',
      'wonen-toets-omklap',
      'contract-eigen-naam',
    ]) {
      expect(byRule(id).map((d) => [id, d.status, d.late ?? false])).toEqual([[id, 'met', false]]);
    }
    expect(byRule('woonevaluatie')[0]).toMatchObject({ status: 'met' });
    expect(byRule('fibu-evaluatie')[0]).toMatchObject({ status: 'met' });
    // The vijfjarencontract form restarts the clocks the contract op eigen naam started (002 Bijlage 4): the latest counts.
    expect(byRule('vijfjarencontract-brief-gemeente').map((d) => d.status)).toEqual(['cancelled', 'open']);
    expect(all.filter((d) => d.status === 'overdue' || d.status === 'missed').map((d) => d.deadlineId)).toEqual([]);
  });
});

describe('a case through the overlast protocol to the ontbinding', () => {
  const d = (n: number) => addDays(FIXTURE_TODAY, n);
  const before = walk(newCase(), [
    ['aanvraag-urgentie', {}, 'urgentie_aangevraagd'],
    ['besluit-urgentie', {}, 'wachtlijst'],
    ['woningaanbod', {}, 'aanbod'],
    ['sleuteloverdracht', {}, 'herstelfase'],
    ['kennismaking', {}, 'herstelfase'],
  ]);
  const melding = (meldingId: string, ontvangenOp: string): [Action, Overrides, Phase] => ['overlast-melding', { meldingId, ontvangenOp }, 'herstelfase'];
  const actie = (meldingId: string, a: number | string, datum: string, extra: Overrides = {}, phase: Phase = 'herstelfase'): [Action, Overrides, Phase] => [
    'overlast-actie',
    { meldingId, actie: a, datum, ...extra },
    phase,
  ];
  const file = walk(before, [
    // Categorie 1: eerste klacht.
    melding('MELD-A', d(-120)),
    actie('MELD-A', 'melder-benaderd', d(-119)),
    actie('MELD-A', 1, d(-119)),
    actie('MELD-A', 2, d(-115), { oordeel: { gedrag: 'bewust', klacht: 'terecht' } }),
    // Categorie 2: a new, similar, terechte klacht; then voortduring.
    melding('MELD-B', d(-60)),
    actie('MELD-B', 'melder-benaderd', d(-60)),
    actie('MELD-B', 1, d(-59)),
    ['mzwo-escalatie', { datum: d(-58), criteria: ['voortdurend', 'meerdere-buren'], meldingId: 'MELD-B' }, 'herstelfase'],
    actie('MELD-B', 3, d(-58), { mzwoBetrokken: true }),
    actie('MELD-B', 4, d(-40), { juridischAdvies: true }),
    actie('MELD-B', 5, d(-20), { juridischAdvies: true }),
    actie('MELD-B', 6, d(-5), { juridischAdvies: true, ontbinding: { eiv: true, bewonerStemtIn: false } }, 'afgesloten'),
  ]);

  it('ends afgesloten by actie 6', () => {
    expect(file.state.phase).toBe('afgesloten');
    expect(file.history.filter((e) => e.type === 'overlast-actie').map((e) => `${e.data.meldingId}:${e.data.actie}`)).toEqual([
      'MELD-A:melder-benaderd',
      'MELD-A:1',
      'MELD-A:2',
      'MELD-B:melder-benaderd',
      'MELD-B:1',
      'MELD-B:3',
      'MELD-B:4',
      'MELD-B:5',
      'MELD-B:6',
    ]);
  });

  it('the engine sees each melding answered within two werkdagen and the second one ended by the ontbinding', () => {
    const all = deadlines(file);
    expect(all.filter((x) => x.ruleId === 'overlast-reactie').map((x) => [x.anchorKey, x.status])).toEqual([
      ['MELD-A', 'met'],
      ['MELD-B', 'met'],
    ]);
    // 002 Bijlage 1 Actie 1: informing the corporatie is its own duty, met by actie 1.
    expect(all.filter((x) => x.ruleId === 'overlast-corporatie-informeren').map((x) => [x.anchorKey, x.status])).toEqual([
      ['MELD-A', 'met'],
      ['MELD-B', 'met'],
    ]);
    expect(all.find((x) => x.deadlineId === 'overlast-opgelost:MELD-B')).toMatchObject({ status: 'met', metOn: d(-5) });
  });

  it('a closed case takes no further form', () => {
    expect(() => applyForm(file, 'overlast-melding', validInput('overlast-melding', { meldingId: 'MELD-C' }))).toThrow(/niet toegestaan in fase 'afgesloten'/);
  });
});
