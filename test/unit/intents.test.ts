/**
 * The DynamoDB adapter's translation of a change's intents (adapters/dynamo/intents.ts): keys, index attributes and
 * conditions, asserted here once, so the planners' tests can speak intents.
 */
import { describe, expect, it } from 'vitest';
import { factId, storeEffectOf } from '../../shared/adapters/dynamo/intents.js';
import type { RetentionRecord } from '../../shared/domain/retention.js';
import type { MonitorFact } from '../../shared/domain/monitor.js';
import type { WonenItem } from '../../shared/domain/wonen-queue.js';

const RECORD: RetentionRecord = { caseId: 'c-1', retentionState: 'scheduled', closedPhase: 'afgesloten', scheduledAt: '2026-12-03T10:00:00.000Z', dueAt: '2028-12-02T10:00:00.000Z' };
const FACT: MonitorFact = { organisationId: 'za-hvo', regio: 'amsterdam', month: '2026-12', counter: 'fase', seed: 'c-1|7', phase: 'onderzoek' };

describe('intents in store form', () => {
  it('draft.discard deletes the organisation’s draft of the form in the case partition', () => {
    expect(storeEffectOf({ kind: 'draft.discard', caseId: 'c-1', organisationId: 'za-hvo', action: 'woonevaluatie' })).toEqual({
      kind: 'delete',
      key: { PK: 'CASE#c-1', SK: 'DRAFT#za-hvo#woonevaluatie' },
    });
  });

  it('retention.schedule queues the record by the month it is due, only while the sweeper has not claimed it', () => {
    expect(storeEffectOf({ kind: 'retention.schedule', record: RECORD })).toEqual({
      kind: 'update',
      key: { PK: 'CASE#c-1', SK: 'RETENTION' },
      set: { entity: 'retention', ...RECORD, GSI3PK: 'RETENTION#2028-12', GSI3SK: '2028-12-02T10:00:00.000Z#c-1' },
      remove: ['eraseAt', 'markedAt'],
      condition: 'attribute_not_exists(retentionState) OR retentionState IN (:retentionScheduled, :retentionMarked)',
      conditionValues: { ':retentionScheduled': 'scheduled', ':retentionMarked': 'marked' },
    });
    expect(storeEffectOf({ kind: 'retention.cancel', caseId: 'c-1' })).toEqual({ kind: 'delete', key: { PK: 'CASE#c-1', SK: 'RETENTION' } });
  });

  it('deadline.index lists the deadline on GSI3 of the organisation by due instant; deadline.close removes it', () => {
    const deadline = { reference: 'OMS-2026-000001', regio: 'amsterdam', deadlineId: 'd-1', ruleId: 'r', title: 't', actor: 'begeleider', dueDate: '2026-12-10', dueAt: '2026-12-10T22:59:59.999Z' };
    const put = storeEffectOf({ kind: 'deadline.index', caseId: 'c-1', organisationId: 'za-hvo', deadline });
    expect(put).toEqual({
      kind: 'put',
      item: { PK: 'CASE#c-1', SK: 'DL#za-hvo#d-1', entity: 'deadline-index', GSI3PK: 'DEADLINES#za-hvo', GSI3SK: '2026-12-10T22:59:59.999Z#c-1#d-1', caseId: 'c-1', ...deadline },
    });
    expect(storeEffectOf({ kind: 'deadline.close', caseId: 'c-1', organisationId: 'za-hvo', deadlineId: 'd-1' })).toEqual({ kind: 'delete', key: { PK: 'CASE#c-1', SK: 'DL#za-hvo#d-1' } });
  });

  it('monitor.fact is keyed by a digest of its seed (the same fact, the same item), naming no case', () => {
    const put = storeEffectOf({ kind: 'monitor.fact', fact: FACT });
    expect(put).toEqual({
      kind: 'put',
      item: { PK: 'MONITOR#za-hvo#2026-12', SK: `amsterdam#fase#${factId('c-1|7')}`, entity: 'monitor', organisationId: 'za-hvo', month: '2026-12', regio: 'amsterdam', counter: 'fase', phase: 'onderzoek' },
    });
    expect(JSON.stringify(put)).not.toContain('c-1');
    expect(storeEffectOf({ kind: 'monitor.retract', fact: FACT })).toEqual({ kind: 'delete', key: { PK: 'MONITOR#za-hvo#2026-12', SK: `amsterdam#fase#${factId('c-1|7')}` } });
  });

  it('wonen.open puts the queue item once, on GSI3 of its regio and status in received order; close and reproject update it', () => {
    const item: WonenItem = { caseId: 'c-1', seq: 3, kind: 'urgentie', status: 'nieuw', regio: 'amsterdam', reference: 'OMS-2026-000001', sourceType: 'aanvraag-urgentie', receivedOn: '2026-12-03', receivedAt: '2026-12-03T10:00:00.000Z', dueDate: '2026-12-10', projection: {} };
    expect(storeEffectOf({ kind: 'wonen.open', item })).toEqual({
      kind: 'put',
      item: { PK: 'CASE#c-1', SK: 'WONEN#00000003', entity: 'wonen-item', GSI3PK: 'WONEN#amsterdam#nieuw', GSI3SK: '2026-12-03#c-1#00000003', ...item },
      ifAbsent: true,
    });
    const close = storeEffectOf({ kind: 'wonen.close', item, decision: 'akkoord', decidedOn: '2026-12-04', decidedBySeq: 4, at: '2026-12-04T09:00:00.000Z' });
    // Unconditional: the decision wins over a concurrent "in behandeling".
    expect(close).toEqual({
      kind: 'update',
      key: { PK: 'CASE#c-1', SK: 'WONEN#00000003' },
      set: { status: 'besloten', GSI3PK: 'WONEN#amsterdam#besloten', GSI3SK: '2026-12-03#c-1#00000003', decision: 'akkoord', decidedOn: '2026-12-04', decidedBySeq: 4, statusChangedAt: '2026-12-04T09:00:00.000Z' },
    });
    expect(storeEffectOf({ kind: 'wonen.reproject', item, projection: { a: 1 }, at: 'T' })).toEqual({ kind: 'update', key: { PK: 'CASE#c-1', SK: 'WONEN#00000003' }, set: { projection: { a: 1 }, correctedAt: 'T' } });
  });

  it('inbound.link takes an unmatched mail off the unmatched list, only while it is unmatched', () => {
    const link = { caseId: 'c-1', reference: 'OMS-2026-000001', eventSeq: 5, linkedBy: 'u-1', linkedAt: 'T' };
    expect(storeEffectOf({ kind: 'inbound.link', mailId: 'm-1', link })).toEqual({
      kind: 'update',
      key: { PK: 'INBOUND#m-1', SK: 'INBOUND' },
      set: { mailStatus: 'gekoppeld', ...link },
      remove: ['GSI3PK', 'GSI3SK'],
      condition: 'mailStatus = :unmatched',
      conditionValues: { ':unmatched': 'niet-gekoppeld' },
    });
  });

  it('reminder.cancel takes a stage out of the due index, only while it is still pending (the status table’s cancel)', () => {
    expect(storeEffectOf({ kind: 'reminder.cancel', caseId: 'c-1', deadlineId: 'd-1', stage: 'vooraf', reason: 'met', at: 'T' })).toEqual({
      kind: 'update',
      key: { PK: 'CASE#c-1', SK: 'REM#d-1#vooraf' },
      set: { reminderStatus: 'cancelled', cancelledAt: 'T', cancelReason: 'met' },
      remove: ['GSI2PK', 'GSI2SK', 'leaseUntil'],
      condition: 'reminderStatus = :remPending',
      conditionValues: { ':remPending': 'pending' },
    });
  });

  it('reminder.replan rewrites a pending or cancelled stage in place and clears what the new plan leaves out', () => {
    const stage = { kind: 'deadline', reminderId: 'rem-1', caseId: 'c-1', reference: 'R', deadlineId: 'd-1', ruleId: 'r', title: 't', stage: 'vooraf', to: ['begeleider'], fireAt: '2026-12-10T07:00:00.000Z', reminderStatus: 'pending', plannedAt: 'T' } as const;
    const effect = storeEffectOf({ kind: 'reminder.replan', stage: { ...stage, to: [...stage.to] } });
    expect(effect).toMatchObject({
      kind: 'update',
      key: { PK: 'CASE#c-1', SK: 'REM#d-1#vooraf' },
      set: { entity: 'reminder', reminderStatus: 'pending', GSI2SK: '2026-12-10T07:00:00.000Z#rem-1' },
      remove: ['begeleiderUserId', 'nextStageAt', 'cancelledAt', 'cancelReason', 'leaseUntil'],
      condition: 'reminderStatus IN (:remPending, :remCancelled)',
    });
  });
});
