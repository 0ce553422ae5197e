/**
 * The rule table as data, and one worked example per rule: a small history → expected due date and status.
 * Dates are checked against the calendar in the comments (weekday, holiday) so a reader can verify them.
 */
import { describe, expect, it } from 'vitest';
import { PARTIES, RULES, STAGE_NAMES, describeOffset, ruleById, rulesFor, type Deadline } from '../../shared/domain/deadlines/index.js';
import { isWerkdag } from '../../shared/domain/werkdagen.js';
import { evaluate, history, type Spec } from '../support/history.js';

function only(deadlines: Deadline[], ruleId: string): Deadline[] {
  return deadlines.filter((d) => d.ruleId === ruleId);
}

function one(deadlines: Deadline[], ruleId: string): Deadline {
  const found = only(deadlines, ruleId);
  expect(found, `exactly one ${ruleId}`).toHaveLength(1);
  return found[0] as Deadline;
}

const CASE = ['case-aangemaakt', '2026-01-05'] as const satisfies Spec;

describe('the rule table as data', () => {
  it('has every rule of DOMAIN.md, the Wonen toetsen and the Klantreis 2023 rules, Amsterdam first', () => {
    expect(RULES.map((r) => r.id)).toEqual([
      'kennismaking-plannen',
      'kennismaking-gehouden',
      'begeleidingsplan',
      'woonevaluatie',
      'wonen-toets-urgentie',
      'woningaanbod-ambitie',
      'aanbod-reactie',
      'aanbod-bezichtiging',
      'aanbod-weigering-motiveren',
      'aanbod-client-informeren',
      'wonen-toets-omklap',
      'contract-eigen-naam',
      'overlast-reactie',
      'overlast-corporatie-informeren',
      'overlast-klager-nagaan',
      'overlast-opgelost',
      'time-out-einde',
      'fibu-evaluatie',
      'wonen-toets-woningruil',
      'wonen-toets-verhuizing',
      'wonen-toets-trajectwijziging',
      'vijfjarencontract-zoeken',
      'vijfjarencontract-brief-gemeente',
      'vijfjarencontract-opzegbrief',
      'proefwonen-evaluatie',
      'proefwonen-monitoring',
      'zoekprofiel-mo',
      'zoekprofiel-bw',
      'woningtoewijzing-mo',
      'woningtoewijzing-bw',
    ]);
    const firstKlantreis = RULES.findIndex((r) => !r.regios.includes('amsterdam'));
    expect(RULES.slice(firstKlantreis).every((r) => !r.regios.includes('amsterdam'))).toBe(true);
  });

  it('ids are unique and contain no ":" (deadlineId = ruleId:anchorKey)', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[a-z0-9-]+$/.test(id))).toBe(true);
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s: cites a seed, short safe title, valid parties and stages', (_id, rule) => {
    expect(rule.source).toMatch(/\b00[0-4]\b/);
    expect(rule.title.length).toBeLessThanOrEqual(60);
    // Safe for an e-mail subject: letters, digits and plain punctuation only; no placeholders, addresses or ids.
    expect(rule.title).toMatch(/^[\p{L}0-9 ,.:()'–-]+$/u);
    expect(PARTIES).toContain(rule.actor);
    const stageNames = rule.stages.map((s) => s.stage);
    expect(new Set(stageNames).size).toBe(stageNames.length);
    for (const s of rule.stages) {
      expect(STAGE_NAMES).toContain(s.stage);
      expect(s.to.length).toBeGreaterThan(0);
      for (const p of s.to) expect(PARTIES).toContain(p);
    }
    expect(stageNames).toContain('vandaag');
    expect(rule.regios.length).toBeGreaterThan(0);
    if (rule.kind !== 'signaal') expect(rule.satisfiedBy.length).toBeGreaterThan(0);
  });

  it('ambitions and signals never escalate', () => {
    for (const rule of RULES.filter((r) => r.kind !== 'termijn')) {
      expect(rule.stages.map((s) => s.stage), rule.id).not.toContain('escalatie');
    }
  });

  it('the begeleidingsplan is private to the zorgaanbieder: its reminders never go to the corporatie (002 WA4, WA10)', () => {
    expect(ruleById('begeleidingsplan')?.stages.flatMap((s) => s.to)).not.toContain('corporatie');
  });

  it('every Wonen toets: 5 werkdagen, heads-up 1 werkdag before, due day, escalation to woonzaken and zorgaanbieder', () => {
    const toetsen = RULES.filter((r) => r.id.startsWith('wonen-toets-'));
    expect(toetsen.map((r) => r.id).sort()).toEqual([
      'wonen-toets-omklap',
      'wonen-toets-trajectwijziging',
      'wonen-toets-urgentie',
      'wonen-toets-verhuizing',
      'wonen-toets-woningruil',
    ]);
    for (const r of toetsen) {
      expect(r.offset).toEqual({ werkdagen: 5 });
      expect(r.actor).toBe('woonzaken');
      expect(r.stages).toEqual([
        { stage: 'vooraf', at: { werkdagen: -1 }, to: ['woonzaken'] },
        { stage: 'vandaag', at: 0, to: ['woonzaken'] },
        { stage: 'escalatie', at: { werkdagen: 1 }, to: ['woonzaken', 'zorgaanbieder'] },
      ]);
    }
  });

  it('klantreis-2023 rules live only in that regio; only the overlast reply is shared', () => {
    const shared = RULES.filter((r) => r.regios.length > 1).map((r) => r.id);
    expect(shared).toEqual(['overlast-reactie']);
    expect(rulesFor('klantreis-2023').map((r) => r.id)).toEqual([
      'overlast-reactie',
      'proefwonen-evaluatie',
      'proefwonen-monitoring',
      'zoekprofiel-mo',
      'zoekprofiel-bw',
      'woningtoewijzing-mo',
      'woningtoewijzing-bw',
    ]);
  });

  it('describeOffset speaks Dutch', () => {
    expect(describeOffset({ werkdagen: 1 })).toBe('1 werkdag');
    expect(describeOffset({ werkdagen: -2 })).toBe('2 werkdagen vóór');
    expect(describeOffset({ months: -3 })).toBe('3 maanden vóór');
    expect(describeOffset(0)).toBe('op de dag zelf');
  });
});

