/**
 * The reminder planners: the diff between the deadlines of the new history and the stored reminder stages, as
 * store effects for the case's transaction. Property tests with generated deadlines (the engine is a parameter),
 * and scenarios with the real engine.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amsterdamMorning } from '../../shared/domain/calendar.js';
import type { CaseEvent, CaseState } from '../../shared/domain/case.js';
import type { Deadline, DeadlineStatus, Party } from '../../shared/domain/deadlines/index.js';
import { PARTIES } from '../../shared/domain/deadlines/index.js';
import { deadlineReminderPlanner, notificationPlanner, outboxPlanner } from '../../shared/app/reminders/planners.js';
import { changeContext, type ChangeContext } from '../../shared/app/effects.js';
import type { CaseIntent } from '../../shared/app/ports.js';
import { storeEffectOf, storeEffectsOf, type StoreEffect } from '../../shared/adapters/dynamo/intents.js';
import { nextReminderStatus, type ReminderStatus, type ReminderTransitionName } from '../../shared/domain/reminder-status.js';
import { DUE_SHARD_COUNT, reminderIdOf, type ReminderItem } from '../../shared/adapters/dynamo/reminder-items.js';
import { historyBy } from '../support/history.js';
import { noCaseItems } from '../../shared/app/ports.js';
import { caseItemsOf } from '../../shared/adapters/dynamo/case-items.js';

const NOW = '2026-06-10T10:00:00.000Z';

function caseState(overrides: Partial<CaseState> = {}): CaseState {
  return {
    caseId: 'case-1',
    reference: 'OMS-2026-000123',
    regio: 'amsterdam',
    route: 'MO',
    doelgroep: 'volwassene',
    clientPseudonym: 'J.D.',
    zorgaanbiederId: 'za-hvo-querido',
    corporatieId: 'corp-ymere',
    phase: 'herstelfase',
    version: 5,
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: NOW,
    facts: { toestemmingDelen: { gegeven: true, sinds: '2026-01-05', doelen: ['start-verhuur'], metWie: ['woningcorporatie', 'gemeente-wonen'] } } as CaseState['facts'],
    ...overrides,
  };
}

const history = historyBy({ userId: 'begeleider-1', organisationId: 'za-hvo-querido', role: 'begeleider' });

function change(events: CaseEvent[], now = NOW, after = caseState()): ChangeContext {
  return changeContext({ before: after, after: { ...after, version: events.length }, event: events[events.length - 1]!, history: events, now });
}

// ---------------------------------------------------------------------------------------------------------------
// A tiny in-memory store that applies the planner's intents as the table gets them (the adapter's items), moving a
// stage only as the status table allows (#domain/reminder-status), as the adapter's conditions do.

type Items = Map<string, Record<string, unknown>>;

/** The status-table transition a reminder intent makes of a stored stage. */
const TRANSITION: Partial<Record<CaseIntent['kind'], ReminderTransitionName>> = { 'reminder.cancel': 'cancel', 'reminder.replan': 'replan' };

function apply(items: Items, writes: CaseIntent[]): Items {
  const next: Items = new Map([...items].map(([k, v]) => [k, { ...v }]));
  for (const write of writes) {
    const effect = storeEffectOf(write);
    const sk = effect.kind === 'put' ? String(effect.item.SK) : effect.key.SK;
    const current = next.get(sk);
    if (effect.kind === 'put') {
      if (effect.ifAbsent && current) throw new Error(`put on existing ${sk}`);
      next.set(sk, { ...effect.item });
    } else if (effect.kind === 'delete') {
      next.delete(sk);
    } else {
      if (!current) throw new Error(`update of missing ${sk}`);
      const transition = TRANSITION[write.kind];
      if (transition && !nextReminderStatus(current.reminderStatus as ReminderStatus, transition)) throw new Error(`condition failed on ${sk}`);
      const updated = { ...current, ...effect.set };
      for (const name of effect.remove ?? []) delete updated[name];
      next.set(sk, updated);
    }
  }
  return next;
}

