/**
 * The privacy concern on AWS (stateless: ApiStack): retention of closed cases and the audit trail's alarm.
 *
 *   EventBridge Scheduler, daily 03:30 Europe/Amsterdam ──▶ retention-sweeper ──▶ GSI3 `RETENTION#<yyyy-mm>` (Query)
 *                                                                               └─▶ UpdateItem expiresAt on the case's items (TTL)
 *
 * - The retention policy is configuration (RETENTION_PERIOD_DAYS, RETENTION_GRACE_DAYS, AUDIT_RETENTION_DAYS) and
 *   every function gets the same values: the planner that schedules a closed case runs in the HTTP functions, the
 *   audit middleware in every authenticated one, the sweeper here.
 * - Least privilege, no `*`: the sweeper Queries case partitions and the GSI3 queue, UpdateItems case-partition and
 *   reference items (expiresAt, the retention record); no Put, no Scan, no Delete
 *   (DynamoDB TTL deletes), no access to audit partitions.
 * - Alarms: any audit write that failed (the EMF metric `AuditWriteFailed` the HTTP middleware emits; a committed
 *   write stays committed, so a human must look), and any failed sweeper run (a case that could not be erased).
 */
import { Duration, TimeZone } from 'aws-cdk-lib';
import { type Alarm, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { thresholdAlarm } from './alarm.js';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { keys, TABLE } from '#adapters/dynamo/table.js';
import { DEFAULT_RETENTION_POLICY, type RetentionPolicy } from '#domain/retention.js';
import { AUDIT_WRITE_FAILED, METRIC_NAMESPACE } from '#observability/metrics.js';
import type { StageConfig } from '../config.js';
import { KEY_ACTIONS, nodeFunction } from './functions.js';

/** Daily, at night in Dutch time. */
export const SWEEP_CRON = { minute: '30', hour: '3' } as const;
export const SWEEP_TIME_ZONE = 'Europe/Amsterdam';
export const SWEEPER_TIMEOUT_SECONDS = 300;
export { METRIC_NAMESPACE };
/** Emitted by shared/http/handler.ts (embedded metric format) when an audit entry could not be written. */
export const AUDIT_WRITE_FAILED_METRIC = { namespace: METRIC_NAMESPACE, metricName: AUDIT_WRITE_FAILED.metricName, dimensionsMap: AUDIT_WRITE_FAILED.dimensions } as const;

/** The retention policy as environment variables (read by shared/app/retention.ts `retentionPolicy()`). */
export function retentionEnvironment(policy: RetentionPolicy = DEFAULT_RETENTION_POLICY): Record<string, string> {
  return {
    RETENTION_PERIOD_DAYS: String(policy.periodDays),
    RETENTION_GRACE_DAYS: String(policy.graceDays),
    AUDIT_RETENTION_DAYS: String(policy.auditDays),
    RETENTION_LOOKBACK_MONTHS: String(policy.lookbackMonths),
  };
}

const leadingKeys = (...prefixes: string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map((p) => `${p}*`) } });

export interface PrivacyProps {
  readonly config: StageConfig;
  readonly table: ITableV2;
  /** The HTTP functions: they get the same retention policy (planner, audit middleware). */
  readonly functions: Readonly<Record<string, LambdaFunction>>;
  readonly policy?: RetentionPolicy;
}

export class Privacy extends Construct {
  readonly sweeper: NodejsFunction;
  readonly schedule: Schedule;
  readonly alarms: { readonly auditWriteFailed: Alarm; readonly sweeperFailed: Alarm };

  constructor(scope: Construct, id: string, props: PrivacyProps) {
    super(scope, id);
    const { config, table } = props;
    const environment = retentionEnvironment(props.policy);
    for (const fn of Object.values(props.functions)) for (const [name, value] of Object.entries(environment)) fn.addEnvironment(name, value);

    this.sweeper = nodeFunction(this, 'retention-sweeper', {
      config,
      description: `Omslagroute ${config.stage}: erase closed cases after the retention and grace periods`,
      timeout: Duration.seconds(SWEEPER_TIMEOUT_SECONDS),
      environment,
    });
    const casePartition = keys.case('').PK; // CASE#
    this.sweeper.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [table.tableArn], conditions: leadingKeys(casePartition) }));
    this.sweeper.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/${TABLE.indexes.byQueue.name}`] }));
    this.sweeper.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [table.tableArn], conditions: leadingKeys(casePartition, keys.reference('').PK) }),
    );
    if (table.encryptionKey) this.sweeper.addToRolePolicy(new PolicyStatement({ actions: [...KEY_ACTIONS.readWrite], resources: [table.encryptionKey.keyArn] }));
    this.sweeper.addEnvironment('TABLE_NAME', table.tableName);

    this.schedule = new Schedule(this, 'RetentionSchedule', {
      description: 'Retention sweeper: daily (Europe/Amsterdam)',
      schedule: ScheduleExpression.cron({ ...SWEEP_CRON, timeZone: TimeZone.of(SWEEP_TIME_ZONE) }),
      // Every step is safe to repeat; the next day's run retries what is left.
      target: new LambdaInvoke(this.sweeper, { retryAttempts: 2 }),
    });

    this.alarms = {
      auditWriteFailed: thresholdAlarm(this, 'AuditWriteFailedAlarm', {
        description: 'An audit entry could not be written (the request itself was answered or refused: see the log line audit-write-failed)',
        metric: new Metric({ ...AUDIT_WRITE_FAILED_METRIC, statistic: 'Sum', period: Duration.minutes(5) }),
        threshold: 1,
      }),
      sweeperFailed: thresholdAlarm(this, 'SweeperFailedAlarm', {
        description: 'The retention sweeper failed for at least one case (see its log: retention sweep)',
        metric: this.sweeper.metricErrors({ period: Duration.hours(1), statistic: 'Sum' }),
        threshold: 1,
      }),
    };
  }
}