describe('worked examples, Amsterdam', () => {
  it('kennismaking-plannen: sleuteloverdracht + 6 weken; an afspraak-gepland (kennismaking) meets it', () => {
    // Monday 2 March 2026 + 6 weeks = Monday 13 April 2026.
    const base: Spec[] = [CASE, ['sleuteloverdracht', '2026-03-02']];
    const open = one(evaluate(history(...base), { now: '2026-04-14T10:00:00Z' }), 'kennismaking-plannen');
    expect(open).toMatchObject({ dueDate: '2026-04-13', status: 'overdue', actor: 'begeleider', deadlineId: 'kennismaking-plannen:2' });
    const wrongSoort = history(...base, ['afspraak-gepland', '2026-03-20', { soort: 'woonevaluatie', datum: '2026-04-01' }]);
    expect(one(evaluate(wrongSoort, { now: '2026-04-14T10:00:00Z' }), 'kennismaking-plannen').status).toBe('overdue');
    const planned = history(...base, ['afspraak-gepland', '2026-03-20', { soort: 'kennismaking', datum: '2026-04-20' }]);
    expect(one(evaluate(planned, { now: '2026-04-14T10:00:00Z' }), 'kennismaking-plannen')).toMatchObject({
      status: 'met',
      metBy: 3,
      metOn: '2026-03-20',
    });
  });

  it('kennismaking-plannen: six weeks ending on 2e Pinksterdag run on to the next werkdag', () => {
    // Monday 13 April 2026 + 6 weeks = Monday 25 May 2026 (2e Pinksterdag) → Tuesday 26 May.
    const d = one(evaluate(history(CASE, ['sleuteloverdracht', '2026-04-13']), { now: '2026-04-13T10:00:00Z' }), 'kennismaking-plannen');
    expect(d.dueDate).toBe('2026-05-26');
  });

  it('kennismaking-gehouden: sleuteloverdracht + 3 maanden; held late is met with late', () => {
    // 2 March 2026 + 3 months = Tuesday 2 June 2026.
    const events = history(CASE, ['sleuteloverdracht', '2026-03-02'], ['kennismaking', '2026-06-10']);
    expect(one(evaluate(events, { now: '2026-06-11T10:00:00Z' }), 'kennismaking-gehouden')).toMatchObject({
      dueDate: '2026-06-02',
      status: 'met',
      late: true,
      metOn: '2026-06-10',
    });
  });

  it('kennismaking-gehouden: 3 months ending on a Saturday run on to Monday', () => {
    // Friday 22 May 2026 + 3 months = Saturday 22 August → Monday 24 August.
    const d = one(evaluate(history(CASE, ['sleuteloverdracht', '2026-05-22']), { now: '2026-05-22T10:00:00Z' }), 'kennismaking-gehouden');
    expect(d).toMatchObject({ dueDate: '2026-08-24', status: 'open' });
    expect(d.stages.find((s) => s.stage === 'vooraf')?.to).toEqual(['begeleider', 'corporatie']);
  });

  it('begeleidingsplan: six weeks after the kennismaking of zorgaanbieder and bewoner (the sleutelmoment), only once (002 WA2)', () => {
    // Monday 2 March 2026 + 6 weeks = Monday 13 April 2026. The kennismakingsgesprek with the corporatie is no anchor.
    const events = history(
      CASE,
      ['sleuteloverdracht', '2026-03-02'],
      ['begeleidingsplan', '2026-04-10'],
      ['kennismaking', '2026-04-20'],
      ['kennismaking', '2026-09-01'], // after a verhuizing (002 Bijlage 6): no second begeleidingsplan
    );
    const d = one(evaluate(events, { now: '2026-10-01T10:00:00Z' }), 'begeleidingsplan');
    expect(d).toMatchObject({ dueDate: '2026-04-13', status: 'met', metBy: 3, deadlineId: 'begeleidingsplan:2' });
    expect(d.late).toBeUndefined();
  });

  it('woonevaluatie: yearly from the kennismaking; re-arms from each evaluation', () => {
    const events = history(CASE, ['sleuteloverdracht', '2026-03-02'], ['kennismaking', '2026-04-01'], ['woonevaluatie', '2027-03-15']);
    const ds = only(evaluate(events, { now: '2027-04-01T10:00:00Z' }), 'woonevaluatie');
    expect(ds.map((d) => [d.deadlineId, d.dueDate, d.status])).toEqual([
      ['woonevaluatie:1', '2027-04-01', 'met'], // Thursday 1 April 2027
      ['woonevaluatie:2', '2028-03-15', 'open'], // Wednesday 15 March 2028
    ]);
  });

  it('woonevaluatie: half-yearly for jongvolwassenen and multiprobleemgezinnen (002 WA4 noot 5)', () => {
    const events = history(CASE, ['sleuteloverdracht', '2026-03-02'], ['kennismaking', '2026-04-01']);
    for (const doelgroep of ['jongvolwassene', 'multiprobleemgezin'] as const) {
      expect(one(evaluate(events, { now: '2026-04-02T10:00:00Z', doelgroep }), 'woonevaluatie').dueDate).toBe('2026-10-01');
    }
    expect(one(evaluate(events, { now: '2026-04-02T10:00:00Z', doelgroep: 'gezin' }), 'woonevaluatie').dueDate).toBe('2027-04-01');
  });

  it('woonevaluatie: as agreed when more often; the agreement carries over; a less frequent one is ignored', () => {
    const agreed = history(
      CASE,
      ['sleuteloverdracht', '2026-03-02'],
      ['kennismaking', '2026-04-01', { evaluatieFrequentieMaanden: 4 }],
      ['woonevaluatie', '2026-07-20'],
    );
    expect(only(evaluate(agreed, { now: '2026-07-21T10:00:00Z' }), 'woonevaluatie').map((d) => d.dueDate)).toEqual([
      '2026-08-03', // 1 August 2026 is a Saturday → Monday 3 August
      '2026-11-20', // 4 months again, carried over from the kennismaking
    ]);
    const lessOften = history(CASE, ['sleuteloverdracht', '2026-03-02'], ['kennismaking', '2026-04-01', { evaluatieFrequentieMaanden: 24 }]);
    expect(one(evaluate(lessOften, { now: '2026-04-02T10:00:00Z' }), 'woonevaluatie').dueDate).toBe('2027-04-01');
  });

  it('woonevaluatie: ends when Wonen agrees to the omklap', () => {
    const events = history(
      CASE,
      ['sleuteloverdracht', '2026-03-02'],
      ['kennismaking', '2026-04-01'],
      ['besluit-omklap', '2027-03-01', { besluit: 'akkoord' }],
    );
    expect(one(evaluate(events, { now: '2027-03-02T10:00:00Z', phase: 'omklap_akkoord' }), 'woonevaluatie')).toMatchObject({
      status: 'cancelled',
      cancelledBy: 4,
      cancelledOn: '2027-03-01',
    });
  });

  it('wonen-toets-urgentie: 5 werkdagen over 5 mei', () => {
    // Thursday 30 April 2026: Fri 1 May (1), Mon 4 (2), Tue 5 mei (holiday), Wed 6 (3), Thu 7 (4), Fri 8 (5).
    const events = history(CASE, ['aanvraag-urgentie', '2026-04-30']);
    const d = one(evaluate(events, { now: '2026-05-07T09:00:00Z', phase: 'urgentie_aangevraagd' }), 'wonen-toets-urgentie');
    expect(d).toMatchObject({ dueDate: '2026-05-08', dueAt: '2026-05-08T21:59:59.999Z', status: 'open', actor: 'woonzaken' });
    expect(d.stages).toEqual([
      { stage: 'vooraf', fireAt: '2026-05-07T06:00:00.000Z', to: ['woonzaken'], passed: true },
      { stage: 'vandaag', fireAt: '2026-05-08T06:00:00.000Z', to: ['woonzaken'], passed: false },
      { stage: 'escalatie', fireAt: '2026-05-11T06:00:00.000Z', to: ['woonzaken', 'zorgaanbieder'], passed: false },
    ]);
    const decided = history(CASE, ['aanvraag-urgentie', '2026-04-30'], ['besluit-urgentie', '2026-05-11', { besluit: 'akkoord' }]);
    expect(one(evaluate(decided, { now: '2026-05-11T12:00:00Z', phase: 'wachtlijst' }), 'wonen-toets-urgentie')).toMatchObject({
      status: 'met',
      late: true,
    });
  });

  it('woningaanbod-ambitie: 3 maanden after the urgentie; restarts after a tijdelijke afmelding and heraanmelding', () => {
    const events = history(
      CASE,
      ['besluit-urgentie', '2026-01-15', { besluit: 'akkoord' }],
      ['afmelding', '2026-02-01', { soort: 'tijdelijk' }],
      ['heraanmelding', '2026-03-02', { naarFase: 'wachtlijst' }],
      ['woningaanbod', '2026-05-01', { aanbodId: 'A1', beschikbaarOp: '2026-05-11' }],
    );
    const ds = only(evaluate(events, { now: '2026-05-02T10:00:00Z', phase: 'aanbod' }), 'woningaanbod-ambitie');
    expect(ds.map((d) => [d.deadlineId, d.dueDate, d.status])).toEqual([
      ['woningaanbod-ambitie:2', '2026-04-15', 'cancelled'], // Wednesday 15 April 2026; cancelled by the afmelding
      ['woningaanbod-ambitie:4', '2026-06-02', 'met'], // heraanmelding 2 March + 3 months = Tuesday 2 June
    ]);
    const afgewezen = history(CASE, ['besluit-urgentie', '2026-01-15', { besluit: 'afgewezen' }]);
    expect(only(evaluate(afgewezen, { now: '2026-01-16T10:00:00Z', phase: 'onderzoek' }), 'woningaanbod-ambitie')).toEqual([]);
  });

  it('aanbod-reactie: 1 werkdag, per aanbodId', () => {
    // Friday 22 May 2026 + 1 werkdag: Monday 25 is 2e Pinksterdag → Tuesday 26 May.
    const events = history(
      CASE,
      ['woningaanbod', '2026-05-22', { aanbodId: 'A1', beschikbaarOp: '2026-06-01' }],
      ['reactie-aanbod', '2026-05-26', { aanbodId: 'A2' }],
    );
    expect(one(evaluate(events, { now: '2026-05-27T10:00:00Z', phase: 'aanbod' }), 'aanbod-reactie')).toMatchObject({
      deadlineId: 'aanbod-reactie:A1',
      dueDate: '2026-05-26',
      status: 'overdue',
    });
    const answered = history(CASE, ['woningaanbod', '2026-05-22', { aanbodId: 'A1', beschikbaarOp: '2026-06-01' }], ['reactie-aanbod', '2026-05-26', { aanbodId: 'A1' }]);
    expect(one(evaluate(answered, { now: '2026-05-27T10:00:00Z', phase: 'aanbod' }), 'aanbod-reactie').status).toBe('met');
  });

  it('aanbod-bezichtiging: 2 werkdagen after the woning is free (data.beschikbaarOp)', () => {
    // Monday 1 June 2026 + 2 werkdagen = Wednesday 3 June.
    const events = history(
      CASE,
      ['woningaanbod', '2026-05-22', { aanbodId: 'A1', beschikbaarOp: '2026-06-01' }],
      ['bezichtiging', '2026-06-04', { aanbodId: 'A1', uitkomst: 'accepteren' }],
    );
    expect(one(evaluate(events, { now: '2026-06-05T10:00:00Z', phase: 'aanbod' }), 'aanbod-bezichtiging')).toMatchObject({
      dueDate: '2026-06-03',
      status: 'met',
      late: true,
      metBy: 3,
    });
  });

  it('aanbod-bezichtiging: moot once the keys are handed over', () => {
    const events = history(CASE, ['woningaanbod', '2026-05-22', { aanbodId: 'A1', beschikbaarOp: '2026-06-01' }], ['sleuteloverdracht', '2026-06-02']);
    expect(one(evaluate(events, { now: '2026-06-05T10:00:00Z' }), 'aanbod-bezichtiging').status).toBe('cancelled');
  });

  it('aanbod-weigering-motiveren: 2 werkdagen after a bezichtiging that ends in weigeren', () => {
    // Thursday 4 June 2026 + 2 werkdagen = Monday 8 June.
    const events = history(
      CASE,
      ['woningaanbod', '2026-05-22', { aanbodId: 'A1', beschikbaarOp: '2026-06-01' }],
      ['bezichtiging', '2026-06-04', { aanbodId: 'A1', uitkomst: 'weigeren' }],
    );
    expect(one(evaluate(events, { now: '2026-06-05T10:00:00Z', phase: 'aanbod' }), 'aanbod-weigering-motiveren')).toMatchObject({
      deadlineId: 'aanbod-weigering-motiveren:A1',
      dueDate: '2026-06-08',
      status: 'open',
    });
    const refused = history(
      CASE,
      ['woningaanbod', '2026-05-22', { aanbodId: 'A1', beschikbaarOp: '2026-06-01' }],
      ['bezichtiging', '2026-06-04', { aanbodId: 'A1', uitkomst: 'weigeren' }],
      ['weigering-aanbod', '2026-06-05', { aanbodId: 'A1' }],
    );
    expect(one(evaluate(refused, { now: '2026-06-05T10:00:00Z', phase: 'wachtlijst' }), 'aanbod-weigering-motiveren').status).toBe('met');
    const accepted = history(CASE, ['woningaanbod', '2026-05-22', { aanbodId: 'A1' }], ['bezichtiging', '2026-06-04', { aanbodId: 'A1', uitkomst: 'accepteren' }]);
    expect(only(evaluate(accepted, { now: '2026-06-05T10:00:00Z', phase: 'aanbod' }), 'aanbod-weigering-motiveren')).toEqual([]);
  });

  it('aanbod-client-informeren: 5 werkdagen after the aanbod, met on data.clientGeinformeerdOp', () => {
    // Friday 22 May 2026: Tue 26 (1), Wed 27 (2), Thu 28 (3), Fri 29 (4), Mon 1 June (5).
    const late = history(
      CASE,
      ['woningaanbod', '2026-05-22', { aanbodId: 'A1', beschikbaarOp: '2026-06-01' }],
      ['reactie-aanbod', '2026-05-26', { aanbodId: 'A1', clientGeinformeerdOp: '2026-06-02' }],
    );
    expect(one(evaluate(late, { now: '2026-06-03T10:00:00Z', phase: 'aanbod' }), 'aanbod-client-informeren')).toMatchObject({
      dueDate: '2026-06-01',
      status: 'met',
      metOn: '2026-06-02',
      late: true,
    });
    const atKeys = history(
      CASE,
      ['woningaanbod', '2026-05-22', { aanbodId: 'A1', beschikbaarOp: '2026-06-01' }],
      ['reactie-aanbod', '2026-05-26', { aanbodId: 'A1' }],
      ['sleuteloverdracht', '2026-05-29', { clientGeinformeerdOp: '2026-05-28' }],
    );
    expect(one(evaluate(atKeys, { now: '2026-06-03T10:00:00Z' }), 'aanbod-client-informeren')).toMatchObject({ status: 'met', metBy: 4, metOn: '2026-05-28' });
  });

  it('wonen-toets-omklap: 5 werkdagen from the toets-derde akkoord, over 5 mei and Hemelvaart 2027', () => {
    // Wednesday 5 May 2027 (holiday): Thu 6 Hemelvaart, Fri 7 (1), Mon 10 (2), Tue 11 (3), Wed 12 (4), Thu 13 (5).
    const events = history(CASE, ['voordracht-omklap', '2027-05-03'], ['toets-derde', '2027-05-05', { akkoord: true }]);
    expect(one(evaluate(events, { now: '2027-05-10T10:00:00Z', phase: 'toets_wonen' }), 'wonen-toets-omklap')).toMatchObject({
      dueDate: '2027-05-13',
      status: 'open',
      actor: 'woonzaken',
      startedBy: 3,
    });
    const refused = history(CASE, ['voordracht-omklap', '2027-05-03'], ['toets-derde', '2027-05-05', { akkoord: false }]);
    expect(only(evaluate(refused, { now: '2027-05-10T10:00:00Z' }), 'wonen-toets-omklap')).toEqual([]);
    const decided = history(CASE, ['toets-derde', '2027-05-05', { akkoord: true }], ['besluit-omklap', '2027-05-12', { besluit: 'terug' }]);
    expect(one(evaluate(decided, { now: '2027-05-13T10:00:00Z', phase: 'voordracht' }), 'wonen-toets-omklap').status).toBe('met');
  });

  it('contract-eigen-naam: due at 6 weeks, heads-up at 4 weeks (002 WA8 stap 4)', () => {
    // Thursday 13 May 2027 + 6 weeks = Thursday 24 June; heads-up Thursday 10 June.
    const events = history(CASE, ['besluit-omklap', '2027-05-13', { besluit: 'akkoord' }]);
    const d = one(evaluate(events, { now: '2027-05-14T10:00:00Z', phase: 'omklap_akkoord' }), 'contract-eigen-naam');
    expect(d).toMatchObject({ dueDate: '2027-06-24', status: 'open', actor: 'corporatie' });
    expect(d.stages.map((s) => [s.stage, s.fireAt])).toEqual([
      ['vooraf', '2027-06-10T06:00:00.000Z'],
      ['vandaag', '2027-06-24T06:00:00.000Z'],
      ['escalatie', '2027-06-25T06:00:00.000Z'],
    ]);
    const done = history(CASE, ['besluit-omklap', '2027-05-13', { besluit: 'akkoord' }], ['huurcontract-eigen-naam', '2027-06-20']);
    expect(one(evaluate(done, { now: '2027-06-21T10:00:00Z', phase: 'omgeklapt' }), 'contract-eigen-naam').status).toBe('met');
  });

  it('overlast-reactie: 2 werkdagen per melding, met by melder-benaderd of the same melding (002 WA6)', () => {
    const events = history(
      CASE,
      ['sleuteloverdracht', '2026-03-02'],
      ['overlast-melding', '2026-05-22', { meldingId: 'M1' }],
      ['overlast-actie', '2026-05-27', { meldingId: 'M1', actie: 'melder-benaderd' }],
      ['overlast-melding', '2026-11-21', { meldingId: 'M2' }],
      ['overlast-actie', '2026-11-23', { meldingId: 'M1', actie: 'melder-benaderd' }], // another melding's actie does not count
    );
    const ds = only(evaluate(events, { now: '2026-11-25T08:00:00Z' }), 'overlast-reactie');
    expect(ds.map((d) => [d.deadlineId, d.dueDate, d.status])).toEqual([
      ['overlast-reactie:M1', '2026-05-27', 'met'],
      ['overlast-reactie:M2', '2026-11-24', 'overdue'],
    ]);
    expect(ds[1]?.stages.find((s) => s.stage === 'escalatie')?.to).toEqual(['meldpunt', 'zorgaanbieder']);
  });

  it('overlast-klager-nagaan: 6 weken after actie 2 with onbewust + terecht only', () => {
    // Monday 1 June 2026 + 6 weeks = Monday 13 July.
    const onbewust = history(
      CASE,
      ['overlast-melding', '2026-05-22', { meldingId: 'M1' }],
      ['overlast-actie', '2026-06-01', { meldingId: 'M1', actie: 2, oordeel: { gedrag: 'onbewust', klacht: 'terecht' } }],
      ['overlast-actie', '2026-07-14', { meldingId: 'M1', actie: 'klager-nagevraagd' }],
    );
    expect(one(evaluate(onbewust, { now: '2026-07-15T10:00:00Z' }), 'overlast-klager-nagaan')).toMatchObject({
      deadlineId: 'overlast-klager-nagaan:M1',
      dueDate: '2026-07-13',
      status: 'met',
      late: true,
    });
    const bewust = history(
      CASE,
      ['overlast-melding', '2026-05-22', { meldingId: 'M1' }],
      ['overlast-actie', '2026-06-01', { meldingId: 'M1', actie: 2, oordeel: { gedrag: 'bewust', klacht: 'terecht' } }],
    );
    expect(only(evaluate(bewust, { now: '2026-07-15T10:00:00Z' }), 'overlast-klager-nagaan')).toEqual([]);
  });

  it('overlast-opgelost: at most 3 maanden; met by afgerond or actie 6', () => {
    // Friday 22 May 2026 + 3 months = Saturday 22 August → Monday 24 August.
    const afgerond = history(CASE, ['overlast-melding', '2026-05-22', { meldingId: 'M1' }], ['overlast-actie', '2026-07-01', { meldingId: 'M1', actie: 'afgerond' }]);
    expect(one(evaluate(afgerond, { now: '2026-07-02T10:00:00Z' }), 'overlast-opgelost')).toMatchObject({ dueDate: '2026-08-24', status: 'met' });
    const ontbonden = history(CASE, ['overlast-melding', '2026-05-22', { meldingId: 'M1' }], ['overlast-actie', '2026-08-01', { meldingId: 'M1', actie: '6' }]);
    expect(one(evaluate(ontbonden, { now: '2026-08-02T10:00:00Z', phase: 'afgesloten' }), 'overlast-opgelost').status).toBe('met');
  });

  it('time-out-einde: at most 2 weken, heads-up after 1 week', () => {
    // Monday 7 September 2026 + 2 weeks = Monday 21 September; heads-up Monday 14 September (CEST: 06:00Z).
    const events = history(CASE, ['time-out', '2026-09-07', { fase: 'start' }]);
    const d = one(evaluate(events, { now: '2026-09-08T10:00:00Z' }), 'time-out-einde');
    expect(d).toMatchObject({ dueDate: '2026-09-21', status: 'open' });
    expect(d.stages[0]).toMatchObject({ stage: 'vooraf', fireAt: '2026-09-14T06:00:00.000Z' });
    const ended = history(CASE, ['time-out', '2026-09-07', { fase: 'start' }], ['time-out', '2026-09-18', { fase: 'einde' }]);
    expect(one(evaluate(ended, { now: '2026-09-22T10:00:00Z' }), 'time-out-einde').status).toBe('met');
  });

  it('fibu-evaluatie: every 6 maanden, re-armed by each evaluatie, continues after the omklap', () => {
    const events = history(CASE, ['fibu-afspraken', '2026-03-10'], ['fibu-evaluatie', '2026-09-01'], ['huurcontract-eigen-naam', '2026-12-01']);
    const ds = only(evaluate(events, { now: '2027-01-05T10:00:00Z', phase: 'omgeklapt' }), 'fibu-evaluatie');
    expect(ds.map((d) => [d.deadlineId, d.dueDate, d.status])).toEqual([
      ['fibu-evaluatie:1', '2026-09-10', 'met'], // Thursday 10 September 2026
      ['fibu-evaluatie:2', '2027-03-01', 'open'], // Monday 1 March 2027
    ]);
  });

  it('wonen-toets-woningruil: only an ongelijke ruil needs Wonen', () => {
    // Monday 8 June 2026 + 5 werkdagen = Monday 15 June.
    const events = history(CASE, ['woningruil', '2026-06-08', { ongelijk: true }], ['woningruil', '2026-06-09', { ongelijk: false }]);
    const d = one(evaluate(events, { now: '2026-06-09T10:00:00Z' }), 'wonen-toets-woningruil');
    expect(d).toMatchObject({ dueDate: '2026-06-15', status: 'open', startedBy: 2 });
    const decided = history(CASE, ['woningruil', '2026-06-08', { ongelijk: true }], ['besluit-woningruil', '2026-06-12']);
    expect(one(evaluate(decided, { now: '2026-06-12T10:00:00Z' }), 'wonen-toets-woningruil').status).toBe('met');
  });

  it('wonen-toets-verhuizing: naar een grotere woning, over Kerst', () => {
    // Monday 21 December 2026: Tue 22 (1), Wed 23 (2), Thu 24 (3), Kerst, weekend, Mon 28 (4), Tue 29 (5).
    const events = history(CASE, ['verhuizing', '2026-12-21', { naarGroter: true }]);
    expect(one(evaluate(events, { now: '2026-12-22T10:00:00Z' }), 'wonen-toets-verhuizing')).toMatchObject({ dueDate: '2026-12-29', status: 'open' });
    expect(only(evaluate(history(CASE, ['verhuizing', '2026-12-21', {}]), { now: '2026-12-22T10:00:00Z' }), 'wonen-toets-verhuizing')).toEqual([]);
  });

  it('wonen-toets-trajectwijziging: perspectief groepswonen → intrekking within 5 werkdagen (Goede Vrijdag counts)', () => {
    // Wednesday 1 April 2026: Thu 2 (1), Goede Vrijdag 3 (2), 2e Paasdag skipped, Tue 7 (3), Wed 8 (4), Thu 9 (5).
    const events = history(CASE, ['trajectwijziging', '2026-04-01', { perspectief: 'groepswonen' }]);
    expect(one(evaluate(events, { now: '2026-04-02T10:00:00Z' }), 'wonen-toets-trajectwijziging')).toMatchObject({ dueDate: '2026-04-09', status: 'open' });
    const withdrawn = history(CASE, ['trajectwijziging', '2026-04-01', { perspectief: '24-uurs-zorg' }], ['intrekking-urgentie', '2026-04-08']);
    expect(one(evaluate(withdrawn, { now: '2026-04-09T10:00:00Z', phase: 'afgesloten' }), 'wonen-toets-trajectwijziging').status).toBe('met');
    const reconsidered = history(
      CASE,
      ['trajectwijziging', '2026-04-01', { perspectief: 'groepswonen' }],
      ['trajectwijziging', '2026-04-03', { perspectief: 'zelfstandig' }],
    );
    expect(one(evaluate(reconsidered, { now: '2026-04-09T10:00:00Z' }), 'wonen-toets-trajectwijziging').status).toBe('cancelled');
    expect(only(evaluate(history(CASE, ['trajectwijziging', '2026-04-01', { perspectief: 'zelfstandig' }]), { now: '2026-04-02T10:00:00Z' }), 'wonen-toets-trajectwijziging')).toEqual([]);
  });

  it('vijfjarencontract: 3 years, 4 years, 4.5 years from the contract start', () => {
    // Wednesday 1 July 2026: +3y Sunday 1 July 2029 → Monday 2 July; +4y Monday 1 July 2030;
    // +54 months Wednesday 1 January 2031 (Nieuwjaarsdag) → Thursday 2 January 2031.
    const events = history(CASE, ['vijfjarencontract', '2026-07-01']);
    const ds = evaluate(events, { now: '2029-08-01T10:00:00Z', phase: 'omgeklapt' }).filter((d) => d.ruleId.startsWith('vijfjarencontract'));
    expect(ds.map((d) => [d.ruleId, d.dueDate, d.status, d.actor])).toEqual([
      ['vijfjarencontract-zoeken', '2029-07-02', 'met', 'corporatie'],
      ['vijfjarencontract-brief-gemeente', '2030-07-01', 'open', 'woonzaken'],
      ['vijfjarencontract-opzegbrief', '2031-01-02', 'open', 'corporatie'],
    ]);
    expect(ds[0]?.metBy).toBeUndefined(); // a signal: nothing to record
    expect(ds[0]?.stages.map((s) => s.to)).toEqual([['corporatie', 'woonzaken']]);
  });

  it('vijfjarencontract: a huurcontract-eigen-naam with vijfjarencontract starts it; a later start replaces it', () => {
    const events = history(CASE, ['huurcontract-eigen-naam', '2026-07-01', { vijfjarencontract: true }], ['vijfjarencontract', '2026-07-01']);
    const ds = only(evaluate(events, { now: '2026-07-02T10:00:00Z', phase: 'omgeklapt' }), 'vijfjarencontract-brief-gemeente');
    expect(ds.map((d) => [d.deadlineId, d.status])).toEqual([
      ['vijfjarencontract-brief-gemeente:2', 'cancelled'],
      ['vijfjarencontract-brief-gemeente:3', 'open'],
    ]);
    const noContract = history(CASE, ['huurcontract-eigen-naam', '2026-07-01', { vijfjarencontract: false }]);
    expect(evaluate(noContract, { now: '2026-07-02T10:00:00Z', phase: 'omgeklapt' }).filter((d) => d.ruleId.startsWith('vijfjaren'))).toEqual([]);
  });
});

