/**
 * Custom metrics as CloudWatch Embedded Metric Format: a log line with an `_aws` block, which CloudWatch Logs turns
 * into metrics. No PutMetricData call, no SDK client, no IAM: the function's log group is enough, and a metric never
 * slows down or fails a request. The namespace and metric names live here, once; the alarms (infra/constructs/
 * operations.ts, privacy.ts, reminders.ts) import them, so a renamed metric cannot silently orphan its alarm.
 *
 * Dimensions: `stage` (OMSLAGROUTE_STAGE, set on every function by infra/constructs/functions.ts; `local` on the
 * local stack), so dev, acc and prod never mix even in one account. AuditWriteFailed keeps its own historical
 * dimension (`service`), see AUDIT_WRITE_FAILED.
 */
import { systemClock } from '#domain/clock.js';
import { writeLine } from './logger.js';

/** The CloudWatch namespace of every custom metric of the system. */
export const METRIC_NAMESPACE = 'Omslagroute';

/** Metric names and units. */
export const METRICS = {
  /** A reminder or notification mail SES accepted (reminder-sender). */
  RemindersSent: 'Count',
  /** A reminder stage that ended `failed` (no recipient, rejected by SES, unreadable message) (reminder-sender). */
  RemindersFailed: 'Count',
  /** SES throttled: the claim was released and the record returned to the queue (reminder-sender). */
  RemindersReleased: 'Count',
  /** An escalation mail (stage `escalatie`: a deadline is a werkdag overdue) that went out (reminder-sender). */
  DeadlineEscalationsSent: 'Count',
  /** Due reminder stages the dispatcher put on the queue in one run (reminder-dispatcher). */
  ReminderStagesDispatched: 'Count',
  /**
   * Werkdagen the oldest open Wonen queue item is past its 5-werkdagen due date, over all regios; 0 when nothing is
   * overdue (reminder-dispatcher, every 5 minutes; a Query on the queue index per regio and open status).
   */
  WonenOldestOverdueWerkdagen: 'None',
  /** An audit entry that could not be written (shared/http/audited-handler.ts). */
  AuditWriteFailed: 'Count',
} as const;

export type MetricName = keyof typeof METRICS;

/** AuditWriteFailed predates the stage dimension; its alarm (infra/constructs/privacy.ts) reads this. */
export const AUDIT_WRITE_FAILED = { metricName: 'AuditWriteFailed', dimensions: { service: 'omslagroute-api' } } as const;

/** The dimensions every metric of a function carries (except AuditWriteFailed). */
function defaultDimensions(): Record<string, string> {
  return { stage: process.env.OMSLAGROUTE_STAGE ?? 'local' };
}

/**
 * One EMF line with one or more values (all with the same dimensions). On Lambda it is written whatever LOG_LEVEL
 * says (a metric is not a debug message); elsewhere (tests, the local stack) it obeys LOG_LEVEL like any line of its
 * level. `fields` are extra log fields (identifiers only).
 */
export function putMetrics(
  values: Partial<Record<MetricName, number>>,
  options: { dimensions?: Record<string, string>; fields?: Record<string, unknown>; msg?: string; level?: 'INFO' | 'WARN' | 'ERROR' } = {},
): void {
  const names = (Object.keys(values) as MetricName[]).filter((name) => Number.isFinite(values[name]));
  if (names.length === 0) return;
  const dimensions = options.dimensions ?? defaultDimensions();
  writeLine(
    options.level ?? 'INFO',
    options.msg ?? 'metrics',
    {
      ...options.fields,
      ...dimensions,
      ...Object.fromEntries(names.map((name) => [name, values[name]])),
      _aws: {
        Timestamp: Date.parse(systemClock.now()),
        CloudWatchMetrics: [{ Namespace: METRIC_NAMESPACE, Dimensions: [Object.keys(dimensions)], Metrics: names.map((name) => ({ Name: name, Unit: METRICS[name] })) }],
      },
    },
    process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined,
  );
}
