/**
 * The phase flow per regio (issue 14 point 12): a regio's rule set (shared/domain/regio.ts) says which forms it has and
 * how its omklap goes; its transition matrix follows from that. Walked breadth-first: no dead end, no form of another
 * regio. And a klantreis-2023 case reaches omgeklapt through the eindevaluatie of 003 ("Bij een positieve eindevaluatie
 * wordt het huurcontract op naam van de client gezet"), with no Wonen toets on the way.
 */
import { describe, expect, it } from 'vitest';
import { REGIOS, type Regio } from '../../shared/domain/case.js';
import { evaluateDeadlines } from '../../shared/domain/deadlines/index.js';
import { rulesFor } from '../../shared/domain/deadlines/rules.js';
import { RuleViolated } from '../../shared/domain/errors.js';
import { notificationsFor } from '../../shared/domain/notifications.js';
import { ACTIONS, BESLUIT_WONEN_FORMS, PHASES, type Phase } from '../../shared/domain/phases.js';
import { isAllowedIn, REGIO_RULES, regioMatrix, targetsIn } from '../../shared/domain/regio.js';
import { actionsAvailable, ROLES } from '../../shared/domain/roles.js';
import { planQueue } from '../../shared/domain/wonen-queue.js';
import { amsterdamInstant } from '../../shared/domain/calendar.js';
import { applyForm, applySteps, FIXTURE_TODAY, newCase, validInput, type CaseFile, type Step } from './forms.fixtures.js';

