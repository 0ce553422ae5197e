/**
 * The route as the seeds write it (issue 14): each describe block is one numbered point of the issue, each test cites
 * the seed sentence it encodes.
 */
import { describe, expect, it } from 'vitest';
import type { CaseEvent, CaseState } from '../../shared/domain/case.js';
import { RuleViolated } from '../../shared/domain/errors.js';
import { notificationsFor } from '../../shared/domain/notifications.js';
import { isAllowed } from '../../shared/domain/phases.js';
import { actionsAvailable, mayTake } from '../../shared/domain/roles.js';
import { actionsOffered } from '../../shared/domain/forms/index.js';
import { planQueue, type WonenItem } from '../../shared/domain/wonen-queue.js';
import { evaluate, history, type Spec } from '../support/history.js';
import { applyForm, caseReadyFor, FIXTURE_TODAY, newCase, PRINCIPALS, validInput, walkDates } from './forms.fixtures.js';
import { caseView } from '../../shared/domain/views.js';
import { canSeeCase, mayFileOn } from '../../shared/domain/access.js';
import { REGIO_RULES } from '../../shared/domain/regio.js';
import { rulesFor } from '../../shared/domain/deadlines/index.js';
import { HOLIDAY_CALENDARS } from '../../shared/domain/werkdagen.js';
import { REGIOS } from '../../shared/domain/case.js';
import { retentionPlanner } from '../../shared/app/retention.js';
import { addDays, addYears, amsterdamInstant } from '../../shared/domain/calendar.js';
import { evaluateDeadlines } from '../../shared/domain/deadlines/index.js';
import { DEFAULT_RETENTION_POLICY, nextRetentionStep, type RetentionRecord } from '../../shared/domain/retention.js';
import { noCaseItems } from '../../shared/app/ports.js';
import { changeContext } from '../../shared/app/effects.js';

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

describe('8. A case can be closed from every phase the seeds allow (001 §3 "(Tijdelijke) afmelding voor de Omslagroute")', () => {
  it('overlijden or vertrek met onbekende bestemming closes a case still in onderzoek', () => {
    expect(isAllowed('afmelding', 'onderzoek')).toBe(true);
    const closed = applyForm(newCase(), 'afmelding', { soort: 'definitief', reden: 'overlijden', datum: FIXTURE_TODAY });
    expect(closed.state.phase).toBe('afgesloten');
  });

  it('… and a case that is tijdelijk afgemeld', () => {
    const afgemeld = caseReadyFor('heraanmelding');
    expect(afgemeld.state.phase).toBe('tijdelijk_afgemeld');
    const closed = applyForm(afgemeld, 'afmelding', { soort: 'definitief', reden: 'vertrek-onbekende-bestemming', datum: FIXTURE_TODAY });
    expect(closed.state.phase).toBe('afgesloten');
  });

  it('there a tijdelijke afmelding is refused: nothing to step off for a while', () => {
    const attempt = () => applyForm(newCase(), 'afmelding', { soort: 'tijdelijk', reden: 'opname-kliniek', datum: FIXTURE_TODAY });
    expect(attempt).toThrow(RuleViolated);
    expect(attempt).toThrow(/alleen een definitieve afmelding/);
  });

  const open: WonenItem = {
    caseId: 'case-1', seq: 2, kind: 'urgentie', status: 'nieuw', regio: 'amsterdam', reference: 'OMS-2027-000042',
    sourceType: 'aanvraag-urgentie', receivedOn: '2026-03-02', receivedAt: '2026-03-02T09:00:00.000Z', dueDate: '2026-03-09', projection: {},
  };
  const afgemeld = history(CASE, ['aanvraag-urgentie', '2026-03-02'], ['afmelding', '2026-03-04', { soort: 'tijdelijk', reden: 'opname-kliniek', vanuitFase: 'urgentie_aangevraagd' }]);

  it('a tijdelijke afmelding during the Wonen toets suspends the queue item, it does not run late', () => {
    const ops = planQueue({ before: { phase: 'urgentie_aangevraagd' }, after: { ...STATE, phase: 'tijdelijk_afgemeld' }, event: afgemeld[2]!, history: afgemeld, items: [open] });
    expect(ops).toEqual([expect.objectContaining({ op: 'close', decision: 'opgeschort', decidedOn: '2026-03-04' })]);
  });

  it('Wonen is told of every afmelding of a case it knows, and of a refused offer', () => {
    expect(notificationsFor(afgemeld[2]!, { ...STATE, phase: 'tijdelijk_afgemeld' }).map((r) => [r.id, r.to])).toEqual([['afmelding-wonen', ['woonzaken']]]);
    const [weigering] = history(['weigering-aanbod', '2026-06-03', { aanbodId: 'A1' }]);
    expect(notificationsFor(weigering!, { ...STATE, phase: 'wachtlijst' }).flatMap((r) => r.to)).toContain('woonzaken');
    // A case still in onderzoek never reached Wonen (002 WA10: share only what is needed).
    const [vroeg] = history(['afmelding', '2026-03-04', { soort: 'definitief', reden: 'overlijden', vanuitFase: 'onderzoek' }]);
    expect(notificationsFor(vroeg!, { ...STATE, phase: 'afgesloten' })).toEqual([]);
  });
});

