/**
 * Wonen's queue, pure: which submissions enter it, what Wonen sees of them, the 5-werkdagen clock per item, the
 * decision forms closing items, manual status changes, and the daily digest.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, fromDayNumber } from '../../shared/domain/calendar.js';
import type { CaseEvent, CaseState } from '../../shared/domain/case.js';
import { addWerkdagen } from '../../shared/domain/werkdagen.js';
import {
  buildDigest,
  checkStatusChange,
  digestText,
  dueDateFor,
  intakeKindOf,
  planQueue,
  queueEntry,
  receivedBeforeBoundForDueBy,
  WonenStatusConflict,
  type WonenItem,
} from '../../shared/domain/wonen-queue.js';

const anyDate = fc.integer({ min: dayNumber('2020-01-01'), max: dayNumber('2035-12-31') }).map(fromDayNumber);

const actor = { userId: 'u', organisationId: 'za-hvo-querido', role: 'begeleider' as const };
let seqCounter = 0;
function event(type: CaseEvent['type'], data: Record<string, unknown> = {}, extra: Partial<CaseEvent> = {}): CaseEvent {
  seqCounter += 1;
  return { caseId: 'c1', seq: seqCounter, type, occurredOn: '2027-04-29', recordedAt: '2027-04-29T08:00:00.000Z', actor, data, ...extra };
}

const state: CaseState = {
  caseId: 'c1',
  reference: 'OMS-2027-000042',
  regio: 'amsterdam',
  route: 'MO',
  doelgroep: 'volwassene',
  clientPseudonym: 'J.D.',
  zorgaanbiederId: 'za-hvo-querido',
  phase: 'toets_wonen',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2027-04-29T08:00:00.000Z',
  // 002 WA10: the client consented to share with the gemeente (directie Wonen); without it Wonen sees no content.
  facts: { toestemmingDelen: { gegeven: true, sinds: '2027-01-04', doelen: ['match', 'omklap'], metWie: ['gemeente-wonen'] } as CaseState['facts']['toestemmingDelen'] },
};

function item(overrides: Partial<WonenItem> = {}): WonenItem {
  return {
    caseId: 'c1',
    seq: 7,
    kind: 'omklap',
    status: 'nieuw',
    regio: 'amsterdam',
    reference: 'OMS-2027-000042',
    sourceType: 'toets-derde',
    receivedOn: '2027-04-29',
    receivedAt: '2027-04-29T08:00:00.000Z',
    dueDate: '2027-05-10',
    projection: {},
    ...overrides,
  };
}

describe('intake: what needs Wonen', () => {
  it.each([
    ['aanvraag-urgentie', {}, 'urgentie'],
    ['toets-derde', { akkoord: true }, 'omklap'],
    ['toets-derde', { akkoord: false }, undefined],
    ['woningruil', { ongelijk: true }, 'woningruil'],
    ['woningruil', { ongelijk: false }, undefined],
    ['verhuizing', { naarGroter: true }, 'verhuizing'],
    ['verhuizing', { naarGroter: false, wonenAkkoordNodig: true }, 'verhuizing'],
    ['verhuizing', { naarGroter: false, wonenAkkoordNodig: false }, undefined],
    ['trajectwijziging', { perspectief: '24-uurs-zorg' }, 'intrekking'],
    ['trajectwijziging', { perspectief: 'groepswonen' }, 'intrekking'],
    ['trajectwijziging', { perspectief: 'zelfstandig' }, undefined],
    ['einde-intermediaire-verhuur', {}, 'einde-verhuur'],
    ['voordracht-omklap', {}, undefined],
    ['mail-ontvangen', {}, undefined],
  ] as const)('%s %j → %s', (type, data, kind) => {
    expect(intakeKindOf({ type, data })).toBe(kind);
  });
});

describe('the 5-werkdagen clock (001 §4; 002 WA8 stap 4)', () => {
  it('a voordracht received on Thursday 29 April 2027 is due Monday 10 May 2027 (5 mei and Hemelvaart in between)', () => {
    expect(dueDateFor('2027-04-29', 'amsterdam')).toBe('2027-05-10');
  });

  it.each([
    ['2027-04-29', 5, false],
    ['2027-04-30', 4, false],
    ['2027-05-03', 3, false],
    ['2027-05-05', 2, false], // Bevrijdingsdag: 7 and 10 May are left
    ['2027-05-06', 2, false], // Hemelvaartsdag
    ['2027-05-07', 1, false],
    ['2027-05-10', 0, false], // the due day: due at its end
    ['2027-05-11', 0, true],
  ])('on %s: %i werkdagen left, overdue %s', (today, left, overdue) => {
    const entry = queueEntry(item(), today);
    expect(entry.werkdagenLeft).toBe(left);
    expect(entry.overdue).toBe(overdue);
  });

  it('counts werkdagen overdue, and decided items say whether they were on time', () => {
    expect(queueEntry(item(), '2027-05-12').werkdagenOverdue).toBe(2);
    const decided = queueEntry(item({ status: 'besloten', decision: 'akkoord', decidedOn: '2027-05-10' }), '2027-06-01');
    expect(decided).toMatchObject({ decision: 'akkoord', onTime: true });
    expect(decided.werkdagenLeft).toBeUndefined();
  });

  it('received order is due order: adding 5 werkdagen is monotonic (property)', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        const [first, second] = a <= b ? [a, b] : [b, a];
        expect(dueDateFor(first, 'amsterdam') <= dueDateFor(second, 'amsterdam')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('the digest bound: dueDate(d) ≤ today exactly when d < bound(today) (property)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -20, max: 20 }), (today, offset) => {
        const d = fromDayNumber(dayNumber(today) + offset);
        const bound = receivedBeforeBoundForDueBy(today, 'amsterdam');
        expect(dueDateFor(d, 'amsterdam') <= today).toBe(d < bound);
      }),
      { numRuns: 3000 },
    );
  });

  it('the digest bound on the worked example', () => {
    expect(receivedBeforeBoundForDueBy('2027-05-10', 'amsterdam')).toBe('2027-04-30');
    expect(addWerkdagen('2027-04-29', 5)).toBe('2027-05-10');
  });
});

describe('planning: a change and the queue', () => {
  const voordracht = event('voordracht-omklap', {
    datumVoordracht: '2027-04-20',
    doelen: { dagbesteding: { behaald: true, onderbouwing: 'Werkt 3 dagen' } },
    woonevaluatie: { datumEvaluatiemoment: '2027-03-01' },
    akkoordClient: { akkoord: true, naam: 'Jan de Vries', datum: '2027-04-20' },
    afsprakenNaOmklap: { volgendeStappen: 'buurtteam' },
    overlast: { meldingen: 2 },
    begeleidingsplan: 'vertrouwelijk',
    steunstructuur: 'zus, buurtteam',
  });
  const toets = event('toets-derde', { akkoord: true, datum: '2027-04-29', toelichting: 'diagnose X stabiel' });

  it('the onafhankelijke derde’s akkoord opens an omklap item with only what Wonen may see of the voordracht', () => {
    const ops = planQueue({ before: { phase: 'voordracht' }, after: state, event: toets, history: [voordracht, toets], items: [] });
    expect(ops).toHaveLength(1);
    const created = ops[0]!;
    expect(created.op).toBe('create');
    if (created.op !== 'create') return;
    expect(created.item).toMatchObject({ kind: 'omklap', status: 'nieuw', receivedOn: '2027-04-29', dueDate: '2027-05-10', reference: 'OMS-2027-000042' });
    const seen = JSON.stringify(created.item.projection);
    expect(created.item.projection).toMatchObject({
      voordracht: {
        datumVoordracht: '2027-04-20',
        doelen: { dagbesteding: { behaald: true } },
        woonevaluatie: { datumEvaluatiemoment: '2027-03-01' },
        akkoordClient: { akkoord: true, datum: '2027-04-20' },
      },
      toetsDerde: { akkoord: true },
    });
    for (const secret of ['overlast', 'begeleidingsplan', 'steunstructuur', 'vertrouwelijk', 'diagnose', 'Jan de Vries', 'afsprakenNaOmklap']) expect(seen).not.toContain(secret);
  });

  it('the urgentie item shows what views.ts lets Wonen read of the aanvraag, not the wooneisen or the signature', () => {
    const aanvraag = event('aanvraag-urgentie', {
      aanvraagDatum: '2027-04-29',
      doelen: { sociaal: 'x' },
      huishouden: { partner: false, aantalKinderen: 1, partnerGehuwd: false },
      wooneisen: { benedenwoningOfLift: true },
      akkoordClient: { akkoord: true, naam: 'J.D.', datum: '2027-04-29' },
    });
    const [op] = planQueue({ before: { phase: 'onderzoek' }, after: { ...state, phase: 'urgentie_aangevraagd' }, event: aanvraag, history: [aanvraag], items: [] });
    expect(op?.op).toBe('create');
    if (op?.op !== 'create') return;
    expect(op.item.projection).toMatchObject({ route: 'MO', aanvraagDatum: '2027-04-29', huishouden: { aantalKinderen: 1 } });
    expect(op.item.projection).not.toHaveProperty('wooneisen');
    expect(op.item.projection).not.toHaveProperty('akkoordClient');
  });

  it('a decision form closes the open item of its kind with its besluit; terug too', () => {
    const open = item({ seq: toets.seq });
    const terug = event('besluit-omklap', { besluit: 'terug', motivatie: 'doel 2 niet onderbouwd' }, { occurredOn: '2027-05-04' });
    const ops = planQueue({ before: state, after: { ...state, phase: 'voordracht' }, event: terug, history: [voordracht, toets, terug], items: [open] });
    expect(ops).toEqual([{ op: 'close', item: open, decision: 'terug', decidedOn: '2027-05-04', decidedBySeq: terug.seq }]);
  });

  it('besluit-woningruil closes a woningruil or verhuizing item; intrekking-urgentie the intrekking item', () => {
    const ruil = item({ kind: 'verhuizing', seq: 3 });
    const besluit = event('besluit-woningruil', { besluit: 'akkoord' });
    expect(planQueue({ before: state, after: state, event: besluit, history: [besluit], items: [ruil] })[0]).toMatchObject({ op: 'close', decision: 'akkoord' });
    const intrekking = item({ kind: 'intrekking', seq: 4 });
    const ingetrokken = event('intrekking-urgentie', {});
    const ops = planQueue({ before: state, after: { ...state, phase: 'afgesloten' }, event: ingetrokken, history: [ingetrokken], items: [intrekking, item({ kind: 'einde-verhuur', seq: 5 })] });
    // The intrekking is decided; the informational einde-verhuur item stays for Wonen to register.
    expect(ops).toEqual([expect.objectContaining({ op: 'close', item: intrekking, decision: 'ingetrokken' })]);
  });

  it('a case that ends makes waiting items moot (vervallen)', () => {
    const open = item({ kind: 'urgentie', seq: 2 });
    const afmelding = event('afmelding', { soort: 'definitief' });
    const ops = planQueue({ before: { phase: 'urgentie_aangevraagd' }, after: { ...state, phase: 'afgesloten' }, event: afmelding, history: [afmelding], items: [open] });
    expect(ops).toEqual([expect.objectContaining({ op: 'close', item: open, decision: 'vervallen' })]);
  });

  it('a correction of the submission updates what Wonen sees, without a second item', () => {
    const open = item({ kind: 'woningruil', seq: 20, sourceType: 'woningruil' });
    const original = event('woningruil', { ongelijk: true, motivatie: 'a' }, { seq: 20 });
    const correction = event('woningruil', { ongelijk: true, motivatie: 'b' }, { supersedes: 20 });
    const ops = planQueue({ before: state, after: state, event: correction, history: [original, correction], items: [open] });
    expect(ops).toEqual([{ op: 'reproject', item: open, projection: { ongelijk: true, motivatie: 'b' } }]);
  });

  it('a decided item is not touched by a later decision', () => {
    const besluit = event('besluit-omklap', { besluit: 'akkoord' });
    expect(planQueue({ before: state, after: state, event: besluit, history: [besluit], items: [item({ status: 'besloten' })] })).toEqual([]);
  });
});

describe('manual status changes', () => {
  it('picks up and gives back; a no-op is false', () => {
    expect(checkStatusChange(item(), 'in-behandeling')).toBe(true);
    expect(checkStatusChange(item({ status: 'in-behandeling' }), 'nieuw')).toBe(true);
    expect(checkStatusChange(item(), 'nieuw')).toBe(false);
  });

  it('never decides an item that waits for a decision form, and never reopens a decided one', () => {
    expect(() => checkStatusChange(item(), 'besloten')).toThrow(WonenStatusConflict);
    expect(() => checkStatusChange(item({ status: 'besloten' }), 'in-behandeling')).toThrow(WonenStatusConflict);
    expect(checkStatusChange(item({ kind: 'einde-verhuur' }), 'besloten')).toBe(true);
  });
});

describe('the daily digest', () => {
  it('lists what is due today and what is overdue, by reference only', () => {
    const items = [
      item({ reference: 'OMS-2027-000001', dueDate: '2027-05-10', projection: { motivatie: 'geheim' } }),
      item({ reference: 'OMS-2027-000002', dueDate: '2027-05-07', status: 'in-behandeling', kind: 'urgentie' }),
      item({ reference: 'OMS-2027-000003', dueDate: '2027-05-11' }),
    ];
    const digest = buildDigest('amsterdam', '2027-05-10', items);
    expect(digest.dueToday.map((l) => l.reference)).toEqual(['OMS-2027-000001']);
    expect(digest.overdue).toEqual([expect.objectContaining({ reference: 'OMS-2027-000002', werkdagenOverdue: 1 })]);
    const mail = digestText(digest, 'https://app.example/wonen/wachtrij');
    expect(mail.subject).toBe('[Omslagroute] Wonen-wachtrij 10 mei 2027: 1 vandaag, 1 te laat');
    expect(mail.text).toContain('OMS-2027-000001');
    expect(mail.text).toContain('OMS-2027-000002');
    expect(mail.text).not.toContain('OMS-2027-000003');
    expect(mail.text + mail.html).not.toContain('geheim');
  });
});