describe('worked examples, Klantreis 2023 (003)', () => {
  const KR = { regio: 'klantreis-2023' as const };

  it('proefwonen-evaluatie: 3 maanden before data.proefwonenEindOp; an earlier yearly gesprek is not the eindevaluatie', () => {
    // 1 March 2027 − 3 months = Wednesday 1 December 2026; evaluations from 1 September 2026 count.
    const base: Spec[] = [CASE, ['sleuteloverdracht', '2026-03-02', { proefwonenEindOp: '2027-03-01' }], ['woonevaluatie', '2026-08-01']];
    const open = one(evaluate(history(...base), { ...KR, now: '2026-11-01T10:00:00Z' }), 'proefwonen-evaluatie');
    expect(open).toMatchObject({ dueDate: '2026-12-01', status: 'open', actor: 'corporatie' });
    const held = one(evaluate(history(...base, ['woonevaluatie', '2026-11-20']), { ...KR, now: '2026-12-02T10:00:00Z' }), 'proefwonen-evaluatie');
    expect(held).toMatchObject({ status: 'met', metBy: 4 });
  });

  it('proefwonen-evaluatie: a date ending on a weekend moves back (at least 3 months before)', () => {
    // 4 October 2026 − 3 months = Saturday 4 July 2026 → Friday 3 July.
    const events = history(CASE, ['sleuteloverdracht', '2026-03-02', { proefwonenEindOp: '2026-10-04' }]);
    expect(one(evaluate(events, { ...KR, now: '2026-03-03T10:00:00Z' }), 'proefwonen-evaluatie').dueDate).toBe('2026-07-03');
  });

  it('proefwonen-monitoring: at least yearly from the sleuteloverdracht, corporatie takes the initiative', () => {
    const events = history(CASE, ['sleuteloverdracht', '2026-03-02'], ['woonevaluatie', '2027-02-01']);
    const ds = only(evaluate(events, { ...KR, now: '2027-02-02T10:00:00Z' }), 'proefwonen-monitoring');
    expect(ds.map((d) => [d.dueDate, d.status, d.actor])).toEqual([
      ['2027-03-02', 'met', 'corporatie'],
      ['2028-02-01', 'open', 'corporatie'],
    ]);
  });

  it('zoekprofiel: 3 maanden (MO) / 6 maanden (BW) before data.geplandeUitstroomOp', () => {
    const events = history(['case-aangemaakt', '2026-01-05', { geplandeUitstroomOp: '2026-09-30' }]);
    expect(one(evaluate(events, { ...KR, route: 'MO', now: '2026-01-06T10:00:00Z', phase: 'onderzoek' }), 'zoekprofiel-mo').dueDate).toBe('2026-06-30');
    for (const route of ['BW_LVB', 'BW_WLZ'] as const) {
      const ds = evaluate(events, { ...KR, route, now: '2026-01-06T10:00:00Z', phase: 'onderzoek' });
      expect(one(ds, 'zoekprofiel-bw').dueDate).toBe('2026-03-30'); // Monday 30 March 2026
      expect(only(ds, 'zoekprofiel-mo')).toEqual([]);
    }
    const jeugd = evaluate(events, { ...KR, route: 'JEUGDHULP', now: '2026-01-06T10:00:00Z', phase: 'onderzoek' });
    expect(jeugd.filter((d) => d.ruleId.startsWith('zoekprofiel'))).toEqual([]);
    const shared = history(['case-aangemaakt', '2026-01-05', { geplandeUitstroomOp: '2026-09-30' }], ['aanvraag-urgentie', '2026-06-01']);
    expect(one(evaluate(shared, { ...KR, route: 'MO', now: '2026-06-02T10:00:00Z', phase: 'urgentie_aangevraagd' }), 'zoekprofiel-mo').status).toBe('met');
  });

  it('woningtoewijzing: ambition 3 maanden (MO) / 6 maanden (BW) from the woonvraag', () => {
    const events = history(CASE, ['aanvraag-urgentie', '2026-06-01']);
    expect(one(evaluate(events, { ...KR, route: 'MO', now: '2026-06-02T10:00:00Z', phase: 'wachtlijst' }), 'woningtoewijzing-mo')).toMatchObject({
      dueDate: '2026-09-01',
      kind: 'ambitie',
    });
    expect(one(evaluate(events, { ...KR, route: 'BW_WLZ', now: '2026-06-02T10:00:00Z', phase: 'wachtlijst' }), 'woningtoewijzing-bw').dueDate).toBe('2026-12-01');
  });

  it('overlast-reactie applies here too (003 Proefwonen, Procesregie)', () => {
    const events = history(CASE, ['overlast-melding', '2026-05-22', { meldingId: 'M1' }]);
    expect(one(evaluate(events, { ...KR, now: '2026-05-23T10:00:00Z' }), 'overlast-reactie').dueDate).toBe('2026-05-27');
  });
});