describe('5. Aanbod within three months only while an urgentie is granted (002 "binnen drie maanden nadat … een urgentie is toegekend")', () => {
  const afgemeld = [
    CASE,
    ['aanvraag-urgentie', '2026-03-02'],
    ['afmelding', '2026-03-04', { soort: 'tijdelijk', reden: 'opname-kliniek', vanuitFase: 'urgentie_aangevraagd' }],
  ] as const satisfies Spec[];

  it('a heraanmelding that puts the aanvraag back with Wonen starts no aanbod ambition, and re-arms Wonen’s clock from its receipt', () => {
    const events = history(...afgemeld, ['heraanmelding', '2026-04-01', { naarFase: 'urgentie_aangevraagd' }]);
    const all = evaluate(events, { now: '2026-04-02T10:00:00Z', phase: 'urgentie_aangevraagd' });
    expect(all.filter((d) => d.ruleId === 'woningaanbod-ambitie')).toEqual([]);
    const toetsen = all.filter((d) => d.ruleId === 'wonen-toets-urgentie').map((d) => [d.status, d.dueDate]);
    // The first clock stopped with the afmelding; the heraanmelding of Wed 1 April: 2, 3, 7, 8, 9 April (6 April 2e Paasdag).
    expect(toetsen).toEqual([['cancelled', '2026-03-09'], ['open', '2026-04-09']]);
  });

  it('a heraanmelding back to the wachtlijst (urgentie granted) restarts the ambition', () => {
    const events = history(
      CASE,
      ['aanvraag-urgentie', '2026-03-02'],
      ['besluit-urgentie', '2026-03-05', { besluit: 'akkoord' }],
      ['afmelding', '2026-03-10', { soort: 'tijdelijk', reden: 'opname-kliniek', vanuitFase: 'wachtlijst' }],
      ['heraanmelding', '2026-04-01', { naarFase: 'wachtlijst' }],
    );
    const ambities = evaluate(events, { now: '2026-04-02T10:00:00Z', phase: 'wachtlijst' }).filter((d) => d.ruleId === 'woningaanbod-ambitie');
    expect(ambities.map((d) => [d.status, d.dueDate])).toEqual([['cancelled', '2026-06-05'], ['open', '2026-07-01']]);
  });

  it('the heraanmelding opens a new queue item for the aanvraag, received on its own day', () => {
    const events = history(...afgemeld, ['heraanmelding', '2026-03-30', { naarFase: 'urgentie_aangevraagd' }, { recordedAt: '2026-04-01T09:00:00.000Z' }]);
    const ops = planQueue({ before: { phase: 'tijdelijk_afgemeld' }, after: { ...STATE, phase: 'urgentie_aangevraagd' }, event: events[3]!, history: events, items: [] });
    expect(ops).toEqual([expect.objectContaining({ op: 'create', item: expect.objectContaining({ kind: 'urgentie', receivedOn: '2026-04-01', dueDate: '2026-04-09' }) })]);
  });
});

