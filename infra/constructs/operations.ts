/**
 * The operations concern (stateless: ApiStack): one SNS topic for every alarm of the stack, and the alarms nobody
 * else owns. What each alarm means and what to do is in README.md "Operations".
 *
 *   every alarm in the stack ──▶ SNS topic (KMS-encrypted, TLS only) ──▶ e-mail (config.alarmEmail, when set)
 *
 * Coverage is computed from the stack itself at synth time (an aspect), not from a list: a function or queue another
 * concern adds later is covered without touching this file.
 * - Every Lambda function: Errors ≥ 1 in 5 minutes (unless its concern already alarms on its Errors, e.g. the
 *   retention sweeper).
 * - Every SQS queue without a consumer is a dead-letter or failure queue (the reminder DLQ, the Wonen inbox's
 *   failure queue for Lambda async invocations, EventBridge rule and Scheduler DLQs): messages visible ≥ 1 (unless
 *   its concern already alarms on its depth, e.g. the reminder DLQ).
 * - Every SQS queue a Lambda consumes (the reminder queue): age of the oldest message ≥ QUEUE_AGE_ALARM_SECONDS.
 * - Every alarm of the stack, including those the other concerns define (reminders, privacy), gets the topic as
 *   alarm and OK action.
 * Explicit here: API 5xx (the HTTP API's `5xx` metric: middy turns a handler's crash into a 500, so Lambda Errors
 * never sees it), and the oldest overdue Wonen item (metric WonenOldestOverdueWerkdagen, reported by the reminder
 * dispatcher every 5 minutes from a Query on the queue index; this construct gives it that Query and WONEN_REGIOS).
 *
 * The topic's key: CloudWatch can only publish to an encrypted topic whose key policy lets cloudwatch.amazonaws.com
 * use it, which the AWS-managed `alias/aws/sns` key does not; so a small customer-managed key of its own (rotated).
 */