/** The phases reachable from `start` by the regio's forms (breadth-first over its matrix). */
function reachable(regio: Regio, start: Phase): Set<Phase> {
  const seen = new Set<Phase>([start]);
  const queue: Phase[] = [start];
  while (queue.length > 0) {
    const phase = queue.shift()!;
    for (const action of ACTIONS) {
      if (!isAllowedIn(regio, action, phase)) continue;
      for (const next of targetsIn(regio, action, phase)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
  }
  return seen;
}

describe('the transition matrix of each regio, walked from the onderzoek', () => {
  for (const regio of REGIOS) {
    const rules = REGIO_RULES[regio];
    const fromStart = reachable(regio, 'onderzoek');

    it(`${regio}: every reachable phase has a way on to ${rules.omklap ? 'omgeklapt' : 'afgesloten'} (no dead end)`, () => {
      for (const phase of fromStart) {
        if (phase === 'afgesloten' || phase === 'omgeklapt') continue;
        const onwards = reachable(regio, phase);
        // With an omklap the route must be able to end in the contract op eigen naam from every open phase; without
        // one (004), it must be closable.
        expect(onwards.has(rules.omklap ? 'omgeklapt' : 'afgesloten'), `${regio}: from ${phase}`).toBe(true);
        expect(onwards.has('afgesloten'), `${regio}: ${phase} can be closed`).toBe(true);
      }
      expect(fromStart.has('omgeklapt')).toBe(rules.omklap !== undefined);
    });

    it(`${regio}: no form outside its forms is allowed in any phase, nor offered to any role`, () => {
      const outside = ACTIONS.filter((a) => !rules.forms.includes(a));
      for (const phase of PHASES) {
        for (const action of outside) expect(isAllowedIn(regio, action, phase), `${action} in ${phase}`).toBe(false);
        for (const role of ROLES) {
          for (const action of actionsAvailable(role, phase, regio)) expect(rules.forms, `${role} in ${phase}`).toContain(action);
        }
      }
    });

    it(`${regio}: every reachable phase but afgesloten allows some form of the regio`, () => {
      for (const phase of fromStart) {
        if (phase === 'afgesloten') continue;
        expect(rules.forms.some((a) => isAllowedIn(regio, a, phase)), phase).toBe(true);
      }
    });
  }

  it('Amsterdam (002 WA8 stap 3–4): the omklap runs voordracht → toets derde → toets Wonen; the woonevaluatie moves nothing', () => {
    expect(REGIO_RULES.amsterdam.omklap?.weg).toBe('besluit-wonen');
    const phases = reachable('amsterdam', 'onderzoek');
    for (const p of ['voordracht', 'toets_wonen', 'omklap_akkoord', 'omgeklapt'] as const) expect(phases.has(p), p).toBe(true);
    expect(targetsIn('amsterdam', 'woonevaluatie', 'herstelfase')).toEqual(['herstelfase']);
  });

  it('klantreis-2023 (003 Omkappen huurcontract): no voordracht, no toets derde, no toets Wonen; the eindevaluatie leads to omklap_akkoord', () => {
    expect(REGIO_RULES['klantreis-2023'].omklap?.weg).toBe('eindevaluatie');
    for (const a of BESLUIT_WONEN_FORMS) expect(REGIO_RULES['klantreis-2023'].forms).not.toContain(a);
    const phases = reachable('klantreis-2023', 'onderzoek');
    expect(phases.has('voordracht')).toBe(false);
    expect(phases.has('toets_wonen')).toBe(false);
    expect(targetsIn('klantreis-2023', 'woonevaluatie', 'herstelfase')).toEqual(['herstelfase', 'omklap_akkoord']);
    expect(regioMatrix('klantreis-2023')['huurcontract-eigen-naam'].from).toEqual(['omklap_akkoord']);
  });

  it('Drechtsteden (004): no omklap; a case ends afgesloten from the herstelfase (einde intermediaire verhuur) and from the wachtlijst (afmelding)', () => {
    expect(REGIO_RULES.drechtsteden.omklap).toBeUndefined();
    expect(isAllowedIn('drechtsteden', 'einde-intermediaire-verhuur', 'herstelfase')).toBe(true);
    expect(isAllowedIn('drechtsteden', 'afmelding', 'wachtlijst')).toBe(true);
    expect(isAllowedIn('drechtsteden', 'huurcontract-eigen-naam', 'omklap_akkoord')).toBe(false);
  });
});

describe('a klantreis-2023 case to the contract op eigen naam through the eindevaluatie (003 Fase Proefwonen)', () => {
  const KLANTREIS = { regio: 'klantreis-2023' as const, route: 'MO' as const };
  const tot = (steps: Step[]): CaseFile => applySteps(newCase(KLANTREIS), steps);
  const NA_KENNISMAKING: Step[] = [
    { action: 'aanvraag-urgentie' },
    { action: 'besluit-urgentie' },
    { action: 'woningaanbod' },
    { action: 'sleuteloverdracht' },
    { action: 'kennismaking' },
  ];
  const now = amsterdamInstant(FIXTURE_TODAY, 12);

  it('the positive eindevaluatie, with the corporatie’s akkoord, opens the huurcontract op eigen naam; then omgeklapt', () => {
    const herstel = tot(NA_KENNISMAKING);
    expect(herstel.state.phase).toBe('herstelfase');
    // Before the eindevaluatie the contract cannot be filed: the matrix does not allow it in the herstelfase.
    expect(() => applyForm(herstel, 'huurcontract-eigen-naam', validInput('huurcontract-eigen-naam'))).toThrow(/niet toegestaan in fase 'herstelfase'/);
    // Waiting for the corporatie's akkoord (akkoord.ts) the eindevaluatie does not count yet.
    const waiting = applyForm(herstel, 'woonevaluatie', validInput('woonevaluatie'), { akkoord: false });
    expect(waiting.state.phase).toBe('herstelfase');
    const eind = applyForm(herstel, 'woonevaluatie', validInput('woonevaluatie'));
    expect(eind.state.phase).toBe('omklap_akkoord');
    expect(actionsAvailable('contactpersoon', eind.state.phase, 'klantreis-2023')).toContain('huurcontract-eigen-naam');
    const contract = applyForm(eind, 'huurcontract-eigen-naam', validInput('huurcontract-eigen-naam'));
    expect(contract.state.phase).toBe('omgeklapt');
  });

  it('a woonevaluatie without omklap (vervolg) keeps the case in the herstelfase', () => {
    const herstel = tot(NA_KENNISMAKING);
    const gewoon = applyForm(herstel, 'woonevaluatie', validInput('woonevaluatie', { voordracht: false, omklap: undefined, vervolg: { volgendGesprek: 'Over een jaar', bijzonderheden: 'Geen' } }));
    expect(gewoon.state.phase).toBe('herstelfase');
  });

  it('no voordracht, toets derde or besluit omklap can be filed (formulier-niet-in-regio)', () => {
    const herstel = tot(NA_KENNISMAKING);
    for (const action of BESLUIT_WONEN_FORMS) {
      expect(() => applyForm(herstel, action, validInput(action)), action).toThrow(RuleViolated);
      expect(() => applyForm(herstel, action, validInput(action)), action).toThrow(/hoort niet bij de route van regio klantreis-2023/);
    }
  });

  it('in Amsterdam the same woonevaluatie stays in the herstelfase: the omklap needs Wonen’s besluit (002 WA8 stap 4)', () => {
    const amsterdam = applySteps(newCase(), [...NA_KENNISMAKING, { action: 'woonevaluatie' }]);
    expect(amsterdam.state.phase).toBe('herstelfase');
  });

  it('no Wonen queue item, no Wonen mail and no contract term of 002 on the way; the eindevaluatie meets the proefwonen term', () => {
    const file = tot([...NA_KENNISMAKING, { action: 'woonevaluatie' }, { action: 'huurcontract-eigen-naam' }]);
    expect(file.state.phase).toBe('omgeklapt');
    for (let i = 0; i < file.history.length; i++) {
      const event = file.history[i]!;
      const history = file.history.slice(0, i + 1);
      expect(planQueue({ before: { phase: 'onderzoek' }, after: file.state, event, history, items: [] }), event.type).toEqual([]);
      const toWonen = notificationsFor(event, file.state).filter((r) => r.to.includes('woonzaken'));
      // 003 Fase Doorstroom: the gemeente is told of the woonvraag, without a term; nothing asks it to toets.
      expect(toWonen.map((r) => r.id), event.type).toEqual(event.type === 'aanvraag-urgentie' ? ['woonvraag-gemeente'] : []);
    }
    expect(rulesFor('klantreis-2023').map((r) => r.id)).not.toContain('contract-eigen-naam');
    const deadlines = evaluateDeadlines({ case: file.state, history: file.history, now });
    expect(deadlines.map((d) => d.ruleId)).not.toContain('contract-eigen-naam');
    expect(deadlines.map((d) => d.ruleId)).not.toContain('wonen-toets-omklap');
    // 003 "3 maanden voor afloop van het proefwonen-huurcontract": without the contract's end date no term is invented.
    expect(deadlines.map((d) => d.ruleId)).not.toContain('proefwonen-evaluatie');
    expect(REGIO_RULES['klantreis-2023'].zonderTermijn.join(' ')).toMatch(/proefwonenEindOp/);
  });

  it('with the end of the proefwonen contract recorded, the eindevaluatie meets its term', () => {
    const steps: Step[] = NA_KENNISMAKING.map((s) => (s.action === 'sleuteloverdracht' ? { ...s, overrides: { proefwonenEindOp: '2027-07-01' } } : s));
    const file = tot([...steps, { action: 'woonevaluatie' }]);
    const evaluatie = evaluateDeadlines({ case: file.state, history: file.history, now }).find((d) => d.ruleId === 'proefwonen-evaluatie');
    expect(evaluatie?.status).toBe('met');
  });
});