describe('6. Overlast: two duties, told at once, the MZWO after the omklap (002 WA6, WA9, Bijlage 1)', () => {
  const melding = ['overlast-melding', '2026-05-22', { meldingId: 'M1' }] as const satisfies Spec;

  it('contacting the melder (WA6: "benadert de melder … binnen twee werkdagen") and informing the corporatie (Bijlage 1 Actie 1) are recorded and reminded apart', () => {
    const events = history(CASE, ['sleuteloverdracht', '2026-03-02'], melding, ['overlast-actie', '2026-05-26', { meldingId: 'M1', actie: 1 }]);
    const all = evaluate(events, { now: '2026-05-28T10:00:00Z' });
    expect(only(all, 'overlast-corporatie-informeren')).toMatchObject({ status: 'met', dueDate: '2026-05-27' });
    expect(only(all, 'overlast-reactie')).toMatchObject({ status: 'overdue', dueDate: '2026-05-27' });
    const benaderd = history(CASE, ['sleuteloverdracht', '2026-03-02'], melding, ['overlast-actie', '2026-05-26', { meldingId: 'M1', actie: 'melder-benaderd' }]);
    const later = evaluate(benaderd, { now: '2026-05-28T10:00:00Z' });
    expect(only(later, 'overlast-reactie').status).toBe('met');
    expect(only(later, 'overlast-corporatie-informeren').status).toBe('overdue');
  });

  it('the meldpunt and the begeleider are told when the melding is recorded', () => {
    const [event] = history(melding);
    expect(notificationsFor(event!, { ...STATE, phase: 'herstelfase' }).map((r) => [r.id, r.to])).toEqual([['overlast-melding', ['meldpunt', 'begeleider']]]);
  });

  it('after the omklap a melding goes to the MZWO (WA9: "de reguliere werkwijze … van het Meldpunt Zorg en Woonoverlast"), no begeleider duty', () => {
    const omgeklapt = caseReadyFor('vijfjarencontract');
    expect(omgeklapt.state.phase).toBe('omgeklapt');
    const recorded = applyForm(omgeklapt, 'overlast-melding', { meldingId: 'NA-1', ontvangenOp: FIXTURE_TODAY, melder: 'buren', via: 'corporatie', aard: ['geluid'] });
    expect(recorded.event.data.naOmklap).toBe(true);
    expect(notificationsFor(recorded.event, recorded.state).map((r) => [r.id, r.to])).toEqual([['overlast-melding-mzwo', ['mzwo']]]);
    const ours = evaluate(recorded.history, { now: `${FIXTURE_TODAY}T12:00:00Z`, phase: 'omgeklapt' }).filter((d) => d.anchorKey === 'NA-1');
    expect(ours).toEqual([]);
  });
});

describe('1. Retention may not erase what still has an open deadline (002 Bijlage 4: "Na 4 jaar … ontvangt de jongvolwassene een brief van de gemeente")', () => {
  it('an omgeklapt case with a vijfjarencontract is due for erasure only a retention period after its last signal', () => {
    const ready = caseReadyFor('vijfjarencontract');
    const applied = applyForm(ready, 'vijfjarencontract', validInput('vijfjarencontract'));
    const now = amsterdamInstant(FIXTURE_TODAY, 12);
    const effects = retentionPlanner(changeContext({ before: ready.state, after: applied.state, event: applied.event, history: applied.history, now }), noCaseItems());
    const record = effects.find((e) => e.kind === 'retention.schedule')!;
    expect(record.kind).toBe('retention.schedule');
    const scheduled = (record as unknown as { record: RetentionRecord }).record;
    const start = walkDates().contractEigenNaam;
    const signals = evaluateDeadlines({ case: applied.state, history: applied.history, now }).filter((d) => d.ruleId.startsWith('vijfjarencontract-'));
    const letter = signals.find((d) => d.ruleId === 'vijfjarencontract-brief-gemeente' && d.status === 'open')!;
    expect(letter.dueDate >= addYears(start, 4)).toBe(true);
    // Every sweep before the last signal (4.5 years) plus the period finds nothing to do.
    const last = signals.filter((d) => d.status === 'open').map((d) => d.dueAt).sort().at(-1)!;
    expect(scheduled.dueAt > last).toBe(true);
    expect(nextRetentionStep(scheduled, letter.dueAt)).toBeUndefined();
    expect(Date.parse(scheduled.dueAt) - Date.parse(last)).toBe(DEFAULT_RETENTION_POLICY.periodDays * 24 * 3600 * 1000);
  });
});