import { Aspects, AspectPriority, CfnResource, Duration, Stack, type IAspect } from 'aws-cdk-lib';
import { type Alarm, AlarmBase, CfnAlarm, Dashboard, GraphWidget, Metric, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { thresholdAlarm } from './alarm.js';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { TABLE } from '#adapters/dynamo/table.js';
import type { Regio } from '#domain/case.js';
import { METRIC_NAMESPACE, type MetricName } from '#observability/metrics.js';
import type { StageConfig } from '../config.js';
import type { Api } from './api.js';

/** A consumed queue whose oldest message is this old is stuck (the dispatcher runs every 5 minutes; the sender takes seconds). */
export const QUEUE_AGE_ALARM_SECONDS = 15 * 60;
/** The oldest open Wonen item this many werkdagen past its due date: the escalation mail (a werkdag after) did not help. */
export const WONEN_OVERDUE_ALARM_WERKDAGEN = 3;
const PERIOD = Duration.minutes(5);

export interface OperationsProps {
  readonly config: StageConfig;
  readonly table: ITableV2;
  readonly api: Api;
  /** The function that reports WonenOldestOverdueWerkdagen (the reminder dispatcher, every 5 minutes). */
  readonly wonenBacklogReporter: LambdaFunction;
  /** Regios whose Wonen queue is measured; default amsterdam. */
  readonly wonenRegios?: readonly Regio[];
}

/** A custom metric of this stage (dimension `stage`, see shared/observability/metrics.ts). */
export function stageMetric(config: StageConfig, metricName: MetricName, statistic: string, period: Duration = PERIOD): Metric {
  return new Metric({ namespace: METRIC_NAMESPACE, metricName, dimensionsMap: { stage: config.stage }, statistic, period });
}

export class Operations extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  /** The alarms this construct defined explicitly; the per-function and per-queue ones are added at synth. */
  readonly alarms: { readonly api5xx: Alarm; readonly wonenOldestOverdue: Alarm };
  readonly dashboard: Dashboard;
  private readonly config: StageConfig;
  private covered = false;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const { config, table, api } = props;
    this.config = config;
    const { account } = Stack.of(this);

    this.key = new Key(this, 'TopicKey', {
      description: `Omslagroute ${config.stage}: alarm notifications`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    this.topic = new Topic(this, 'Alarms', {
      displayName: `Omslagroute ${config.stage} alarms`,
      masterKey: this.key,
      enforceSSL: true,
    });
    if (config.alarmEmail) this.topic.addSubscription(new EmailSubscription(config.alarmEmail));

    // The reminder dispatcher measures Wonen's queue: a Query on the queue index only (no table-wide reads).
    const reporter = props.wonenBacklogReporter;
    reporter.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/${TABLE.indexes.byQueue.name}`] }));
    reporter.addEnvironment('WONEN_REGIOS', (props.wonenRegios ?? ['amsterdam']).join(','));

    this.alarms = {
      api5xx: thresholdAlarm(this, 'Api5xxAlarm', {
        description: 'The HTTP API answered 5xx (a crashed handler, a timeout, an audit store that is down). See README "Operations".',
        metric: api.httpApi.metricServerError({ period: PERIOD, statistic: 'Sum' }),
        threshold: 1,
      }),
      wonenOldestOverdue: thresholdAlarm(this, 'WonenOldestOverdueAlarm', {
        description: `The oldest open Wonen queue item is ${WONEN_OVERDUE_ALARM_WERKDAGEN} or more werkdagen past its 5-werkdagen due date (log line "wonen backlog" names it).`,
        metric: stageMetric(config, 'WonenOldestOverdueWerkdagen', 'Maximum', Duration.minutes(15)),
        threshold: WONEN_OVERDUE_ALARM_WERKDAGEN,
        // No value means the dispatcher did not run: its Errors alarm says so.
      }),
    };

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `omslagroute-${config.stage}`,
      widgets: [
        [
          new GraphWidget({ title: 'Reminders', left: (['RemindersSent', 'RemindersFailed', 'RemindersReleased', 'DeadlineEscalationsSent'] as const).map((name) => stageMetric(config, name, 'Sum')) }),
          new GraphWidget({ title: 'Dispatched stages', left: [stageMetric(config, 'ReminderStagesDispatched', 'Sum')] }),
          new GraphWidget({ title: 'Oldest overdue Wonen item (werkdagen)', left: [stageMetric(config, 'WonenOldestOverdueWerkdagen', 'Maximum', Duration.minutes(15))] }),
          new GraphWidget({ title: 'API 5xx / 4xx', left: [api.httpApi.metricServerError({ period: PERIOD, statistic: 'Sum' }), api.httpApi.metricClientError({ period: PERIOD, statistic: 'Sum' })] }),
        ],
      ],
    });

    // Per-function and per-queue alarms and the topic on every alarm: once the whole stack exists (synth time).
    const operations = this;
    const aspect: IAspect = {
      visit(node: IConstruct): void {
        if (node === Stack.of(operations)) operations.coverStack();
      },
    };
    Aspects.of(Stack.of(this)).add(aspect, { priority: AspectPriority.MUTATING });
  }

  /** Adds the missing function and queue alarms, then the topic to every alarm of the stack. Runs once. */
  private coverStack(): void {
    if (this.covered) return;
    this.covered = true;
    const stack = Stack.of(this);
    const all = stack.node.findAll();
    const key = (namespace: unknown, metricName: unknown, dimensions: unknown) => JSON.stringify(stack.resolve([namespace, metricName, dimensions]));

    // What the other concerns already alarm on (an alarm's metric: namespace, name and dimensions).
    const alarmed = new Set<string>();
    for (const alarm of all.filter((c): c is CfnAlarm => c instanceof CfnAlarm)) {
      alarmed.add(key(alarm.namespace, alarm.metricName, alarm.dimensions));
    }
    const alarmUnlessCovered = (id: string, metric: IMetric & Metric, props: { description: string; threshold: number }) => {
      const config = metric.toMetricConfig().metricStat!;
      const dimensions = (config.dimensions ?? []).map((d) => ({ name: d.name, value: d.value }));
      if (alarmed.has(key(config.namespace, config.metricName, dimensions))) return;
      thresholdAlarm(this, id, { description: props.description, metric, threshold: props.threshold });
    };

    const resources = all.filter((c): c is CfnResource => c instanceof CfnResource);
    const consumed = new Set(
      resources
        .filter((r) => r.cfnResourceType === 'AWS::Lambda::EventSourceMapping')
        .map((r) => JSON.stringify(stack.resolve((r as unknown as { eventSourceArn?: string }).eventSourceArn))),
    );

    for (const resource of resources) {
      const name = readableId(resource);
      if (resource.cfnResourceType === 'AWS::Lambda::Function') {
        alarmUnlessCovered(`${name}ErrorsAlarm`, new Metric({ namespace: 'AWS/Lambda', metricName: 'Errors', dimensionsMap: { FunctionName: resource.ref }, statistic: 'Sum', period: PERIOD }), {
          description: `Function ${name} failed (an invocation threw or timed out). See README "Operations".`,
          threshold: 1,
        });
      } else if (resource instanceof CfnQueue) {
        const queueName = resource.attrQueueName;
        if (consumed.has(JSON.stringify(stack.resolve(resource.attrArn)))) {
          alarmUnlessCovered(
            `${name}AgeAlarm`,
            new Metric({ namespace: 'AWS/SQS', metricName: 'ApproximateAgeOfOldestMessage', dimensionsMap: { QueueName: queueName }, statistic: 'Maximum', period: PERIOD }),
            { description: `Queue ${name}: the oldest message waits ${QUEUE_AGE_ALARM_SECONDS / 60} minutes or more (its consumer is failing or throttled).`, threshold: QUEUE_AGE_ALARM_SECONDS },
          );
        } else {
          alarmUnlessCovered(
            `${name}DepthAlarm`,
            new Metric({ namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensionsMap: { QueueName: queueName }, statistic: 'Maximum', period: PERIOD }),
            { description: `Dead-letter queue ${name} holds messages: something failed after its retries. See README "Operations: redriving a DLQ".`, threshold: 1 },
          );
        }
      }
    }

    // Every alarm of the stack notifies the topic, when it fires and when it clears.
    const action = new SnsAction(this.topic);
    for (const construct of stack.node.findAll()) {
      if (construct instanceof AlarmBase) {
        construct.addAlarmAction(action);
        construct.addOkAction(action);
      } else if (construct instanceof CfnAlarm && !(construct.node.scope instanceof AlarmBase)) {
        construct.alarmActions = [...(construct.alarmActions ?? []), this.topic.topicArn];
        construct.okActions = [...(construct.okActions ?? []), this.topic.topicArn];
      }
    }
  }
}

/** `Omslagroute-prod-Api/Reminders/ReminderSender/Resource` → `RemindersReminderSender`: a stable construct id part. */
function readableId(resource: CfnResource): string {
  const stackPath = Stack.of(resource).node.path;
  return resource.node.path
    .slice(stackPath.length + 1)
    .split('/')
    .filter((part) => part !== 'Resource')
    .join('')
    .replace(/[^A-Za-z0-9]/g, '');
}
