/**
 * 002 Bijlage 4, the vijfjarencontract: its conditions (ages, the dates from which a placement counts, a new contract
 * before 28), the derived dates (einde, urgentie from half a year before), and the gemeente's letter that Wonen now
 * records (issue 14 point 1).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, amsterdamInstant } from '../../shared/domain/calendar.js';
import { evaluateDeadlines } from '../../shared/domain/deadlines/index.js';
import { RuleViolated } from '../../shared/domain/errors.js';
import { actionsAvailable } from '../../shared/domain/roles.js';
import { actionsOffered } from '../../shared/domain/forms/index.js';
import { caseView } from '../../shared/domain/views.js';
import {
  bezwaarNieuwContract,
  bezwarenEersteContract,
  DE_KEY,
  eindOp,
  LEEFTIJDSGRENS,
  PEILDATUM,
  peildatum,
  urgentieAanvragenVanaf,
  type VijfjarenInput,
} from '../../shared/domain/vijfjarencontract.js';
import { applyForm, caseReadyFor, FIXTURE_TODAY, PRINCIPALS, validInput, walkDates, type CaseFile, type Overrides } from './forms.fixtures.js';
import type { Action } from '../../shared/domain/phases.js';

const ok: VijfjarenInput = { geplaatstOp: '2026-01-05', corporatieId: 'corp-ymere', metKinderen: false, leeftijdBijPlaatsing: 22, leeftijdBijOmklap: 24 };
const day = fc.integer({ min: 0, max: 365 * 20 }).map((n) => addDays('2012-01-01', n));

function refusal(fn: () => unknown): RuleViolated {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleViolated) return error;
    throw error;
  }
  throw new Error('expected a RuleViolated');
}

describe('ages (002 Bijlage 4: "tot en met 25 jaar"; "op het moment van omklappen nog geen 28 jaar")', () => {
  it('a placement from 18 to 25 and an omklap before 28 qualifies; any other age is refused on its own field', () => {
    fc.assert(
      fc.property(fc.integer({ min: 14, max: 40 }), fc.integer({ min: 0, max: 12 }), (bijPlaatsing, jaren) => {
        const bijOmklap = bijPlaatsing + jaren;
        const fields = bezwarenEersteContract({ ...ok, leeftijdBijPlaatsing: bijPlaatsing, leeftijdBijOmklap: bijOmklap }).map((b) => b.field);
        expect(fields.includes('leeftijdBijPlaatsing')).toBe(bijPlaatsing < 18 || bijPlaatsing > 25);
        expect(fields.includes('leeftijdBijOmklap')).toBe(bijOmklap >= LEEFTIJDSGRENS);
      }),
    );
  });

  it('names the limits in Dutch', () => {
    expect(bezwarenEersteContract({ ...ok, leeftijdBijPlaatsing: 26, leeftijdBijOmklap: 28 }).map((b) => b.message)).toEqual([
      'Een vijfjarencontract na een omslagwoning is er voor wie bij de plaatsing 18 tot en met 25 jaar was (002 Bijlage 4)',
      'Wie bij het omklappen 28 jaar of ouder is, krijgt geen vijfjarencontract (002 Bijlage 4)',
    ]);
    expect(bezwarenEersteContract({ ...ok, leeftijdBijPlaatsing: 24, leeftijdBijOmklap: 23 }).map((b) => b.field)).toEqual(['leeftijdBijOmklap']);
  });

  it('a new contract on another jongerenwoning: under 28 in the last year, and only then', () => {
    fc.assert(fc.property(fc.integer({ min: 14, max: 60 }), (leeftijd) => {
        expect(bezwaarNieuwContract(leeftijd) === undefined).toBe(leeftijd < 28);
      }),
    );
  });
});

describe('the dates from which a placement counts (002 Bijlage 4 "Wie krijgt standaard een vijfjarencontract")', () => {
  it('de Key from 1 januari 2018, the other corporaties from 1 april 2018 (zonder kinderen), mét kinderen from 1 juni 2019', () => {
    expect(peildatum(DE_KEY, false)).toBe('2018-01-01');
    expect(peildatum('corp-ymere', false)).toBe('2018-04-01');
    expect(peildatum(DE_KEY, true)).toBe('2019-06-01');
    expect(peildatum('corp-ymere', true)).toBe(PEILDATUM.metKinderen);
  });

  it('a placement qualifies exactly when it is on or after the peildatum (before it: onbepaalde tijd)', () => {
    fc.assert(
      fc.property(day, fc.constantFrom(DE_KEY, 'corp-ymere', 'corp-eigen-haard'), fc.boolean(), (geplaatstOp, corporatieId, metKinderen) => {
        const refused = bezwarenEersteContract({ ...ok, geplaatstOp, corporatieId, metKinderen }).some((b) => b.field === 'geplaatstOp');
        expect(refused).toBe(geplaatstOp < peildatum(corporatieId, metKinderen));
      }),
    );
    expect(bezwarenEersteContract({ ...ok, geplaatstOp: '2018-02-01' }).map((b) => b.message)).toEqual([
      'Wie zonder kinderen vóór 2018-04-01 op de omslagwoning is gaan wonen, krijgt een huurcontract voor onbepaalde tijd (002 Bijlage 4)',
    ]);
    expect(bezwarenEersteContract({ ...ok, geplaatstOp: '2018-02-01', corporatieId: DE_KEY })).toEqual([]);
  });
});

describe('the dates of the contract ("Vijf jaar na het omklappen"; urgentie "een half jaar vóór afloop")', () => {
  it('ends five years after its start; the urgentie may be requested from half a year before the end', () => {
    fc.assert(
      fc.property(day, (start) => {
        expect(eindOp(start)).toBe(addYears(start, 5));
        expect(urgentieAanvragenVanaf(start)).toBe(addMonths(addYears(start, 5), -6));
        expect(urgentieAanvragenVanaf(start) > addYears(start, 4)).toBe(true);
      }),
    );
    expect(urgentieAanvragenVanaf('2027-06-04')).toBe('2031-12-04');
  });
});

function next(file: CaseFile, action: Action, overrides: Overrides = {}): CaseFile {
  const { state, history } = applyForm(file, action, validInput(action, overrides));
  return { state, history };
}

describe('the forms refuse a contract the seed does not give, in Dutch, on the field', () => {
  const omklap = caseReadyFor('huurcontract-eigen-naam');

  it('huurcontract op eigen naam: a vijfjarencontract needs the ages and refuses 28 at the omklap', () => {
    const withoutAge = () => next(omklap, 'huurcontract-eigen-naam', { vijfjarencontract: true });
    expect(withoutAge).toThrow(/leeftijd/);
    const old = refusal(() => next(omklap, 'huurcontract-eigen-naam', { vijfjarencontract: true, leeftijd: { bijPlaatsing: 26, bijOmklap: 28 } }));
    expect(old.rule).toBe('geen-vijfjarencontract');
    expect(old.errors.map((e) => e.path)).toEqual(['body.leeftijd.bijPlaatsing', 'body.leeftijd.bijOmklap']);
    // A contract voor onbepaalde tijd is never refused: the 'tenzij' of Bijlage 4.
    expect(next(omklap, 'huurcontract-eigen-naam', { vijfjarencontract: false }).state.phase).toBe('omgeklapt');
  });

  it('huurcontract op eigen naam: a placement before the peildatum gets onbepaalde tijd, not a vijfjarencontract', () => {
    const early = { ...omklap, state: { ...omklap.state, facts: { ...omklap.state.facts } }, history: omklap.history.map((e) => (e.type === 'sleuteloverdracht' ? { ...e, occurredOn: '2018-03-01' } : e)) };
    const refused = refusal(() => next(early, 'huurcontract-eigen-naam', { vijfjarencontract: true, leeftijd: { bijPlaatsing: 22, bijOmklap: 24 } }));
    expect(refused.errors).toEqual([{ path: 'body.vijfjarencontract', message: expect.stringContaining('vóór 2018-04-01') }]);
  });

  it('the contract op eigen naam carries the end and the urgentie date', () => {
    const start = walkDates().contractEigenNaam;
    const done = applyForm(omklap, 'huurcontract-eigen-naam', validInput('huurcontract-eigen-naam', { vijfjarencontract: true, leeftijd: { bijPlaatsing: 22, bijOmklap: 24 } }));
    expect(done.event.data).toMatchObject({ startOp: start, eindOp: addYears(start, 5), urgentieAanvragenVanaf: addMonths(addYears(start, 5), -6) });
  });

  it('vijfjarencontract nieuw op een andere jongerenwoning: after a first one, under 28 in its last year', () => {
    const first = caseReadyFor('vijfjarencontract');
    expect(() => next(first, 'vijfjarencontract', { soort: 'nieuw-op-andere-jongerenwoning' })).toThrow(/leeftijdInLaatsteJaar/);
    const old = refusal(() => next(first, 'vijfjarencontract', { soort: 'nieuw-op-andere-jongerenwoning', leeftijdInLaatsteJaar: 28 }));
    expect(old).toMatchObject({ rule: 'geen-vijfjarencontract', errors: [{ path: 'body.leeftijdInLaatsteJaar' }] });
    expect(next(first, 'vijfjarencontract', { soort: 'nieuw-op-andere-jongerenwoning', leeftijdInLaatsteJaar: 27 }).state.phase).toBe('omgeklapt');
    const jong = next(caseReadyFor('huurcontract-eigen-naam', FIXTURE_TODAY, { doelgroep: 'jongvolwassene' }), 'huurcontract-eigen-naam', { vijfjarencontract: undefined });
    expect(refusal(() => next(jong, 'vijfjarencontract', { soort: 'nieuw-op-andere-jongerenwoning', leeftijdInLaatsteJaar: 24 })).rule).toBe('geen-vorig-vijfjarencontract');
    expect(refusal(() => next(jong, 'vijfjarencontract')).rule).toBe('leeftijd-onbekend');
  });
});

describe('Wonen records the gemeente letter (002 Bijlage 4, Brief gemeente)', () => {
  const file = caseReadyFor('brief-gemeente-verstuurd');
  const start = walkDates().contractEigenNaam;
  const letterOn = addYears(start, 4);
  const later = addDays(letterOn, 2);
  const at = (date: string) => amsterdamInstant(date, 12);
  const letter = (f: CaseFile, date: string) => evaluateDeadlines({ case: f.state, history: f.history, now: at(date) }).find((d) => d.ruleId === 'vijfjarencontract-brief-gemeente');

  it('is a duty of Wonen now: overdue when not recorded, met by the form, which also stops its reminders', () => {
    expect(letter(file, later)).toMatchObject({ status: 'overdue', kind: 'termijn', actor: 'woonzaken' });
    const sent = applyForm(file, 'brief-gemeente-verstuurd', { verstuurdOp: letterOn }, { today: letterOn });
    expect(sent.event.data).toMatchObject({ verstuurdOp: letterOn, eindOp: addYears(start, 5) });
    expect(letter(sent, later)).toMatchObject({ status: 'met', metOn: letterOn });
    expect(letter(sent, later)?.late).toBeUndefined();
  });

  it('only Wonen files it, only on an omgeklapt case with a vijfjarencontract, not before its start', () => {
    expect(actionsAvailable('medewerker-wonen', 'omgeklapt', 'amsterdam')).toContain('brief-gemeente-verstuurd');
    expect(actionsAvailable('contactpersoon', 'omgeklapt', 'amsterdam')).not.toContain('brief-gemeente-verstuurd');
    expect(actionsAvailable('begeleider', 'omgeklapt', 'amsterdam')).not.toContain('brief-gemeente-verstuurd');
    const onbepaald = next(caseReadyFor('huurcontract-eigen-naam'), 'huurcontract-eigen-naam', { vijfjarencontract: false });
    expect(refusal(() => next(onbepaald, 'brief-gemeente-verstuurd')).rule).toBe('geen-vijfjarencontract');
    expect(refusal(() => next(file, 'brief-gemeente-verstuurd', { verstuurdOp: addDays(start, -1) })).rule).toBe('brief-voor-contract');
  });

  it('the dossier offers it (and the vijfjarencontract form) only where a vijfjarencontract runs', () => {
    expect(actionsOffered('medewerker-wonen', file.state, file.history)).toEqual(['brief-gemeente-verstuurd']);
    expect(actionsOffered('contactpersoon', file.state, file.history)).toContain('vijfjarencontract');
    const onbepaald = next(caseReadyFor('huurcontract-eigen-naam'), 'huurcontract-eigen-naam', { vijfjarencontract: false });
    expect(actionsOffered('medewerker-wonen', onbepaald.state, onbepaald.history)).toEqual([]);
    expect(actionsOffered('contactpersoon', onbepaald.state, onbepaald.history)).not.toContain('vijfjarencontract');
    // The role-and-phase table alone still has them: the decision would refuse, so the werkplek does not offer.
    expect(actionsAvailable('medewerker-wonen', 'omgeklapt', 'amsterdam')).toContain('brief-gemeente-verstuurd');
  });

  it('shows in the timeline of Wonen and of the corporatie', () => {
    const sent = applyForm(file, 'brief-gemeente-verstuurd', { verstuurdOp: FIXTURE_TODAY, kenmerk: 'WZ-1' });
    const wonen = caseView(PRINCIPALS['medewerker-wonen'], sent.state, sent.history).timeline!;
    expect(wonen.find((e) => e.type === 'brief-gemeente-verstuurd')?.data).toEqual({ verstuurdOp: FIXTURE_TODAY, kenmerk: 'WZ-1', eindOp: addYears(start, 5) });
    const corporatie = caseView(PRINCIPALS.contactpersoon, sent.state, sent.history).timeline!;
    expect(corporatie.find((e) => e.type === 'brief-gemeente-verstuurd')?.data).toEqual({ verstuurdOp: FIXTURE_TODAY, eindOp: addYears(start, 5) });
  });
});
