/**
 * Issue 15 point 4: one table of Wonen's intakes (shared/domain/wonen-intakes.ts) that the queue, the deadlines and
 * the mails derive from, and the typed contract between forms and rules.
 */
import { describe, expect, it } from 'vitest';
import { on, type CaseEvent, type CaseState, type EventData } from '../../shared/domain/case.js';
import { evaluateDeadlines } from '../../shared/domain/deadlines/index.js';
import { notificationsFor } from '../../shared/domain/notifications.js';
import { latestOf } from '../../shared/domain/forms/history.js';
import type { Action } from '../../shared/domain/phases.js';
import { WONEN_INTAKES, wonenIntakes } from '../../shared/domain/wonen-intakes.js';
import { projectionFor } from '../../shared/domain/views.js';
import { planQueue, type WonenKind } from '../../shared/domain/wonen-queue.js';

const actor = { userId: 'u', organisationId: 'za-hvo-querido', role: 'begeleider' as const };

function event(type: Action, data: Record<string, unknown>): CaseEvent {
  return { caseId: 'c1', seq: 2, type, occurredOn: '2027-04-29', recordedAt: '2027-04-29T08:00:00.000Z', actor, data };
}

function caseIn(regio: CaseState['regio']): CaseState {
  return {
    caseId: 'c1',
    reference: 'OMS-2027-000042',
    regio,
    route: 'MO',
    doelgroep: 'volwassene',
    clientPseudonym: 'J.D.',
    zorgaanbiederId: 'za-hvo-querido',
    phase: 'herstelfase',
    version: 2,
    createdAt: '2027-01-01T00:00:00.000Z',
    updatedAt: '2027-04-29T08:00:00.000Z',
    facts: {},
  };
}

/** For every submission of the table, data that sends it to Wonen (a submission added without one fails below). */
const SUBMITTING: ReadonlyArray<[WonenKind, Action, Record<string, unknown>]> = [
  ['urgentie', 'aanvraag-urgentie', {}],
  ['urgentie', 'heraanmelding', { naarFase: 'urgentie_aangevraagd' }],
  ['omklap', 'toets-derde', { akkoord: true }],
  ['woningruil', 'woningruil', { ongelijk: true }],
  ['verhuizing', 'verhuizing', { naarGroter: true, wonenAkkoordNodig: true, redenen: [] }],
  // 002 Bijlage 6: a verhuizing for gezinsuitbreiding is Wonen's decision "bij hoge uitzondering" (the form's
  // wonenAkkoordNodig): once a queue item and a mail without a deadline, now all three.
  ['verhuizing', 'verhuizing', { naarGroter: false, wonenAkkoordNodig: true, redenen: ['gezinsuitbreiding'] }],
  ['intrekking', 'trajectwijziging', { perspectief: '24-uurs-zorg', urgentieIntrekken: true }],
  ['intrekking', 'trajectwijziging', { perspectief: 'groepswonen', urgentieIntrekken: true }],
  ['einde-verhuur', 'einde-intermediaire-verhuur', {}],
];

function consequences(e: CaseEvent, state: CaseState) {
  const queued = planQueue({ before: state, after: state, event: e, history: [e], items: [] }).flatMap((op) => (op.op === 'create' ? [op.item.kind] : []));
  const deadlines = evaluateDeadlines({ case: state, history: [e], now: '2027-04-29T09:00:00.000Z' }).map((d) => d.ruleId);
  const mails = notificationsFor(e, state).filter((rule) => rule.to.includes('woonzaken')).map((rule) => rule.id);
  return { queued, deadlines, mails };
}

