/**
 * Issue 14 point 1, end to end on the local stack's clock: a case walked to omgeklapt with a vijfjarencontract (002
 * Bijlage 4), then night after night for more than six years with the real retention sweeper (functions/
 * retention-sweeper.ts) before dawn and the reminder scheduler (dispatcher + sender on local SQS, mail to the local SES
 * outbox) in the morning — every night, none skipped. The stack's clock only; never today's date.
 *
 * - "Na 4 jaar (1 jaar vóór het aflopen van het vijfjarencontract) ontvangt de jongvolwassene een brief van de
 *   gemeente": the reminder reaches woonzaken four weeks before and on its day, not a day earlier; Wonen records the
 *   letter (brief-gemeente-verstuurd) and no escalation follows.
 * - "Na 4,5 jaar … een opzeggingsbrief van de corporatie": the signal reaches the corporatie on its day.
 * - Retention may not erase what still has an open deadline: the case is marked only a retention period after the last
 *   signal, erased after the grace period, and not a night before.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, amsterdamInstant } from '../../shared/domain/calendar.js';
import { DEFAULT_RETENTION_POLICY } from '../../shared/domain/retention.js';
import type { SweepResult } from '../../shared/app/retention.js';
import { createDocumentClient } from '../../shared/adapters/dynamo/client.js';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { callers, localApi, type TestApi } from '../support/api.js';
import { reminderHarness, type ReminderHarness } from '../support/reminders.js';
import { walkCase } from '../support/walk.js';
import { FIXTURE_TODAY, VIJFJARENCONTRACT_OP_EIGEN_NAAM } from '../unit/forms.fixtures.js';

const DAY_MS = 86_400_000;
const WOONZAKEN = 'woonzaken.omslag@amsterdam.example';
const LETTER = 'Vijfjarencontract: brief gemeente (einde over een jaar)';
const OPZEG = 'Vijfjarencontract: opzeggingsbrief corporatie';

let api: TestApi;
let reminders: ReminderHarness;

beforeAll(async () => {
  delete process.env.RETENTION_PERIOD_DAYS;
  delete process.env.RETENTION_GRACE_DAYS;
  api = await localApi({ now: amsterdamInstant(FIXTURE_TODAY, 12) });
  reminders = await reminderHarness(api);
}, 120_000);

async function sweep(): Promise<SweepResult> {
  const { handler } = await import('../../functions/retention-sweeper.js');
  return handler.with(api.stack.container)();
}

async function retentionRecord(caseId: string): Promise<{ dueAt: string; retentionState: string } | undefined> {
  const db = createDocumentClient();
  const out = await db.send(new QueryCommand({ TableName: api.stack.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `CASE#${caseId}` }, ConsistentRead: true }));
  db.destroy();
  return out.Items?.find((i) => i.entity === 'retention') as { dueAt: string; retentionState: string } | undefined;
}

describe('the vijfjarencontract letters, night after night on the stack clock', () => {
  it('reach woonzaken and the corporatie on their days; the case is erased only a retention period after the last', async () => {
    // The route to the contract op eigen naam, a vijfjarencontract (test/support/walk.ts, each step filed by its role).
    const { caseId, reference } = await walkCase(
      api,
      [
        ['aanvraag-urgentie', {}, 'urgentie_aangevraagd'],
        ['besluit-urgentie', {}, 'wachtlijst'],
        ['woningaanbod', {}, 'aanbod'],
        ['sleuteloverdracht', {}, 'herstelfase'],
        ['afspraak-gepland', {}, 'herstelfase'],
        ['kennismaking', {}, 'herstelfase'],
        ['begeleidingsplan', {}, 'herstelfase'],
        ['woonevaluatie', {}, 'herstelfase'],
        ['voordracht-omklap', {}, 'voordracht'],
        ['toets-derde', {}, 'toets_wonen'],
        ['besluit-omklap', {}, 'omklap_akkoord'],
        ['huurcontract-eigen-naam', VIJFJARENCONTRACT_OP_EIGEN_NAAM, 'omgeklapt'],
      ],
      { caseBody: { clientPseudonym: 'V.J.' } },
    );

    const deadlines = (await api.get(`/cases/${caseId}/deadlines`, callers.wonen)).body.deadlines as Array<{ ruleId: string; dueDate: string; dueAt: string; status: string }>;
    const letter = deadlines.find((d) => d.ruleId === 'vijfjarencontract-brief-gemeente')!;
    expect(letter).toMatchObject({ status: 'open' });
    const corporatieDeadlines = (await api.get(`/cases/${caseId}/deadlines`, callers.corporatie)).body.deadlines as typeof deadlines;
    const opzeg = corporatieDeadlines.find((d) => d.ruleId === 'vijfjarencontract-opzegbrief')!;
    expect(opzeg.dueDate > letter.dueDate).toBe(true);

    const subjects = async () => (await reminders.mailsFor(reference)).map((m) => ({ subject: m.subject, to: m.to.join(' ') }));
    const period = DEFAULT_RETENTION_POLICY.periodDays;
    const grace = DEFAULT_RETENTION_POLICY.graceDays;
    // Erasure is due a retention period after the last signal, plus the grace period; a few nights more to see it.
    const lastNight = addDays(opzeg.dueDate, period + grace + 3);
    let markedOn: string | undefined;
    let erasedOn: string | undefined;
    let nights = 0;

    for (let date = addDays(FIXTURE_TODAY, 1); date <= lastNight; date = addDays(date, 1)) {
      // 03:00: the nightly retention sweep (a schedule in Europe/Amsterdam on AWS).
      api.stack.clock.set(amsterdamInstant(date, 3));
      const swept = await sweep();
      nights += 1;
      if (swept.marked.includes(caseId)) markedOn ??= date;
      if (swept.erased.includes(caseId)) erasedOn ??= date;
      // 08:30: the reminder scheduler (stages fire at 08:00 on their werkdag).
      api.stack.clock.set(amsterdamInstant(date, 8, 30));
      await reminders.scheduler.tick();

      if (date === addDays(letter.dueDate, -1)) {
        const before = await subjects();
        expect(before.some((m) => m.subject === `[${reference}] Vandaag: ${LETTER}`)).toBe(false);
        expect(before.filter((m) => m.subject.startsWith(`[${reference}] Binnenkort: ${LETTER}`)).map((m) => m.to)).toEqual([expect.stringContaining(WOONZAKEN)]);
        expect((await api.get(`/cases/${caseId}`, callers.begeleider)).status).toBe(200);
      }
      if (date === letter.dueDate) {
        const onTheDay = (await subjects()).filter((m) => m.subject === `[${reference}] Vandaag: ${LETTER}`);
        expect(onTheDay.map((m) => m.to)).toEqual([expect.stringContaining(WOONZAKEN)]);
        // Wonen sends the letter and records it: the deadline is met, the reminders stop.
        const read = await api.get(`/cases/${caseId}`, callers.wonen);
        expect(read.body.actions).toContain('brief-gemeente-verstuurd');
        const sent = await api.post(`/cases/${caseId}/forms/brief-gemeente-verstuurd`, callers.wonen, { verstuurdOp: date }, { headers: { 'if-match': `"${read.body.version}"` } });
        expect(sent.status, sent.text).toBe(201);
        const after = (await api.get(`/cases/${caseId}/deadlines`, callers.wonen)).body.deadlines as typeof deadlines;
        expect(after.find((d) => d.ruleId === 'vijfjarencontract-brief-gemeente')).toMatchObject({ status: 'met', metOn: date });
        const timeline = (await api.get(`/cases/${caseId}`, callers.wonen)).body.timeline as Array<{ type: string }>;
        expect(timeline.map((e) => e.type)).toContain('brief-gemeente-verstuurd');
      }
      if (date === opzeg.dueDate) {
        const all = await subjects();
        expect(all.filter((m) => m.subject === `[${reference}] Signaal: ${OPZEG}`).map((m) => m.to)).toEqual([expect.stringMatching(/ymere/)]);
        expect(all.some((m) => m.subject.includes(`Termijn verlopen: ${LETTER}`))).toBe(false);
        // The retention period runs from the last deadline: nothing before it is due.
        const record = await retentionRecord(caseId);
        expect(record?.retentionState).toBe('scheduled');
        expect(Date.parse(record!.dueAt)).toBeGreaterThanOrEqual(Date.parse(opzeg.dueAt) + period * DAY_MS);
      }
      if (markedOn === undefined) expect(erasedOn).toBeUndefined();
      if (erasedOn) break;
    }

    // Marked the first night after the period that runs from the last signal; erased after the grace period.
    expect(markedOn).toBeDefined();
    expect(markedOn! >= addDays(opzeg.dueDate, period)).toBe(true);
    expect(markedOn! <= addDays(opzeg.dueDate, period + 1)).toBe(true);
    expect(erasedOn).toBe(addDays(markedOn!, grace));
    expect(nights).toBeGreaterThan(365 * 6);
    expect((await api.get(`/cases/${caseId}`, callers.begeleider)).status).toBe(404);
  }, 1_800_000);
});
