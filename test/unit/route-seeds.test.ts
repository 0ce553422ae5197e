/**
 * The route as the seeds write it (issue 14): each describe block is one numbered point of the issue, each test cites
 * the seed sentence it encodes.
 */
import { describe, expect, it } from 'vitest';
import type { CaseEvent, CaseState } from '../../shared/domain/case.js';
import { planQueue } from '../../shared/domain/wonen-queue.js';
import { evaluate, history, type Spec } from '../support/history.js';

const CASE = ['case-aangemaakt', '2026-01-05'] as const satisfies Spec;

function only<T extends { ruleId: string }>(items: T[], ruleId: string): T {
  const found = items.filter((d) => d.ruleId === ruleId);
  expect(found, ruleId).toHaveLength(1);
  return found[0]!;
}

const STATE: CaseState = {
  caseId: 'case-1',
  reference: 'OMS-2027-000042',
  regio: 'amsterdam',
  route: 'MO',
  doelgroep: 'volwassene',
  clientPseudonym: 'J.D.',
  zorgaanbiederId: 'za-1',
  phase: 'toets_wonen',
  version: 3,
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2027-04-29T09:00:00.000Z',
  facts: {},
};

describe('2. Wonen’s 5 werkdagen start on receipt (001 §4: "Na ontvangst … toetst de afdeling Wonen binnen 5 werkdagen")', () => {
  // A toets derde dated two weeks back, recorded (received by Wonen) on Thursday 29 April 2027.
  const backDated = history(
    CASE,
    ['voordracht-omklap', '2027-04-12'],
    ['toets-derde', '2027-04-15', { akkoord: true }, { recordedAt: '2027-04-29T09:00:00.000Z' }],
  );

  it('the deadline runs 5 werkdagen from the day it was recorded, not from the form’s own date', () => {
    const toets = only(evaluate(backDated, { now: '2027-04-29T10:00:00Z', phase: 'toets_wonen' }), 'wonen-toets-omklap');
    // 30 april (1), 3, 4 mei (2, 3); 5 mei and Hemelvaartsdag 6 mei are holidays; 7 (4), 10 mei (5).
    expect(toets).toMatchObject({ status: 'open', dueDate: '2027-05-10' });
    expect(toets.stages.every((s) => !s.passed)).toBe(true);
  });

  it('the queue item is received on the day it was recorded; the form keeps its own date in the history', () => {
    const event = backDated[2]!;
    const ops = planQueue({ before: { phase: 'voordracht' }, after: STATE, event, history: backDated, items: [] });
    const created = ops.find((o) => o.op === 'create');
    expect(created?.op === 'create' && created.item).toMatchObject({ receivedOn: '2027-04-29', dueDate: '2027-05-10' });
    expect(event.occurredOn).toBe('2027-04-15');
  });

  it('the same for every Wonen intake: the aanvraag urgentie, recorded after midnight Amsterdam time', () => {
    const events: CaseEvent[] = history(CASE, ['aanvraag-urgentie', '2026-03-02', {}, { recordedAt: '2026-03-16T23:30:00.000Z' }]);
    // 23:30 UTC on 16 March is 00:30 on 17 March in Amsterdam: received on Tuesday 17 March.
    const toets = only(evaluate(events, { now: '2026-03-17T08:00:00Z', phase: 'urgentie_aangevraagd' }), 'wonen-toets-urgentie');
    expect(toets).toMatchObject({ status: 'open', dueDate: '2026-03-24' });
  });

  it('a correction keeps the receipt of the submission it corrects', () => {
    const events = history(
      CASE,
      ['aanvraag-urgentie', '2026-04-01'],
      ['aanvraag-urgentie', '2026-03-30', {}, { supersedes: 2, recordedAt: '2026-04-06T09:00:00.000Z' }],
    );
    const toets = only(evaluate(events, { now: '2026-04-06T10:00:00Z', phase: 'urgentie_aangevraagd' }), 'wonen-toets-urgentie');
    // 2, 3 april; 6 april is 2e Paasdag; 7, 8, 9 april.
    expect(toets).toMatchObject({ dueDate: '2026-04-09', startedBy: 3 });
  });
});

describe('4. Bezichtiging "indien gewenst" (002 WA1 stap 2: "bezichtigt (indien gewenst) binnen 2 werkdagen nadat de woning beschikbaar/leeg is")', () => {
  const aanbod = ['woningaanbod', '2026-06-01', { aanbodId: 'A1', beschikbaarOp: '2026-06-08' }] as const satisfies Spec;

  it('a reactie "akkoord zonder bezichtiging" meets the bezichtiging deadline: nothing escalates', () => {
    const events = history(CASE, aanbod, ['reactie-aanbod', '2026-06-02', { aanbodId: 'A1', reactie: 'akkoord-zonder-bezichtiging' }]);
    const d = only(evaluate(events, { now: '2026-06-15T10:00:00Z', phase: 'aanbod' }), 'aanbod-bezichtiging');
    expect(d).toMatchObject({ status: 'met', metOn: '2026-06-02', dueDate: '2026-06-10' });
  });

  it('a reactie that wants a bezichtiging does not meet it', () => {
    const events = history(CASE, aanbod, ['reactie-aanbod', '2026-06-02', { aanbodId: 'A1', reactie: 'bezichtiging-gewenst' }]);
    expect(only(evaluate(events, { now: '2026-06-15T10:00:00Z', phase: 'aanbod' }), 'aanbod-bezichtiging').status).toBe('overdue');
  });

  it('a reactie for another aanbod does not meet it', () => {
    const events = history(CASE, aanbod, ['reactie-aanbod', '2026-06-02', { aanbodId: 'A2', reactie: 'akkoord-zonder-bezichtiging' }]);
    expect(only(evaluate(events, { now: '2026-06-15T10:00:00Z', phase: 'aanbod' }), 'aanbod-bezichtiging').status).toBe('overdue');
  });
});

describe('3. Begeleidingsplan (002 WA2: "uiterlijk binnen zes weken na de kennismaking tussen de zorgaanbieder en de bewoner")', () => {
  it('runs six weeks from the sleutelmoment, not from the kennismakingsgesprek with the corporatie', () => {
    // Monday 2 March 2026 + 6 weeks = Monday 13 April 2026; the corporatie's gesprek on 20 May changes nothing.
    const events = history(CASE, ['sleuteloverdracht', '2026-03-02'], ['kennismaking', '2026-05-20']);
    expect(only(evaluate(events, { now: '2026-05-21T10:00:00Z' }), 'begeleidingsplan')).toMatchObject({ dueDate: '2026-04-13', status: 'overdue' });
  });

  it('a plan recorded before the kennismakingsgesprek meets it', () => {
    const events = history(CASE, ['sleuteloverdracht', '2026-03-02'], ['begeleidingsplan', '2026-04-01'], ['kennismaking', '2026-05-20']);
    expect(only(evaluate(events, { now: '2026-05-21T10:00:00Z' }), 'begeleidingsplan')).toMatchObject({ status: 'met', metOn: '2026-04-01' });
  });
});