describe('one table of Wonen intakes: queue item, deadline and mail together', () => {
  it('every submission of the table has a case here', () => {
    const inTable = wonenIntakes().flatMap(([kind, intake]) => intake.submissions.map((s) => `${kind}:${s.action}`));
    expect(new Set(SUBMITTING.map(([kind, action]) => `${kind}:${action}`))).toEqual(new Set(inTable));
  });

  it.each(SUBMITTING)('%s: %s %j yields a queue item, a deadline (when it has a term) and a mail to Wonen', (kind, action, data) => {
    const { queued, deadlines, mails } = consequences(event(action, data), caseIn('amsterdam'));
    expect(queued).toEqual([kind]);
    const toets = WONEN_INTAKES[kind] as { toets?: { deadlineId: string } };
    expect(deadlines.filter((id) => id.startsWith('wonen-toets-'))).toEqual(toets.toets ? [toets.toets.deadlineId] : []);
    expect(mails.length).toBeGreaterThan(0);
  });

  it('a verhuizing for gezinsuitbreiding gets the 5-werkdagen toets of the verhuizing (002 Bijlage 6)', () => {
    const e = event('verhuizing', { naarGroter: false, wonenAkkoordNodig: true, redenen: ['gezinsuitbreiding'] });
    const [toets] = evaluateDeadlines({ case: caseIn('amsterdam'), history: [e], now: '2027-04-29T09:00:00.000Z' }).filter((d) => d.ruleId === 'wonen-toets-verhuizing');
    // Received Thursday 29 April 2027: 5 werkdagen with 5 mei and Hemelvaart in between.
    expect(toets?.dueDate).toBe('2027-05-10');
  });

  it('Wonen may read what it toetst: every intake form has a Wonen projection in views.ts (the one allow-list)', () => {
    const unlisted = wonenIntakes()
      .flatMap(([, intake]) => intake.submissions.map((s) => s.action))
      .filter((action) => action !== 'toets-derde' && action !== 'heraanmelding') // Wonen sees the voordracht / the aanvraag behind them (wonen-queue.ts projectionFor)
      .filter((action) => projectionFor('medewerker-wonen', action) === undefined);
    expect(unlisted).toEqual([]);
  });

  it('a verhuizing Wonen does not decide yields none of the three', () => {
    expect(consequences(event('verhuizing', { naarGroter: false, wonenAkkoordNodig: false, redenen: ['gezinsverkleining'] }), caseIn('amsterdam'))).toEqual({ queued: [], deadlines: [], mails: [] });
  });

  it('in a regio whose gemeente toetst nothing (003), no queue item and no Wonen deadline', () => {
    for (const [, action, data] of SUBMITTING) {
      const { queued, deadlines } = consequences(event(action, data), caseIn('klantreis-2023'));
      expect(queued).toEqual([]);
      expect(deadlines.filter((id) => id.startsWith('wonen-toets-'))).toEqual([]);
    }
  });
});

/** The actions whose event data the compiler could not derive (an inference cycle makes it `unknown`): none. */
type Untyped = { [A in Action]: unknown extends EventData<A> ? A : never }[Action];

describe('typed contract between forms and rules', () => {
  it('every form has a typed event data (a decision that read typed history could make its form untyped)', () => {
    const noneUntyped: [Untyped] extends [never] ? true : Untyped = true;
    expect(noneUntyped).toBe(true);
  });

  it("a predicate reads the form's data typed: a field or value the form does not have fails to compile (tsc)", () => {
    const akkoord = on('besluit-omklap', (d) => d.besluit === 'akkoord');
    // @ts-expect-error 'akord' is no besluit of the form besluit-omklap
    on('besluit-omklap', (d) => d.besluit === 'akord');
    // @ts-expect-error besluitt is no field of besluit-omklap
    on('besluit-omklap', (d) => d.besluitt === 'akkoord');
    // The history helpers of the decisions too.
    // @ts-expect-error 'akord' is no besluit of the form besluit-omklap
    latestOf([], 'besluit-omklap', (e) => e.data.besluit === 'akord');
    expect(latestOf([event('besluit-omklap', { besluit: 'terug' })], 'besluit-omklap', (e) => e.data.besluit === 'terug')?.type).toBe('besluit-omklap');
    expect(akkoord.when?.(event('besluit-omklap', { besluit: 'akkoord' }))).toBe(true);
    expect(akkoord.when?.(event('besluit-omklap', { besluit: 'terug' }))).toBe(false);
  });
});
