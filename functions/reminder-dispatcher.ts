import type { Context } from 'aws-lambda';
import { dispatchDue, type DispatchResult } from '#app/reminders/dispatch.js';
import { logLine } from '#app/reminders/log.js';
import { dispatcherDeps } from '#app/reminders/wiring.js';

/** Leave this much of the invocation for the last page's writes and the SQS/EventBridge calls. */
const RESERVE_MS = 15_000;

/**
 * Invoked by an EventBridge Scheduler schedule (every 5 minutes, Europe/Amsterdam) — locally by the local scheduler.
 * The payload is not used: "due" is always "due by now". Reads only the due index; see app/reminders/dispatch.ts.
 */
export const handler = async (_event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<DispatchResult> => {
  // Keep RESERVE_MS (or a quarter of a shorter invocation) for the last page; the next run continues.
  const reserve = context ? Math.min(RESERVE_MS, context.getRemainingTimeInMillis() / 4) : 0;
  const result = await dispatchDue(dispatcherDeps(), {
    outOfTime: () => (context ? context.getRemainingTimeInMillis() < reserve : false),
  });
  if (result.dispatched || result.published || result.unconfirmed || result.queueFailures || result.publishFailures || !result.complete) {
    logLine(result.queueFailures || result.publishFailures || result.unconfirmed ? 'warn' : 'info', 'dispatcher run', { ...result });
  }
  return result;
};
