import type { Context } from 'aws-lambda';
import { dispatchDue, type DispatchResult } from '#app/reminders/dispatch.js';
import { logLine } from '#app/reminders/log.js';
import { backlogDeps, dispatcherDeps } from '#app/composition-root.js';
import { oldestOverdueWonenItem } from '#app/wonen/backlog.js';
import { errorFields, logger, withInvocationLog } from '#observability/logger.js';
import { putMetrics } from '#observability/metrics.js';

/** Leave this much of the invocation for the last page's writes and the SQS/EventBridge calls. */
const RESERVE_MS = 15_000;

/**
 * The oldest overdue Wonen item as a metric (alarmed: infra/constructs/operations.ts). Measured here because the
 * dispatcher runs every 5 minutes; a failure is logged and never fails the dispatch.
 */
async function reportWonenBacklog(): Promise<void> {
  try {
    const { regios, ...deps } = backlogDeps();
    const oldest = await oldestOverdueWonenItem(deps, regios);
    // The item's reference as a log field (not a dimension): the runbook's query finds the line.
    putMetrics({ WonenOldestOverdueWerkdagen: oldest.werkdagen }, { msg: 'wonen backlog', fields: oldest.item ? { oldestOverdue: oldest.item } : {} });
  } catch (error) {
    logger.warn('wonen backlog not measured', errorFields(error));
  }
}

/**
 * Invoked by an EventBridge Scheduler schedule (every 5 minutes, Europe/Amsterdam) — locally by the local scheduler.
 * The payload is not used: "due" is always "due by now". Reads only the due index; see app/reminders/dispatch.ts.
 * Then reports how many stages it dispatched and how late Wonen's queue is (metrics).
 */
export const handler = withInvocationLog(
  'reminder-dispatcher',
  async (_event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'> & Partial<Pick<Context, 'awsRequestId'>>): Promise<DispatchResult> => {
    // Keep RESERVE_MS (or a quarter of a shorter invocation) for the last page; the next run continues.
    const reserve = context ? Math.min(RESERVE_MS, context.getRemainingTimeInMillis() / 4) : 0;
    const result = await dispatchDue(dispatcherDeps(), {
      outOfTime: () => (context ? context.getRemainingTimeInMillis() < reserve : false),
    });
    if (result.dispatched || result.published || result.doubtReleased || result.queueFailures || result.publishFailures || !result.complete) {
      logLine(result.queueFailures || result.publishFailures || result.doubtReleased ? 'warn' : 'info', 'dispatcher run', { ...result });
    }
    putMetrics({ ReminderStagesDispatched: result.dispatched });
    await reportWonenBacklog();
    return result;
  },
);