/** The planner's intents as the table gets them (the DynamoDB adapter's translation). */
const stored = (writes: CaseIntent[]): StoreEffect[] => storeEffectsOf(writes);

function existing(items: Items) {
  return caseItemsOf([...items.values()]);
}

const reminders = (items: Items) => [...items.values()].filter((i) => i.entity === 'reminder') as unknown as ReminderItem[];

// ---------------------------------------------------------------------------------------------------------------
// Generated deadlines for the property tests.

const instants = ['2026-06-01T06:00:00.000Z', '2026-06-09T06:00:00.000Z', NOW, '2026-06-11T06:00:00.000Z', '2026-06-20T06:00:00.000Z', '2026-07-01T06:00:00.000Z'];
const statuses: DeadlineStatus[] = ['open', 'overdue', 'met', 'missed', 'cancelled'];

const stageArb = fc.record({
  stage: fc.constantFrom('vooraf', 'vandaag', 'escalatie'),
  fireAt: fc.constantFrom(...instants),
  to: fc.uniqueArray(fc.constantFrom(...PARTIES), { minLength: 1, maxLength: 3 }),
});

const deadlineArb = (id: string) =>
  fc.record({
    status: fc.constantFrom(...statuses),
    title: fc.constantFrom('Kennismakingsgesprek houden', 'Woonevaluatie houden'),
    dueDate: fc.constantFrom('2026-06-12', '2026-06-30'),
    stages: fc.uniqueArray(stageArb, { selector: (s) => s.stage, maxLength: 3 }),
  }).map(
    ({ status, title, dueDate, stages }): Deadline => ({
      deadlineId: id,
      ruleId: id.split(':')[0]!,
      anchorKey: '1',
      title,
      source: '002 WA4',
      kind: 'termijn',
      actor: 'begeleider',
      startedBy: 1,
      dueDate,
      dueAt: `${dueDate}T21:59:59.999Z`,
      status,
      stages: stages.map((s) => ({ ...s, to: s.to as Party[], passed: s.fireAt <= NOW })),
    }),
  );

const deadlinesArb = fc
  .subarray(['kennismaking-gehouden:2', 'woonevaluatie:1', 'overlast-reactie:M-1', 'begeleidingsplan:3'])
  .chain((ids) => (ids.length ? fc.tuple(...ids.map(deadlineArb)) : fc.constant([] as Deadline[])));

/** Any reachable store: plan an earlier set of deadlines, then let the sender move some stages on. */
const storeArb = fc
  .tuple(deadlinesArb, fc.array(fc.constantFrom('pending', 'sending', 'sent', 'unconfirmed', 'failed'), { minLength: 12, maxLength: 12 }))
  .map(([earlier, progress]) => {
    const events = history(['sleuteloverdracht', '2026-03-02']);
    let items = apply(new Map(), deadlineReminderPlanner(() => earlier)(change(events), noCaseItems()));
    items = new Map(
      [...items].map(([sk, item], i) => {
        const status = progress[i % progress.length]!;
        return [sk, status === 'pending' ? item : { ...item, reminderStatus: status, claimToken: 't', GSI2SK: undefined }];
      }),
    );
    return items;
  });

