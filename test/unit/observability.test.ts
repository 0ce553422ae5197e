/**
 * The logger, the EMF metrics, the reminder outcome metrics and the Wonen backlog measure (shared/observability,
 * shared/app/reminders/metrics.ts, shared/app/wonen/backlog.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { metricsOf } from '#app/reminders/metrics.js';
import { oldestOverdueWonenItem, type WonenBacklogStore } from '#app/wonen/backlog.js';
import type { WonenItem, WonenStatus } from '#domain/wonen-queue.js';
import { dueDateFor } from '#domain/wonen-queue.js';
import { addLogContext, logger, withInvocationLog, withLogContext } from '#observability/logger.js';
import { METRIC_NAMESPACE, putMetrics } from '#observability/metrics.js';

let lines: string[];
const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, any>);

beforeEach(() => {
  lines = [];
  for (const method of ['log', 'warn', 'error'] as const) vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(String(args[0])));
  vi.stubEnv('LOG_LEVEL', 'debug');
  vi.stubEnv('OMSLAGROUTE_FUNCTION', 'get-case');
  vi.stubEnv('OMSLAGROUTE_STAGE', 'acc');
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('logger', () => {
  it('writes one JSON line with level, timestamp, service, function, request id and the case reference', async () => {
    await withLogContext({ requestId: 'req-1' }, async () => {
      logger.info('before');
      addLogContext({ reference: 'OMS-2026-000123', caseId: 'c-1' });
      logger.warn('after', { route: 'GET /cases/{caseId}' });
    });
    const [before, after] = parsed();
    expect(before).toMatchObject({ level: 'INFO', service: 'omslagroute', function: 'get-case', requestId: 'req-1', msg: 'before' });
    expect(before!.reference).toBeUndefined();
    expect(after).toMatchObject({ level: 'WARN', requestId: 'req-1', reference: 'OMS-2026-000123', caseId: 'c-1', route: 'GET /cases/{caseId}' });
    expect(Date.parse(after!.timestamp)).not.toBeNaN();
  });

  it('keeps concurrent requests apart (the local API serves many from one process)', async () => {
    const request = (id: string, reference: string, wait: number) =>
      withLogContext({ requestId: id }, async () => {
        addLogContext({ reference });
        await new Promise((resolve) => setTimeout(resolve, wait));
        logger.info('done');
      });
    await Promise.all([request('a', 'OMS-2026-000001', 20), request('b', 'OMS-2026-000002', 1)]);
    expect(parsed().map((l) => [l.requestId, l.reference])).toEqual(
      expect.arrayContaining([
        ['a', 'OMS-2026-000001'],
        ['b', 'OMS-2026-000002'],
      ]),
    );
  });

  it('never writes fields that usually hold personal data as text', () => {
    logger.info('mail', { to: ['a@example.org'], email: 'a@example.org', body: '{"clientPseudonym":"J.D."}', clientPseudonym: 'J.D.', recipients: 2, mailId: 'm-1' });
    const [line] = parsed();
    expect(line).toMatchObject({ to: '[redacted]', email: '[redacted]', body: '[redacted]', clientPseudonym: '[redacted]', recipients: 2, mailId: 'm-1' });
    expect(lines[0]).not.toContain('@example.org');
    expect(lines[0]).not.toContain('J.D.');
  });

  it('respects LOG_LEVEL; errors go to stderr', () => {
    vi.stubEnv('LOG_LEVEL', 'warn');
    logger.info('quiet');
    logger.error('loud');
    expect(parsed().map((l) => l.msg)).toEqual(['loud']);
    expect(console.error).toHaveBeenCalledTimes(1);
  });

  it('gives a scheduled or queue handler the invocation’s request id and its function name', async () => {
    const handler = withInvocationLog('reminder-sender', async (_event: unknown, _context?: { awsRequestId: string }) => logger.info('run'));
    await handler({}, { awsRequestId: 'lambda-1' });
    expect(parsed()[0]).toMatchObject({ function: 'reminder-sender', requestId: 'lambda-1' });
  });
});

describe('metrics (embedded metric format)', () => {
  it('writes values with the stage dimension under the one namespace', () => {
    putMetrics({ RemindersSent: 1, DeadlineEscalationsSent: 1 });
    const [line] = parsed();
    expect(line).toMatchObject({ RemindersSent: 1, DeadlineEscalationsSent: 1, stage: 'acc', function: 'get-case' });
    expect(line!._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: METRIC_NAMESPACE,
        Dimensions: [['stage']],
        Metrics: [
          { Name: 'RemindersSent', Unit: 'Count' },
          { Name: 'DeadlineEscalationsSent', Unit: 'Count' },
        ],
      },
    ]);
  });

  it('counts reminder outcomes: sent (escalations apart), failed, released; not the rest', () => {
    expect(metricsOf({ type: 'sent', reminderId: 'r', messageId: 'm', recipients: 1, stage: 'vandaag' })).toEqual({ RemindersSent: 1 });
    expect(metricsOf({ type: 'sent', reminderId: 'r', messageId: 'm', recipients: 1, stage: 'escalatie' })).toEqual({ RemindersSent: 1, DeadlineEscalationsSent: 1 });
    expect(metricsOf({ type: 'failed', reminderId: 'r', reason: 'x' })).toEqual({ RemindersFailed: 1 });
    expect(metricsOf({ type: 'released', reminderId: 'r', reason: 'x' })).toEqual({ RemindersReleased: 1 });
    expect(metricsOf({ type: 'skipped', reminderId: 'r', reason: 'x' })).toEqual({});
  });
});

describe('the oldest overdue Wonen item', () => {
  const item = (reference: string, receivedOn: string, status: WonenStatus): WonenItem => ({
    caseId: `case-${reference}`,
    seq: 1,
    kind: 'urgentie',
    status,
    regio: 'amsterdam',
    reference,
    sourceType: 'aanvraag-urgentie' as WonenItem['sourceType'],
    receivedOn,
    receivedAt: `${receivedOn}T09:00:00.000Z`,
    dueDate: dueDateFor(receivedOn, 'amsterdam'),
    projection: {},
  });
  const store = (heads: Partial<Record<WonenStatus, WonenItem>>): WonenBacklogStore & { calls: string[] } => {
    const calls: string[] = [];
    return {
      calls,
      oldestOpen: async (regio, status) => {
        calls.push(`${regio}/${status}`);
        return heads[status];
      },
    };
  };
  const clock = (now: string) => ({ now: () => now });

  it('is the werkdagen past due of the oldest head of the open partitions, with its reference', async () => {
    // Received Mon 2027-03-01 → due Mon 2027-03-08; on Thu 2027-03-11 it is 3 werkdagen overdue.
    const backlog = store({ nieuw: item('OMS-2027-000002', '2027-03-03', 'nieuw'), 'in-behandeling': item('OMS-2027-000001', '2027-03-01', 'in-behandeling') });
    const result = await oldestOverdueWonenItem({ backlog, clock: clock('2027-03-11T10:00:00.000Z') }, ['amsterdam']);
    expect(result).toMatchObject({ werkdagen: 3, item: { reference: 'OMS-2027-000001', status: 'in-behandeling', dueDate: '2027-03-08' } });
    expect(backlog.calls.sort()).toEqual(['amsterdam/in-behandeling', 'amsterdam/nieuw']);
  });

  it('is 0 when nothing is past due (or the queue is empty)', async () => {
    expect(await oldestOverdueWonenItem({ backlog: store({ nieuw: item('OMS-2027-000003', '2027-03-08', 'nieuw') }), clock: clock('2027-03-11T10:00:00.000Z') }, ['amsterdam'])).toEqual({ werkdagen: 0 });
    expect(await oldestOverdueWonenItem({ backlog: store({}), clock: clock('2027-03-11T10:00:00.000Z') }, ['amsterdam'])).toEqual({ werkdagen: 0 });
  });
});