describe('11. Privacy of the voordracht and Wonen under the consent (002 WA10)', () => {
  const file = caseReadyFor('besluit-omklap');
  const voordracht = (timeline: Array<{ type: string; data?: any }> | undefined) => timeline?.find((e) => e.type === 'voordracht-omklap');

  it('the corporatie sees per leefgebied only whether a doel is behaald and when, never why nor by whom ("de stand van zaken over de gepersonaliseerde doelen")', () => {
    const seen = voordracht(caseView(PRINCIPALS.contactpersoon, file.state, file.history).timeline);
    expect(seen?.data?.doelen?.psychisch).toEqual({ akkoord: true, datumEvaluatiemoment: expect.any(String) });
    expect(JSON.stringify(seen)).not.toMatch(/behaaldOmdat|beoordeeldDoor/);
    // Wonen toetst the doelen (001 §4 "Op basis van de informatie op het voordrachtformulier"): it keeps the onderbouwing.
    expect(voordracht(caseView(PRINCIPALS['medewerker-wonen'], file.state, file.history).timeline)?.data?.doelen?.psychisch).toHaveProperty('behaaldOmdat');
  });

  it('Wonen sees no content the client did not consent to share with the gemeente ("met wie wordt gedeeld"); its own records it keeps', () => {
    const consent = file.state.facts.toestemmingDelen!;
    const state: CaseState = { ...file.state, facts: { ...file.state.facts, toestemmingDelen: { ...consent, metWie: ['woningcorporatie'] } as CaseState['facts']['toestemmingDelen'] } };
    const timeline = caseView(PRINCIPALS['medewerker-wonen'], state, file.history).timeline!;
    expect(voordracht(timeline)?.data).toBeUndefined();
    expect(timeline.find((e) => e.type === 'aanvraag-urgentie')?.data).toBeUndefined();
    expect(timeline.find((e) => e.type === 'besluit-urgentie')?.data).toMatchObject({ besluit: 'akkoord' });
    const toets = [...file.history].reverse().find((e) => e.type === 'toets-derde')!;
    const ops = planQueue({ before: { phase: 'voordracht' }, after: { ...state, phase: 'toets_wonen' }, event: toets, history: file.history, items: [] });
    const created = ops.find((o) => o.op === 'create');
    expect(created?.op === 'create' && created.item.projection).toMatchObject({ voordracht: { seq: expect.any(Number) } });
    expect(JSON.stringify(created?.op === 'create' && created.item.projection)).not.toMatch(/doelen/);
  });
});

describe('9. The corporatie and its own forms (001 §3 "De woningcorporatie selecteert geschikte woningen"; 002 WA8 stap 4)', () => {
  const omklap = caseReadyFor('huurcontract-eigen-naam');
  const withdrawn = { ...omklap.state, facts: { ...omklap.state.facts, toestemmingDelen: { gegeven: false, sinds: FIXTURE_TODAY, doelen: [], metWie: [] } } };

  it('a withdrawal of consent does not lock the corporatie out of its own contract forms, and only those', () => {
    const corporatie = PRINCIPALS.contactpersoon;
    expect(omklap.state.corporatieId).toBe(corporatie.organisationId);
    expect(canSeeCase(corporatie, withdrawn, omklap.history)).toBe(false);
    expect(mayFileOn(corporatie, withdrawn, 'huurcontract-eigen-naam', omklap.history)).toBe(true);
    expect(mayFileOn(corporatie, withdrawn, 'vijfjarencontract', omklap.history)).toBe(true);
    expect(mayFileOn(corporatie, withdrawn, 'overlast-melding', omklap.history)).toBe(false);
    expect(mayFileOn({ ...corporatie, organisationId: 'corp-eigen-haard' }, withdrawn, 'huurcontract-eigen-naam', omklap.history)).toBe(false);
    // What it gets back shows no content of the case.
    expect(Object.keys(caseView(corporatie, withdrawn))).not.toContain('clientPseudonym');
  });

  it('a huurcontract signed now with a later ingangsdatum is accepted; the term is met on the signing, the vijfjarencontract runs from the start', () => {
    const start = addDays(FIXTURE_TODAY, 17);
    const applied = applyForm(omklap, 'huurcontract-eigen-naam', { ingangsdatum: start, getekendOp: FIXTURE_TODAY, vijfjarencontract: true, leeftijd: { bijPlaatsing: 21, bijOmklap: 23 } });
    expect(applied.state.phase).toBe('omgeklapt');
    expect(applied.event.occurredOn).toBe(FIXTURE_TODAY);
    const all = evaluateDeadlines({ case: applied.state, history: applied.history, now: amsterdamInstant(FIXTURE_TODAY, 12) });
    expect(all.find((d) => d.ruleId === 'contract-eigen-naam')).toMatchObject({ status: 'met', metOn: FIXTURE_TODAY });
    expect(all.find((d) => d.ruleId === 'vijfjarencontract-zoeken')?.dueDate).toBe(addYears(start, 3));
  });
});

