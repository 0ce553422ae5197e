/** Engine semantics: corrections, back-dated events, cancellation, recurrence, determinism and invariants. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOELGROEPEN, REGIOS, ROUTE_KEYS } from '../../shared/domain/case.js';
import { addDays, amsterdamMorning, dayNumber, fromDayNumber } from '../../shared/domain/calendar.js';
import { PHASES } from '../../shared/domain/phases.js';
import {
  earliestOmklapDate,
  evaluateDeadlines,
  openDeadlines,
  replayOrder,
  type Deadline,
} from '../../shared/domain/deadlines/index.js';
import { endOfDayAmsterdam, isWerkdag } from '../../shared/domain/werkdagen.js';
import { evaluate, history, type Spec } from '../support/history.js';

function byId(deadlines: Deadline[], deadlineId: string): Deadline {
  const found = deadlines.find((d) => d.deadlineId === deadlineId);
  if (!found) throw new Error(`no ${deadlineId} in ${deadlines.map((d) => d.deadlineId).join(', ')}`);
  return found;
}

const CASE = ['case-aangemaakt', '2026-01-05'] as const satisfies Spec;

describe('corrections (supersedes)', () => {
  it('uses the corrected event; the deadlineId stays that of the original submission', () => {
    const events = history(
      CASE,
      ['sleuteloverdracht', '2026-03-02'],
      ['afspraak-gepland', '2026-03-03', { soort: 'woonevaluatie', datum: '2026-04-01' }],
      ['sleuteloverdracht', '2026-03-09', {}, { supersedes: 2 }],
    );
    const ds = evaluate(events, { now: '2026-03-10T10:00:00Z' }).filter((d) => d.ruleId === 'kennismaking-plannen');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ deadlineId: 'kennismaking-plannen:2', startedBy: 4, dueDate: '2026-04-20' });
  });

  it('follows chains, and the latest of several corrections wins', () => {
    const chain = history(
      CASE,
      ['aanvraag-urgentie', '2026-04-01'],
      ['aanvraag-urgentie', '2026-04-02', {}, { supersedes: 2 }],
      ['aanvraag-urgentie', '2026-04-06', {}, { supersedes: 3 }],
    );
    const siblings = history(
      CASE,
      ['aanvraag-urgentie', '2026-04-01'],
      ['aanvraag-urgentie', '2026-04-02', {}, { supersedes: 2 }],
      ['aanvraag-urgentie', '2026-04-06', {}, { supersedes: 2 }],
    );
    for (const events of [chain, siblings]) {
      const ds = evaluate(events, { now: '2026-04-07T10:00:00Z', phase: 'urgentie_aangevraagd' });
      expect(ds.map((d) => [d.deadlineId, d.startedBy, d.dueDate])).toEqual([['wonen-toets-urgentie:2', 4, '2026-04-13']]);
    }
  });

  it('a correction that no longer matches the start predicate removes the deadline', () => {
    const events = history(
      CASE,
      ['overlast-melding', '2026-05-22', { meldingId: 'M1' }],
      ['overlast-actie', '2026-06-01', { meldingId: 'M1', actie: 2, oordeel: { gedrag: 'onbewust', klacht: 'terecht' } }],
      ['overlast-actie', '2026-06-01', { meldingId: 'M1', actie: 2, oordeel: { gedrag: 'bewust', klacht: 'terecht' } }, { supersedes: 3 }],
    );
    expect(evaluate(events, { now: '2026-06-02T10:00:00Z' }).map((d) => d.ruleId)).not.toContain('overlast-klager-nagaan');
  });

  it('a corrected start event keeps its place before same-day satisfiers', () => {
    // The melding is corrected after actie 1 was recorded on the same day: actie 1 still meets the deadline.
    const events = history(
      CASE,
      ['sleuteloverdracht', '2026-05-20'],
      ['afspraak-gepland', '2026-05-20', { soort: 'kennismaking', datum: '2026-06-10' }],
      ['sleuteloverdracht', '2026-05-20', { note: 'adres gecorrigeerd' }, { supersedes: 2 }],
    );
    expect(byId(evaluate(events, { now: '2026-05-21T10:00:00Z' }), 'kennismaking-plannen:2')).toMatchObject({ status: 'met', metBy: 3 });
  });

  it('a correction of the satisfying event moves metOn and the late flag', () => {
    const events = history(
      CASE,
      ['sleuteloverdracht', '2026-03-02'],
      ['kennismaking', '2026-05-01'],
      ['kennismaking', '2026-06-10', {}, { supersedes: 3 }],
    );
    expect(byId(evaluate(events, { now: '2026-06-11T10:00:00Z' }), 'kennismaking-gehouden:2')).toMatchObject({
      status: 'met',
      metBy: 4,
      metOn: '2026-06-10',
      late: true,
    });
  });
});

describe('back-dated events', () => {
  // Recorded: kennismaking, then a woonevaluatie of September 2027, then one of March 2027 entered late.
  const recorded = history(
    CASE,
    ['kennismaking', '2026-04-01'],
    ['woonevaluatie', '2027-09-01'],
    ['woonevaluatie', '2027-03-15'],
  );
  // The same facts recorded in the order they happened.
  const inOrder = history(CASE, ['kennismaking', '2026-04-01'], ['woonevaluatie', '2027-03-15'], ['woonevaluatie', '2027-09-01']);

  it('give the same deadlines as if they had come in order', () => {
    const shape = (ds: Deadline[]) => ds.map((d) => [d.deadlineId, d.dueDate, d.status, d.metOn, d.late]);
    const now = '2027-09-02T10:00:00Z';
    expect(shape(evaluate(recorded, { now }))).toEqual(shape(evaluate(inOrder, { now })));
    expect(shape(evaluate(recorded, { now })).filter((d) => String(d[0]).startsWith('woonevaluatie'))).toEqual([
      ['woonevaluatie:1', '2027-04-01', 'met', '2027-03-15', undefined],
      ['woonevaluatie:2', '2028-03-15', 'met', '2027-09-01', undefined],
      ['woonevaluatie:3', '2028-09-01', 'open', undefined, undefined],
    ]);
  });

  it('replayOrder sorts by occurredOn, then the original seq', () => {
    expect(replayOrder(recorded).map((r) => r.event.seq)).toEqual([1, 2, 4, 3]);
  });

  it('a back-dated cancellation before the due date cancels instead of missing', () => {
    const events = history(CASE, ['sleuteloverdracht', '2026-03-02'], ['einde-intermediaire-verhuur', '2026-03-20']);
    const ds = evaluate(events, { now: '2026-06-01T10:00:00Z', phase: 'afgesloten' });
    expect(byId(ds, 'kennismaking-plannen:2')).toMatchObject({ status: 'cancelled', cancelledBy: 3, cancelledOn: '2026-03-20' });
  });
});

describe('cancellation', () => {
  it('by an event: missed when the due date had already passed', () => {
    const events = history(CASE, ['sleuteloverdracht', '2026-03-02'], ['kennismaking', '2026-04-01'], ['einde-intermediaire-verhuur', '2027-06-01']);
    const ds = evaluate(events, { now: '2027-06-02T10:00:00Z', phase: 'afgesloten' });
    expect(byId(ds, 'woonevaluatie:1')).toMatchObject({ status: 'missed', dueDate: '2027-04-01', cancelledBy: 4, cancelledOn: '2027-06-01' });
  });

  it('by the afgesloten phase when no listed event did it (actie 6, ontbinding)', () => {
    const events = history(
      CASE,
      ['sleuteloverdracht', '2026-03-02'],
      ['overlast-melding', '2026-03-20', { meldingId: 'M1' }],
      ['overlast-actie', '2026-03-25', { meldingId: 'M1', actie: 6 }],
    );
    const ds = evaluate(events, { now: '2026-06-01T10:00:00Z', phase: 'afgesloten' });
    const plannen = byId(ds, 'kennismaking-plannen:2');
    expect(plannen).toMatchObject({ status: 'cancelled', cancelledOn: '2026-03-25' });
    expect(plannen.cancelledBy).toBeUndefined();
    expect(byId(ds, 'overlast-opgelost:M1').status).toBe('met');
    // Friday 20 March + 2 werkdagen = Tuesday 24 March: actie 1 was never recorded and the case closed after that.
    expect(byId(ds, 'overlast-reactie:M1')).toMatchObject({ dueDate: '2026-03-24', status: 'missed' });
    expect(openDeadlines({ case: { regio: 'amsterdam', doelgroep: 'volwassene', route: 'MO', phase: 'afgesloten' }, history: events, now: '2026-06-01T10:00:00Z' })).toEqual([]);
  });

  it('the phase date is that of the event that closed the case, not of a later event that moves nothing', () => {
    const events = history(
      CASE,
      ['sleuteloverdracht', '2026-03-02'],
      ['overlast-melding', '2026-03-20', { meldingId: 'M1' }],
      ['overlast-actie', '2026-03-25', { meldingId: 'M1', actie: 6 }],
      ['mail-ontvangen', '2026-06-01'],
    );
    expect(byId(evaluate(events, { now: '2026-06-02T10:00:00Z', phase: 'afgesloten' }), 'kennismaking-plannen:2')).toMatchObject({
      status: 'cancelled',
      cancelledOn: '2026-03-25',
    });
  });

  it('by the afgesloten phase after the due date: missed', () => {
    const events = history(
      CASE,
      ['sleuteloverdracht', '2026-03-02'],
      ['overlast-melding', '2026-05-01', { meldingId: 'M1' }],
      ['overlast-actie', '2026-05-20', { meldingId: 'M1', actie: 6 }],
    );
    expect(byId(evaluate(events, { now: '2026-06-01T10:00:00Z', phase: 'afgesloten' }), 'kennismaking-plannen:2').status).toBe('missed');
  });

  it('a satisfier before the canceller wins; after it, not', () => {
    const metFirst = history(CASE, ['besluit-urgentie', '2026-01-15', { besluit: 'akkoord' }], ['woningaanbod', '2026-02-01', { aanbodId: 'A1' }], ['afmelding', '2026-02-10', { soort: 'tijdelijk' }]);
    expect(byId(evaluate(metFirst, { now: '2026-02-11T10:00:00Z', phase: 'tijdelijk_afgemeld' }), 'woningaanbod-ambitie:2').status).toBe('met');
    const cancelledFirst = history(CASE, ['besluit-urgentie', '2026-01-15', { besluit: 'akkoord' }], ['afmelding', '2026-01-20', { soort: 'tijdelijk' }], ['woningaanbod', '2026-02-01', { aanbodId: 'A1' }]);
    expect(byId(evaluate(cancelledFirst, { now: '2026-02-11T10:00:00Z', phase: 'aanbod' }), 'woningaanbod-ambitie:2').status).toBe('cancelled');
  });
});

describe('status against now', () => {
  const events = history(CASE, ['overlast-melding', '2026-05-22', { meldingId: 'M1' }]);
  const at = (now: string) => byId(evaluate(events, { now }), 'overlast-reactie:M1');

  it('open until the end of the due day in Amsterdam, overdue after', () => {
    expect(at('2026-05-27T21:59:59.999Z').status).toBe('open'); // 23:59:59.999 CEST
    expect(at('2026-05-27T22:00:00.000Z').status).toBe('overdue');
    expect(at('2026-05-27T00:00:00Z').dueAt).toBe(endOfDayAmsterdam('2026-05-27'));
  });

  it('stages: 08:00 Amsterdam, passed once fireAt ≤ now; fireAt itself never depends on now', () => {
    const before = at('2026-05-26T05:59:59Z');
    const after = at('2026-05-26T06:00:00Z');
    expect(before.stages[0]).toMatchObject({ stage: 'vooraf', fireAt: '2026-05-26T06:00:00.000Z', passed: false });
    expect(after.stages[0]?.passed).toBe(true);
    expect(before.stages.map((s) => s.fireAt)).toEqual(after.stages.map((s) => s.fireAt));
  });

  it('dueAt across DST: winter and summer due dates', () => {
    const winter = history(CASE, ['aanvraag-urgentie', '2026-03-20']);
    // Friday 20 March + 5 werkdagen = Friday 27 March (CET) — escalation Monday 30 March 08:00 CEST.
    const d = byId(evaluate(winter, { now: '2026-03-21T10:00:00Z', phase: 'urgentie_aangevraagd' }), 'wonen-toets-urgentie:2');
    expect(d.dueAt).toBe('2026-03-27T22:59:59.999Z');
    expect(d.stages.map((s) => s.fireAt)).toEqual(['2026-03-26T07:00:00.000Z', '2026-03-27T07:00:00.000Z', '2026-03-30T06:00:00.000Z']);
    const autumn = history(CASE, ['aanvraag-urgentie', '2026-10-16']);
    // Friday 16 October + 5 werkdagen = Friday 23 October (CEST); escalation Monday 26 October 08:00 CET.
    const e = byId(evaluate(autumn, { now: '2026-10-17T10:00:00Z', phase: 'urgentie_aangevraagd' }), 'wonen-toets-urgentie:2');
    expect(e.dueAt).toBe('2026-10-23T21:59:59.999Z');
    expect(e.stages.map((s) => s.fireAt)).toEqual(['2026-10-22T06:00:00.000Z', '2026-10-23T06:00:00.000Z', '2026-10-26T07:00:00.000Z']);
  });

  it('openDeadlines is the open and overdue part of evaluateDeadlines', () => {
    const mixed = history(CASE, ['sleuteloverdracht', '2026-03-02'], ['kennismaking', '2026-04-01']);
    const input = { case: { regio: 'amsterdam', doelgroep: 'volwassene', route: 'MO', phase: 'herstelfase' } as const, history: mixed, now: '2026-05-20T10:00:00Z' };
    const all = evaluateDeadlines(input);
    expect(openDeadlines(input)).toEqual(all.filter((d) => d.status === 'open' || d.status === 'overdue'));
    expect(openDeadlines(input).map((d) => [d.deadlineId, d.status])).toEqual([
      // 002 WA2 (issue 14 point 3): six weeks from the sleuteloverdracht, the kennismaking of zorgaanbieder and bewoner.
      ['begeleidingsplan:2', 'overdue'],
      ['woonevaluatie:1', 'open'],
    ]);
  });
});

describe('regio', () => {
  const events = history(
    CASE,
    ['sleuteloverdracht', '2026-03-02', { proefwonenEindOp: '2027-03-01' }],
    ['overlast-melding', '2026-05-22', { meldingId: 'M1' }],
  );

  it('klantreis-2023 rules only in that regio', () => {
    const amsterdam = evaluate(events, { now: '2026-05-23T10:00:00Z' }).map((d) => d.ruleId);
    expect(amsterdam).not.toContain('proefwonen-evaluatie');
    expect(amsterdam).not.toContain('proefwonen-monitoring');
    expect(amsterdam).toContain('kennismaking-plannen');
    const klantreis = evaluate(events, { regio: 'klantreis-2023', now: '2026-05-23T10:00:00Z' }).map((d) => d.ruleId);
    expect(klantreis).toContain('proefwonen-evaluatie');
    expect(klantreis).not.toContain('kennismaking-plannen');
    expect(klantreis).not.toContain('overlast-opgelost');
    expect(klantreis).toContain('overlast-reactie');
  });
});

describe('keys', () => {
  it('one deadline per meldingId; a repeated melding with the same id is the same melding', () => {
    const events = history(CASE, ['overlast-melding', '2026-05-22', { meldingId: 'M1' }], ['overlast-melding', '2026-05-26', { meldingId: 'M1' }]);
    const ds = evaluate(events, { now: '2026-05-23T10:00:00Z' }).filter((d) => d.ruleId === 'overlast-reactie');
    expect(ds.map((d) => [d.deadlineId, d.startedBy, d.dueDate])).toEqual([['overlast-reactie:M1', 2, '2026-05-27']]);
  });

  it('a keyed satisfier counts even when its date precedes the start (mis-dated entry)', () => {
    const events = history(CASE, ['overlast-melding', '2026-05-22', { meldingId: 'M1' }], ['overlast-actie', '2026-05-21', { meldingId: 'M1', actie: 'melder-benaderd' }]);
    expect(byId(evaluate(events, { now: '2026-05-23T10:00:00Z' }), 'overlast-reactie:M1').status).toBe('met');
  });
});

describe('earliestOmklapDate (001 §4; 002 WA3: minimaal één jaar)', () => {
  it('is the first sleuteloverdracht + 1 year, using corrections, clamped on 29 February', () => {
    expect(earliestOmklapDate(history(CASE))).toBeUndefined();
    expect(earliestOmklapDate(history(CASE, ['sleuteloverdracht', '2026-03-02']))).toBe('2027-03-02');
    expect(earliestOmklapDate(history(CASE, ['sleuteloverdracht', '2028-02-29']))).toBe('2029-02-28');
    expect(earliestOmklapDate(history(CASE, ['sleuteloverdracht', '2026-03-02'], ['sleuteloverdracht', '2026-03-09', {}, { supersedes: 2 }]))).toBe(
      '2027-03-09',
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties over arbitrary histories
// ---------------------------------------------------------------------------------------------------------------

const day = fc.integer({ min: dayNumber('2025-06-01'), max: dayNumber('2028-06-30') }).map(fromDayNumber);
const id = fc.constantFrom('M1', 'M2', 'A1', 'A2');
const eventSpec: fc.Arbitrary<Spec> = fc.oneof(
  fc.tuple(fc.constant('sleuteloverdracht' as const), day, fc.record({ proefwonenEindOp: day, clientGeinformeerdOp: day }, { requiredKeys: [] })),
  fc.tuple(fc.constantFrom('kennismaking' as const, 'woonevaluatie' as const), day, fc.record({ evaluatieFrequentieMaanden: fc.integer({ min: 1, max: 24 }) }, { requiredKeys: [] })),
  fc.tuple(fc.constantFrom('begeleidingsplan' as const, 'fibu-afspraken' as const, 'fibu-evaluatie' as const, 'aanvraag-urgentie' as const, 'heraanmelding' as const, 'vijfjarencontract' as const, 'einde-intermediaire-verhuur' as const), day, fc.constant({})),
  fc.tuple(fc.constant('besluit-urgentie' as const), day, fc.record({ besluit: fc.constantFrom('akkoord', 'afgewezen') })),
  fc.tuple(fc.constant('overlast-melding' as const), day, fc.record({ meldingId: id })),
  fc.tuple(
    fc.constant('overlast-actie' as const),
    day,
    fc.record({
      meldingId: id,
      actie: fc.constantFrom(1, 2, 3, 6, 'klager-nagevraagd', 'afgerond'),
      oordeel: fc.record({ gedrag: fc.constantFrom('bewust', 'onbewust'), klacht: fc.constantFrom('terecht', 'onterecht') }),
    }),
  ),
  fc.tuple(fc.constant('woningaanbod' as const), day, fc.record({ aanbodId: id, beschikbaarOp: day })),
  fc.tuple(fc.constantFrom('reactie-aanbod' as const, 'weigering-aanbod' as const), day, fc.record({ aanbodId: id, clientGeinformeerdOp: day }, { requiredKeys: ['aanbodId'] })),
  fc.tuple(fc.constant('bezichtiging' as const), day, fc.record({ aanbodId: id, uitkomst: fc.constantFrom('accepteren', 'weigeren') })),
  fc.tuple(fc.constant('toets-derde' as const), day, fc.record({ akkoord: fc.boolean() })),
  fc.tuple(fc.constant('besluit-omklap' as const), day, fc.record({ besluit: fc.constantFrom('akkoord', 'terug') })),
  fc.tuple(fc.constant('huurcontract-eigen-naam' as const), day, fc.record({ vijfjarencontract: fc.boolean() })),
  fc.tuple(fc.constant('time-out' as const), day, fc.record({ fase: fc.constantFrom('start', 'einde') })),
  fc.tuple(fc.constant('trajectwijziging' as const), day, fc.record({ perspectief: fc.constantFrom('zelfstandig', '24-uurs-zorg', 'groepswonen') })),
  fc.tuple(fc.constant('afmelding' as const), day, fc.record({ soort: fc.constantFrom('tijdelijk', 'definitief') })),
);

/** A history: case creation first, then events; some later events correct an earlier one of the same type. */
const arbitraryHistory = fc
  .tuple(fc.array(eventSpec, { maxLength: 25 }), fc.array(fc.nat(), { maxLength: 5 }), day)
  .map(([specs, corrections, uitstroom]) => {
    const events = history(['case-aangemaakt', '2025-06-01', { geplandeUitstroomOp: uitstroom }], ...specs);
    for (const pick of corrections) {
      const target = events[1 + (pick % Math.max(1, events.length - 1))];
      if (!target || target.seq === 1) continue;
      events.push({ ...target, seq: events.length + 1, occurredOn: addDays(target.occurredOn, (pick % 7) - 3), supersedes: target.seq });
    }
    return events;
  });