describe('all due dates and stage dates are werkdagen', () => {
  it('for a history touching every rule', () => {
    const events = history(
      ['case-aangemaakt', '2026-01-03', { geplandeUitstroomOp: '2026-10-04' }],
      ['aanvraag-urgentie', '2026-01-03'],
      ['besluit-urgentie', '2026-01-10', { besluit: 'akkoord' }],
      ['woningaanbod', '2026-02-07', { aanbodId: 'A1', beschikbaarOp: '2026-02-14' }],
      ['sleuteloverdracht', '2026-02-21', { proefwonenEindOp: '2027-02-21' }],
      ['kennismaking', '2026-04-04'],
      ['overlast-melding', '2026-05-23', { meldingId: 'M1' }],
      ['overlast-actie', '2026-05-30', { meldingId: 'M1', actie: 2, oordeel: { gedrag: 'onbewust', klacht: 'terecht' } }],
      ['time-out', '2026-06-06', { fase: 'start' }],
      ['fibu-afspraken', '2026-06-13'],
      ['woningruil', '2026-06-20', { ongelijk: true }],
      ['verhuizing', '2026-12-24', { naarGroter: true }],
      ['trajectwijziging', '2027-05-01', { perspectief: 'groepswonen' }],
      ['toets-derde', '2027-05-05', { akkoord: true }],
      ['besluit-omklap', '2027-05-08', { besluit: 'akkoord' }],
      ['vijfjarencontract', '2027-06-27'],
    );
    for (const regio of ['amsterdam', 'klantreis-2023'] as const) {
      const ds = evaluate(events, { regio, now: '2026-01-03T10:00:00Z' });
      expect(ds.length).toBeGreaterThan(regio === 'amsterdam' ? 10 : 4);
      for (const d of ds) {
        expect(isWerkdag(d.dueDate, regio), `${d.deadlineId} due ${d.dueDate}`).toBe(true);
        for (const s of d.stages) expect(isWerkdag(s.fireAt.slice(0, 10), regio), `${d.deadlineId}:${s.stage}`).toBe(true);
      }
    }
  });
});