describe('deadline reminder planner (property tests)', () => {
  const events = history(['sleuteloverdracht', '2026-03-02']);

  it('planning twice is idempotent: the second plan on the result of the first is empty', () => {
    fc.assert(
      fc.property(storeArb, deadlinesArb, (store, deadlines) => {
        const planner = deadlineReminderPlanner(() => deadlines);
        const first = apply(store, planner(change(events), existing(store)));
        expect(planner(change(events), existing(first))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('a met, missed or cancelled deadline leaves no pending stage', () => {
    fc.assert(
      fc.property(storeArb, deadlinesArb, (store, deadlines) => {
        const after = apply(store, deadlineReminderPlanner(() => deadlines)(change(events), existing(store)));
        for (const d of deadlines.filter((x) => !['open', 'overdue'].includes(x.status))) {
          expect(reminders(after).filter((r) => r.deadlineId === d.deadlineId && r.reminderStatus === 'pending')).toEqual([]);
        }
        // Deadlines that no longer exist leave nothing pending either.
        const ids = new Set(deadlines.map((d) => d.deadlineId));
        expect(reminders(after).filter((r) => !ids.has(r.deadlineId) && r.reminderStatus === 'pending')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never touches a stage that is sending, sent, unconfirmed or failed', () => {
    fc.assert(
      fc.property(storeArb, deadlinesArb, (store, deadlines) => {
        const after = apply(store, deadlineReminderPlanner(() => deadlines)(change(events), existing(store)));
        for (const [sk, item] of store) {
          if (item.reminderStatus !== 'pending' && item.reminderStatus !== 'cancelled') expect(after.get(sk)).toEqual(item);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('pending stages of an active deadline: its future stages and at most the latest past one, all in the due index', () => {
    fc.assert(
      fc.property(storeArb, deadlinesArb, (store, deadlines) => {
        const after = apply(store, deadlineReminderPlanner(() => deadlines)(change(events), existing(store)));
        for (const d of deadlines.filter((x) => x.status === 'open' || x.status === 'overdue')) {
          const pending = reminders(after).filter((r) => r.deadlineId === d.deadlineId && r.reminderStatus === 'pending');
          expect(pending.filter((r) => r.fireAt <= NOW).length).toBeLessThanOrEqual(1);
          // Computed here independently of the planner: future stages plus the one past stage with the latest fireAt.
          const past = d.stages.filter((s) => s.fireAt <= NOW).sort((a, b) => (a.fireAt < b.fireAt ? -1 : a.fireAt > b.fireAt ? 1 : 0));
          const wanted = [...d.stages.filter((s) => s.fireAt > NOW), ...past.slice(-1)];
          const expected = wanted.filter((w) => {
            const stored = store.get(`REM#${d.deadlineId}#${w.stage}`);
            return !stored || stored.reminderStatus === 'pending' || stored.reminderStatus === 'cancelled';
          });
          expect(pending.map((r) => r.stage).sort()).toEqual(expected.map((w) => w.stage).sort());
          for (const r of pending) {
            expect(r.GSI2PK).toMatch(new RegExp(`^DUE#[0-${DUE_SHARD_COUNT - 1}]$`));
            expect(r.GSI2SK).toBe(`${r.fireAt}#${r.reminderId}`);
            expect(r.reminderId).toBe(reminderIdOf('case-1', d.deadlineId, r.stage));
          }
        }
        for (const r of reminders(after).filter((x) => x.reminderStatus === 'cancelled')) {
          expect(r.GSI2PK).toBeUndefined();
          expect(r.GSI2SK).toBeUndefined();
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('deadline reminder planner (real engine)', () => {
  it('a sleuteloverdracht plans the kennismaking stages; the heads-up of "houden" goes to begeleider and corporatie', () => {
    const events = history(['case-aangemaakt', '2026-01-05'], ['sleuteloverdracht', '2026-06-08']);
    const effects = stored(deadlineReminderPlanner()(change(events), noCaseItems()));
    const puts = effects.filter((e): e is Extract<StoreEffect, { kind: 'put' }> => e.kind === 'put').map((e) => e.item as unknown as ReminderItem);
    const held = puts.filter((i) => i.ruleId === 'kennismaking-gehouden');
    expect(held.map((i) => i.stage).sort()).toEqual(['escalatie', 'vandaag', 'vooraf']);
    const vooraf = held.find((i) => i.stage === 'vooraf')!;
    // Due 3 months after 8 June 2026 = Tuesday 8 September; heads-up two weeks before, 08:00 Amsterdam.
    expect(vooraf).toMatchObject({ dueDate: '2026-09-08', fireAt: amsterdamMorning('2026-08-25'), to: ['begeleider', 'corporatie'] });
    expect(vooraf.begeleiderUserId).toBe('begeleider-1');
    // Each stage knows when the next one fires: a dispatcher that was behind sends only the latest due stage.
    expect(vooraf.nextStageAt).toBe(held.find((i) => i.stage === 'vandaag')!.fireAt);
    expect(held.find((i) => i.stage === 'escalatie')!.nextStageAt).toBeUndefined();
    expect(puts.some((i) => i.ruleId === 'kennismaking-plannen')).toBe(true);
    expect(effects.every((e) => e.kind === 'put' && e.ifAbsent)).toBe(true);
  });

  it('recording the kennismaking cancels every pending stage of both kennismaking rules', () => {
    const before = history(['case-aangemaakt', '2026-01-05'], ['sleuteloverdracht', '2026-06-08']);
    const planner = deadlineReminderPlanner();
    const store = apply(new Map(), planner(change(before), noCaseItems()));
    const after = history(['case-aangemaakt', '2026-01-05'], ['sleuteloverdracht', '2026-06-08'], ['kennismaking', '2026-06-19']);
    const effects = planner(change(after, '2026-06-20T12:00:00.000Z'), existing(store));
    const result = apply(store, effects);
    const kennismaking = reminders(result).filter((r) => r.ruleId.startsWith('kennismaking-'));
    expect(kennismaking.length).toBeGreaterThan(0);
    expect(kennismaking.every((r) => r.reminderStatus === 'cancelled' && r.cancelReason === 'met')).toBe(true);
    // The begeleidingsplan (6 weeks after the kennismaking) is planned in the same change.
    expect(reminders(result).some((r) => r.ruleId === 'begeleidingsplan' && r.reminderStatus === 'pending')).toBe(true);
    // Every stage it touches it cancels, only if still pending (the store form: test/unit/intents.test.ts).
    expect(effects.filter((e) => e.kind !== 'reminder.schedule').every((e) => e.kind === 'reminder.cancel')).toBe(true);
    expect(stored(effects).filter((e) => e.kind === 'update').every((e) => e.kind === 'update' && e.condition === 'reminderStatus = :remPending')).toBe(true);
  });

  it('a back-dated sleuteloverdracht keeps only the latest past stage per deadline', () => {
    const events = history(['case-aangemaakt', '2026-01-05'], ['sleuteloverdracht', '2026-03-02']);
    const effects = stored(deadlineReminderPlanner()(change(events, '2026-05-25T10:00:00.000Z'), noCaseItems()));
    const plan = effects.map((e) => (e.kind === 'put' ? (e.item as unknown as ReminderItem) : undefined)).filter((i) => i?.ruleId === 'kennismaking-plannen');
    // Due 13 April 2026 (6 weeks): every stage is past; only the escalatie goes out, once.
    expect(plan.map((i) => i!.stage)).toEqual(['escalatie']);
  });

  it('the overlast melding of Friday 22 May 2026 is due Wednesday 27 May (2e Pinksterdag); vandaag fires that morning', () => {
    const events = history(['case-aangemaakt', '2026-01-05'], ['overlast-melding', '2026-05-22', { meldingId: 'M-1' }]);
    const effects = stored(deadlineReminderPlanner()(change(events, '2026-05-22T14:00:00.000Z'), noCaseItems()));
    const items = effects.map((e) => (e.kind === 'put' ? (e.item as unknown as ReminderItem) : undefined)).filter((i) => i?.ruleId === 'overlast-reactie');
    const vandaag = items.find((i) => i!.stage === 'vandaag')!;
    expect(vandaag).toMatchObject({ dueDate: '2026-05-27', fireAt: '2026-05-27T06:00:00.000Z', to: ['meldpunt', 'begeleider'] });
    expect(items.find((i) => i!.stage === 'vooraf')!.fireAt).toBe('2026-05-26T06:00:00.000Z');
  });
});

describe('notification planner', () => {
  it('an aanvraag urgentie sends one mail to woonzaken, planned once', () => {
    const events = history(['case-aangemaakt', '2026-01-05'], ['aanvraag-urgentie', '2026-01-06']);
    const effects = stored(notificationPlanner(change(events), noCaseItems()));
    expect(effects).toHaveLength(1);
    const item = (effects[0] as Extract<StoreEffect, { kind: 'put' }>).item as unknown as ReminderItem;
    expect(item).toMatchObject({ kind: 'melding', stage: 'melding', to: ['woonzaken'], fireAt: NOW, reminderStatus: 'pending', SK: 'REM#aanvraag-urgentie:2#melding' });
    expect(notificationPlanner(change(events), caseItemsOf([item as unknown as Record<string, unknown>]))).toEqual([]);
  });

  it.each([
    ['toets-derde', { akkoord: true }, ['voordracht-omklap']],
    ['toets-derde', { akkoord: false }, []],
    ['woningruil', { ongelijk: true }, ['woningruil-ongelijk']],
    ['woningruil', { ongelijk: false }, []],
    ['verhuizing', { naarGroter: true }, ['verhuizing-wonen']],
    ['verhuizing', { naarGroter: false, wonenAkkoordNodig: true }, ['verhuizing-wonen']],
    ['verhuizing', { naarGroter: false, wonenAkkoordNodig: false }, []],
    ['trajectwijziging', { perspectief: '24-uurs-zorg' }, ['trajectwijziging-perspectief']],
    ['trajectwijziging', { perspectief: 'groepswonen' }, ['trajectwijziging-perspectief']],
    ['trajectwijziging', { perspectief: 'zelfstandig' }, []],
    ['einde-intermediaire-verhuur', {}, ['einde-intermediaire-verhuur']],
    ['besluit-omklap', { besluit: 'akkoord' }, ['besluit-omklap-akkoord']],
    ['besluit-omklap', { besluit: 'terug', motivatie: 'x' }, ['besluit-omklap-terug']],
    ['besluit-urgentie', { besluit: 'akkoord' }, ['besluit-urgentie']],
    ['kennismaking', {}, []],
  ] as Array<[CaseEvent['type'], Record<string, unknown>, string[]]>)('%s %j → %j', (type, data, rules) => {
    const events = history(['case-aangemaakt', '2026-01-05'], [type, '2026-06-01', data]);
    const items = stored(notificationPlanner(change(events), noCaseItems())).map((e) => (e as Extract<StoreEffect, { kind: 'put' }>).item as unknown as ReminderItem);
    expect(items.map((i) => i.ruleId)).toEqual(rules);
  });

  it('besluit omklap akkoord → corporatie and zorgaanbieder in one mail; einde verhuur → corporatie and woonzaken', () => {
    const akkoord = stored(notificationPlanner(change(history(['case-aangemaakt', '2026-01-05'], ['besluit-omklap', '2026-06-01', { besluit: 'akkoord' }])), noCaseItems()));
    expect((akkoord[0] as Extract<StoreEffect, { kind: 'put' }>).item.to).toEqual(['corporatie', 'zorgaanbieder']);
    const einde = stored(notificationPlanner(change(history(['case-aangemaakt', '2026-01-05'], ['einde-intermediaire-verhuur', '2026-06-01'])), noCaseItems()));
    expect((einde[0] as Extract<StoreEffect, { kind: 'put' }>).item.to).toEqual(['corporatie', 'woonzaken']);
  });
});

describe('outbox planner', () => {
  it('writes one pending outbox event with identifiers only, due now', () => {
    const events = history(['case-aangemaakt', '2026-01-05'], ['sleuteloverdracht', '2026-06-08', { adres: { straat: 'Geheimstraat' } }]);
    const [effect] = stored(outboxPlanner(change(events), noCaseItems()));
    expect(effect).toMatchObject({ kind: 'put', ifAbsent: true });
    const item = (effect as Extract<StoreEffect, { kind: 'put' }>).item;
    expect(item).toMatchObject({ SK: 'OUT#00000002', eventId: 'case-1#2', outboxStatus: 'pending', detailType: 'sleuteloverdracht' });
    expect(item.detail).toEqual({ eventId: 'case-1#2', caseId: 'case-1', reference: 'OMS-2026-000123', action: 'sleuteloverdracht', seq: 2, occurredOn: '2026-06-08' });
    expect(JSON.stringify(item)).not.toContain('Geheimstraat');
    expect(JSON.stringify(item)).not.toContain('J.D.');
    expect(String(item.GSI2SK)).toBe(`${NOW}#case-1#2`);
  });
});
