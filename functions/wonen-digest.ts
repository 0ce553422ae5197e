import { sendDailyDigests, type DigestResult } from '#app/wonen/digest.js';
import { digestDeps } from '#app/composition-root.js';
import { logger, withInvocationLog } from '#observability/logger.js';

/**
 * EventBridge Scheduler, `cron(0 8 ? * MON-FRI *)` in Europe/Amsterdam: today's digest to woonzaken per regio. Holidays
 * are skipped in code (isWerkdag); a second run on the same day sends nothing (digest record per regio and day).
 */
export const handler = withInvocationLog('wonen-digest', async (): Promise<DigestResult[]> => {
  const deps = digestDeps();
  const results = await sendDailyDigests(deps, deps.regios);
  for (const result of results) {
    const counts = result.outcome === 'verstuurd' ? { dueToday: result.dueToday, overdue: result.overdue } : {};
    logger.info(`wonen digest ${result.outcome}`, { regio: result.regio, date: result.date, ...counts });
  }
  return results;
});
