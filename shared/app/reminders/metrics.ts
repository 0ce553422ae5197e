/**
 * Reminder outcomes as CloudWatch metrics (embedded metric format, shared/observability/metrics.ts), wired into the
 * pipeline's `observe` hook in ../composition-root.ts. Counted: mails sent (and of those, escalations: the `escalatie` stage
 * goes out a werkdag after a deadline passed, so it counts overdue deadlines), stages that failed for good, and
 * claims released because SES throttled. The dispatcher reports what it dispatched per run itself
 * (functions/reminder-dispatcher.ts). `failed` is also counted by the log metric filter behind the NeedsAttention
 * alarm, and `in-doubt` by the one behind the InDoubt alarm (infra/constructs/reminders.ts).
 */
import { putMetrics, type MetricName } from '#observability/metrics.js';
import type { ReminderOutcome } from './ports.js';

/** The stage of a deadline that fires after its due date (shared/domain/deadlines/rules.ts STAGE_NAMES). */
export const ESCALATION_STAGE = 'escalatie';

/** The metric values one outcome adds; empty for outcomes that are not counted. */
export function metricsOf(outcome: ReminderOutcome): Partial<Record<MetricName, number>> {
  switch (outcome.type) {
    case 'sent':
      return { RemindersSent: 1, ...('stage' in outcome && outcome.stage === ESCALATION_STAGE ? { DeadlineEscalationsSent: 1 } : {}) };
    case 'failed':
      return { RemindersFailed: 1 };
    case 'released':
      return { RemindersReleased: 1 };
    default:
      return {};
  }
}

export function recordReminderMetrics(outcome: ReminderOutcome): void {
  const values = metricsOf(outcome);
  if (Object.keys(values).length) putMetrics(values, { fields: { reminderId: 'reminderId' in outcome ? outcome.reminderId : undefined } });
}