describe('12. A regio is one rule set; Drechtsteden as 004 gives it', () => {
  const klantreis = { ...STATE, regio: 'klantreis-2023' as const, phase: 'urgentie_aangevraagd' as const };
  const [aanvraag] = history(['aanvraag-urgentie', '2026-03-02']);

  it('a klantreis-2023 aanvraag gets no 5-werkdagen queue item nor a toets mail: 003 backs no term for the gemeente', () => {
    expect(planQueue({ before: { phase: 'onderzoek' }, after: klantreis, event: aanvraag!, history: [aanvraag!], items: [] })).toEqual([]);
    expect(notificationsFor(aanvraag!, klantreis).map((r) => r.id)).toEqual(['woonvraag-gemeente']);
    expect(notificationsFor(aanvraag!, { ...klantreis, regio: 'amsterdam' }).map((r) => r.id)).toEqual(['aanvraag-urgentie']);
  });

  it('every regio supplies routes, forms, Wonen intakes, holidays and says what its seed leaves open', () => {
    for (const regio of REGIOS) {
      const rules = REGIO_RULES[regio];
      expect(rules.routes.length, regio).toBeGreaterThan(0);
      expect(rules.forms.length, regio).toBeGreaterThan(0);
      expect(HOLIDAY_CALENDARS[regio].regio).toBe(regio);
      expect(rules.zonderTermijn.length, regio).toBeGreaterThan(0);
    }
  });

  it('Drechtsteden (004): entry from an instelling beschermd wonen, the two conditions of the Regeling Voorrang Uitstroom Instelling, no one-offer rule, no invented terms', () => {
    const d = REGIO_RULES.drechtsteden;
    expect(d.routes).toEqual(['BW_INSTELLING']);
    expect(d.voorwaardenAanvraag?.map((v) => v.key)).toEqual(['toeAanZelfstandigWonen', 'onvoldoendeMogelijkhedenZelfHuisvesting']);
    expect(d.eenmaligAanbod).toBe(false);
    expect(d.afwijkendeGemeenten?.map((g) => g.gemeente)).toEqual(['Gorinchem', 'Molenlanden', 'Hardinxveld-Giessendam']);
    expect(rulesFor('drechtsteden')).toEqual([]);
    expect(d.wonenIntakes).toEqual([]);
  });

  it('a Drechtsteden aanvraag must confirm both conditions; a form the regio does not have is refused', () => {
    const file = newCase({ regio: 'drechtsteden', route: 'BW_INSTELLING' });
    const body = validInput('aanvraag-urgentie', { akkoordDocument: { soort: 'Regeling Voorrang Uitstroom Instelling' } });
    expect(() => applyForm(file, 'aanvraag-urgentie', body)).toThrow(/voorwaarden/);
    const ok = applyForm(file, 'aanvraag-urgentie', { ...body, voorwaardenRegio: { toeAanZelfstandigWonen: true, onvoldoendeMogelijkhedenZelfHuisvesting: true } });
    expect(ok.state.phase).toBe('urgentie_aangevraagd');
    expect(() => applyForm(caseReadyFor('nieuwe-kans', FIXTURE_TODAY, { regio: 'drechtsteden', route: 'BW_INSTELLING' }), 'nieuwe-kans', validInput('nieuwe-kans'))).toThrow(/niet bij de route van regio drechtsteden/);
  });

  it('in Drechtsteden a refused offer does not block the search for two years (004: the client searches with priority)', () => {
    let ready = newCase({ regio: 'drechtsteden', route: 'BW_INSTELLING' });
    ready = applyForm(ready, 'aanvraag-urgentie', validInput('aanvraag-urgentie', {
      akkoordDocument: { soort: 'Regeling Voorrang Uitstroom Instelling' },
      voorwaardenRegio: { toeAanZelfstandigWonen: true, onvoldoendeMogelijkhedenZelfHuisvesting: true },
    }));
    for (const action of ['besluit-urgentie', 'woningaanbod'] as const) ready = applyForm(ready, action, validInput(action));
    const refused = applyForm(ready, 'weigering-aanbod', validInput('weigering-aanbod', { door: 'client' }));
    expect(refused.state.facts.aanbodGeblokkeerdTot).toBeUndefined();
  });
});