const caseInfo = fc.record({
  regio: fc.constantFrom(...REGIOS),
  doelgroep: fc.constantFrom(...DOELGROEPEN),
  route: fc.constantFrom(...ROUTE_KEYS),
  phase: fc.constantFrom(...PHASES),
});
const now = day.map((d) => `${d}T10:30:00.000Z`);

describe('properties', () => {
  it('pure and deterministic: same input, same output; the order of the history array does not matter', () => {
    fc.assert(
      fc.property(arbitraryHistory, caseInfo, now, fc.infiniteStream(fc.nat()), (events, c, n, seeds) => {
        const first = evaluateDeadlines({ case: c, history: events, now: n });
        expect(evaluateDeadlines({ case: c, history: events, now: n })).toEqual(first);
        const shuffled = [...events].sort(() => (seeds.next().value % 3) - 1);
        expect(evaluateDeadlines({ case: c, history: shuffled, now: n })).toEqual(first);
      }),
      { numRuns: 150 },
    );
  });

  it('does not mutate its input', () => {
    fc.assert(
      fc.property(arbitraryHistory, caseInfo, now, (events, c, n) => {
        const copy = structuredClone(events);
        evaluateDeadlines({ case: c, history: events, now: n });
        expect(events).toEqual(copy);
      }),
      { numRuns: 50 },
    );
  });

  it('ids, due dates and stages do not depend on now', () => {
    fc.assert(
      fc.property(arbitraryHistory, caseInfo, now, now, (events, c, n1, n2) => {
        const shape = (ds: Deadline[]) => ds.map((d) => [d.deadlineId, d.dueDate, d.dueAt, d.stages.map((s) => s.fireAt)]);
        expect(shape(evaluateDeadlines({ case: c, history: events, now: n1 }))).toEqual(shape(evaluateDeadlines({ case: c, history: events, now: n2 })));
      }),
      { numRuns: 150 },
    );
  });

  it('invariants: unique ids, werkdag due dates, 08:00 stages, consistent statuses', () => {
    fc.assert(
      fc.property(arbitraryHistory, caseInfo, now, (events, c, n) => {
        const ds = evaluateDeadlines({ case: c, history: events, now: n });
        expect(new Set(ds.map((d) => d.deadlineId)).size).toBe(ds.length);
        for (const d of ds) {
          expect(d.deadlineId).toBe(`${d.ruleId}:${d.anchorKey}`);
          expect(isWerkdag(d.dueDate, c.regio)).toBe(true);
          expect(d.dueAt).toBe(endOfDayAmsterdam(d.dueDate));
          for (const s of d.stages) {
            expect(s.fireAt).toBe(amsterdamMorning(s.fireAt.slice(0, 10)));
            expect(s.passed).toBe(Date.parse(s.fireAt) <= Date.parse(n));
          }
          const pastDue = Date.parse(n) > Date.parse(d.dueAt);
          if (d.status === 'open') expect(pastDue).toBe(false);
          if (d.status === 'overdue') expect(pastDue).toBe(true);
          if (d.status === 'met') expect(d.metOn).toBeDefined();
          if (d.status === 'met' && d.kind !== 'signaal') expect(d.metBy).toBeDefined();
          if (d.late) expect(d.metOn! > d.dueDate).toBe(true);
          if (d.status === 'cancelled' || d.status === 'missed') expect(d.cancelledOn).toBeDefined();
          if (d.status === 'missed') expect(d.cancelledOn! > d.dueDate).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
