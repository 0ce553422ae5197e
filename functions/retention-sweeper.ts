import { inboxObjects, privacyDeps } from '#app/composition-root.js';
import { sweepRetention, type SweepResult } from '#app/retention.js';
import { logger, withInvocationLog } from '#observability/logger.js';

/**
 * Invoked daily by an EventBridge Scheduler schedule (Europe/Amsterdam). Marks closed cases whose retention period
 * has passed and erases those whose grace period has passed (TTL + read filter), with the mail parts their history
 * points at in the inbox bucket. Reads the retention queue on GSI3,
 * never the table. A case that fails is logged and retried on the next run; the invocation then fails so it is alarmed.
 */
export const handler = withInvocationLog('retention-sweeper', async (): Promise<SweepResult> => {
  const mailObjects = inboxObjects();
  const result = await sweepRetention({ ...privacyDeps(), ...(mailObjects ? { mailObjects } : {}) });
  // Case ids, counts and error names only (a case's reference is gone once it is erased).
  (result.failed.length ? logger.error : logger.info)('retention sweep', { marked: result.marked.length, erased: result.erased.length, failed: result.failed });
  if (result.failed.length) throw new Error(`retention sweep: ${result.failed.length} case(s) failed; see the log line above`);
  return result;
});