describe('9. The corporatie makes the one offer (001 §3: "De woningcorporatie selecteert geschikte woningen. De zorgaanbieder bepaalt welke cliënt het beste bij welke woning past.")', () => {
  const wachtlijst = caseReadyFor('matching');
  const corporatie = PRINCIPALS.contactpersoon;
  const andere = { ...corporatie, organisationId: 'corp-eigen-haard' };

  it('on the wachtlijst no corporatie sees the case; the matching links the one it names, and only that one', () => {
    expect(canSeeCase(corporatie, wachtlijst.state, wachtlijst.history)).toBe(false);
    const matched = applyForm(wachtlijst, 'matching', validInput('matching', { corporatieId: corporatie.organisationId }));
    expect(matched.state).toMatchObject({ phase: 'wachtlijst', corporatieId: corporatie.organisationId });
    expect(canSeeCase(corporatie, matched.state, matched.history)).toBe(true);
    expect(mayFileOn(corporatie, matched.state, 'woningaanbod', matched.history)).toBe(true);
    expect(mayFileOn(andere, matched.state, 'woningaanbod', matched.history)).toBe(false);
    // The dossier offers it the woningaanbod (what GET /cases/{id} lists as actions).
    expect(actionsAvailable('contactpersoon', 'wachtlijst', 'amsterdam')).toEqual(['woningaanbod']);
    expect(actionsAvailable('begeleider', 'wachtlijst', 'amsterdam')).toEqual(expect.arrayContaining(['matching', 'woningaanbod']));
    expect(mayTake('contactpersoon', 'matching')).toBe(false);
    // The corporatie is told it may make the offer (a mail with the reference, no content).
    expect(notificationsFor(matched.event, matched.state).map((r) => [r.id, r.to])).toEqual([['matching-corporatie', ['corporatie']]]);
  });

  it('the corporatie files the offer as its own; the begeleider recording one defaults to the matched corporatie', () => {
    const matched = applyForm(wachtlijst, 'matching', validInput('matching', { corporatieId: 'corp-eigen-haard' }));
    const own = applyForm(matched, 'woningaanbod', validInput('woningaanbod', { corporatieId: undefined }), { principal: andere });
    expect(own.state).toMatchObject({ phase: 'aanbod', corporatieId: 'corp-eigen-haard' });
    const byBegeleider = applyForm(matched, 'woningaanbod', validInput('woningaanbod', { corporatieId: undefined }));
    expect(byBegeleider.event.data.corporatieId).toBe('corp-eigen-haard');
    // Without a matching the begeleider must still name the corporatie.
    expect(() => applyForm(wachtlijst, 'woningaanbod', validInput('woningaanbod', { corporatieId: undefined }))).toThrow(/corporatie/);
  });

  it('a new matching replaces the corporatie while no offer runs; during an offer it is refused', () => {
    const first = applyForm(wachtlijst, 'matching', validInput('matching'));
    const again = applyForm(first, 'matching', validInput('matching', { corporatieId: 'corp-rochdale' }));
    expect(again.state.corporatieId).toBe('corp-rochdale');
    expect(canSeeCase(corporatie, again.state, again.history)).toBe(false);
    expect(isAllowed('matching', 'aanbod')).toBe(false);
  });

  it('the werkplek offers the matching only in a regio that has it (001 §3; not 003 klantreis-2023)', () => {
    expect(actionsOffered('begeleider', wachtlijst.state, wachtlijst.history)).toContain('matching');
    const klantreis = { ...wachtlijst.state, regio: 'klantreis-2023' as const };
    expect(actionsOffered('begeleider', klantreis, wachtlijst.history)).not.toContain('matching');
    expect(actionsOffered('begeleider', klantreis, wachtlijst.history)).toContain('woningaanbod');
  });
});

