/**
 * The reminder concern on AWS (stateless: ApiStack). Reminder stages, notifications and outbox events are items of the
 * one table (due index GSI2); this construct adds what moves them:
 *
 *   EventBridge Scheduler, every 5 minutes, Europe/Amsterdam ──▶ reminder-dispatcher ──▶ SQS reminders ──▶ reminder-sender ──▶ SES
 *                                                                      │                     │ (5 receives)
 *                                                                      └─▶ EventBridge bus    └─▶ DLQ (alarm)
 *
 * - Queue settings come from shared/adapters/sqs/queues.ts, the same object the local stack creates its queues from:
 *   visibility timeout 6 × the sender's timeout, DLQ after maxReceiveCount 5, SQS-managed encryption, TLS only.
 * - The sender's event source mapping reports batch item failures and runs at most `maxConcurrency` batches at once;
 *   the sender's reserved concurrency is the same number, so SES throttling sends messages back to the queue (batch
 *   item failures, released claims) instead of the poller being throttled by Lambda.
 * - The SES configuration set (suppression of bounces and complaints, reputation metrics) publishes sending events
 *   to the default event bus (SES can only target that one), for a later bounce/delivery concern.
 * - The domain-event bus `omslagroute-<stage>` receives one event per accepted form (outbox relay in the dispatcher).
 * - Least privilege, no `*`: the dispatcher may Query the due index and UpdateItem case-partition items; the sender
 *   GetItem/UpdateItem case-partition items; SendMessage/PutEvents/SendEmail on exactly this queue, bus, identity
 *   and configuration set.
 */
import { CfnOutput, Duration, Stack, TimeZone } from 'aws-cdk-lib';
import { type Alarm, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { thresholdAlarm } from './alarm.js';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DUE_INDEX } from '#adapters/dynamo/reminder-items.js';
import { REMINDER_QUEUE, SENDER_TIMEOUT_SECONDS } from '#adapters/sqs/queues.js';
import { keys } from '#adapters/dynamo/table.js';
import { METRIC_NAMESPACE } from '#observability/metrics.js';
import type { StageConfig } from '../config.js';
import { KEY_ACTIONS, nodeFunction } from './functions.js';

/** Every 5 minutes, in Dutch time: a later narrowing (e.g. office hours) then means Amsterdam hours, not UTC. */
export const DISPATCH_CRON = { minute: '0/5' } as const;
export const SCHEDULE_TIME_ZONE = 'Europe/Amsterdam';
/** The dispatcher stops paging 15 s before this (functions/reminder-dispatcher.ts); the next run continues. */
export const DISPATCHER_TIMEOUT_SECONDS = 120;
/** Reminder items live in case partitions only (`CASE#<caseId>`): the functions can touch nothing else. */
export const CASE_PARTITION_PATTERN = `${keys.case('').PK}*`;
/** One namespace for every custom metric: shared/observability/metrics.ts. */
export { METRIC_NAMESPACE };

export interface RemindersProps {
  readonly config: StageConfig;
  readonly table: ITableV2;
}

export class Reminders extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly dispatcher: NodejsFunction;
  readonly sender: NodejsFunction;
  readonly schedule: Schedule;
  readonly bus: EventBus;
  readonly configurationSet: ConfigurationSet;
  readonly identity: EmailIdentity;
  readonly alarms: { readonly deadLetters: Alarm; readonly needsAttention: Alarm; readonly inDoubt: Alarm };

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);
    const { config, table } = props;
    const stack = Stack.of(this);

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.seconds(REMINDER_QUEUE.dlqRetentionSeconds),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(REMINDER_QUEUE.visibilityTimeoutSeconds),
      retentionPeriod: Duration.seconds(REMINDER_QUEUE.retentionSeconds),
      receiveMessageWaitTime: Duration.seconds(REMINDER_QUEUE.receiveWaitTimeSeconds),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: REMINDER_QUEUE.maxReceiveCount },
    });

    this.bus = new EventBus(this, 'DomainEvents', {
      eventBusName: `omslagroute-${config.stage}`,
      description: `Omslagroute ${config.stage}: one event per accepted form (identifiers only)`,
    });

    this.configurationSet = new ConfigurationSet(this, 'Mail', {
      configurationSetName: `omslagroute-${config.stage}`,
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('SendingEvents', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [
        EmailSendingEvent.SEND,
        EmailSendingEvent.DELIVERY,
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.DELIVERY_DELAY,
        EmailSendingEvent.RENDERING_FAILURE,
      ],
    });

    // The sending domain, with Easy DKIM and a MAIL FROM subdomain so receivers can tell the mail is ours (and bounces
    // come back to SES). SES sends only once the DNS records below are published and the account left the sandbox.
    this.identity = new EmailIdentity(this, 'SendingDomain', {
      identity: Identity.domain(config.mail.domain),
      configurationSet: this.configurationSet,
      mailFromDomain: `bounce.${config.mail.domain}`,
    });
    this.identity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, { value: `${record.name} CNAME ${record.value}`, description: 'Publish in DNS for SES Easy DKIM' });
    });

    // Dispatcher: reads the due index, leases, relays the outbox.
    this.dispatcher = nodeFunction(this, 'reminder-dispatcher', {
      config,
      description: `Omslagroute ${config.stage}: due reminders → SQS, outbox → EventBridge`,
      timeout: Duration.seconds(DISPATCHER_TIMEOUT_SECONDS),
      environment: { QUEUE_URL: this.queue.queueUrl, EVENT_BUS_NAME: this.bus.eventBusName },
    });
    grantReminderItems(this.dispatcher, table, ['dynamodb:UpdateItem']);
    this.dispatcher.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/${DUE_INDEX.name}`] }));
    this.queue.grantSendMessages(this.dispatcher);
    this.bus.grantPutEventsTo(this.dispatcher);

    // Sender: one SES SendEmail per record.
    this.sender = nodeFunction(this, 'reminder-sender', {
      config,
      description: `Omslagroute ${config.stage}: one reminder e-mail per SQS record`,
      timeout: Duration.seconds(SENDER_TIMEOUT_SECONDS),
      environment: { MAIL_FROM: config.mail.fromAddress, SES_CONFIGURATION_SET: this.configurationSet.configurationSetName },
    });
    (this.sender.node.defaultChild as CfnFunction).reservedConcurrentExecutions = REMINDER_QUEUE.senderReservedConcurrency;
    grantReminderItems(this.sender, table, ['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    this.sender.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: config.mail.domain }),
          stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName }),
        ],
      }),
    );
    // The send rate it paces itself to (app/reminders/pacing.ts): GetAccount is account-wide, it has no resource type.
    this.sender.addToRolePolicy(new PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] }));
    this.sender.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: REMINDER_QUEUE.batchSize,
        maxBatchingWindow: Duration.seconds(REMINDER_QUEUE.maxBatchingWindowSeconds),
        reportBatchItemFailures: true,
        maxConcurrency: REMINDER_QUEUE.maxConcurrency,
      }),
    );

    this.schedule = new Schedule(this, 'DispatchSchedule', {
      description: 'Reminder dispatcher: every 5 minutes (Europe/Amsterdam)',
      schedule: ScheduleExpression.cron({ ...DISPATCH_CRON, timeZone: TimeZone.of(SCHEDULE_TIME_ZONE) }),
      // No retries: the next run, five minutes later, is the retry (and the lease makes overlapping runs harmless).
      target: new LambdaInvoke(this.dispatcher, { retryAttempts: 0 }),
    });

    // Alarms: anything in the DLQ; a stage a human must look at (failed: no recipient, rejected for good); SES answering
    // in doubt again and again. A single doubt is no alarm: the stage is confirmed by SES's Send event or sent again
    // after the doubt wait (app/reminders/ports.ts), so nothing is lost; many in a quarter hour mean SES is unwell.
    this.alarms = {
      deadLetters: thresholdAlarm(this, 'DeadLettersAlarm', {
        description: 'Reminder messages in the DLQ (the stages stay pending in DynamoDB and are dispatched again; find the cause)',
        metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 1,
      }),
      needsAttention: thresholdAlarm(this, 'NeedsAttentionAlarm', {
        description: 'A reminder failed for good (no recipient, rejected by SES): a human sends it or fixes the address',
        metric: new Metric({ namespace: METRIC_NAMESPACE, metricName: `RemindersNeedingAttention-${config.stage}`, statistic: 'Sum', period: Duration.minutes(5) }),
        threshold: 1,
      }),
      inDoubt: thresholdAlarm(this, 'InDoubtAlarm', {
        description: 'SES answered in doubt (5xx, timeout, reset) 10 times in 15 minutes: stages are resent after the doubt wait; check SES health',
        metric: new Metric({ namespace: METRIC_NAMESPACE, metricName: `RemindersInDoubt-${config.stage}`, statistic: 'Sum', period: Duration.minutes(15) }),
        threshold: 10,
      }),
    };
    for (const [id, message, metricName] of [
      ['Senderfailed', 'reminder failed', `RemindersNeedingAttention-${config.stage}`],
      ['Senderindoubt', 'reminder in-doubt', `RemindersInDoubt-${config.stage}`],
    ] as const) {
      new MetricFilter(this, id, {
        logGroup: this.sender.logGroup,
        filterPattern: FilterPattern.stringValue('$.msg', '=', message),
        metricNamespace: METRIC_NAMESPACE,
        metricName,
        metricValue: '1',
      });
    }
  }
}

/**
 * UpdateItem/GetItem on case-partition items only (`dynamodb:LeadingKeys` CASE#*), the table key's use for it, and
 * TABLE_NAME: narrower than grantTable's readWrite (no Put, Delete or batch writes), which these functions never need.
 */
function grantReminderItems(fn: LambdaFunction, table: ITableV2, actions: string[]): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions,
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [CASE_PARTITION_PATTERN] } },
    }),
  );
  if (table.encryptionKey) fn.addToRolePolicy(new PolicyStatement({ actions: [...KEY_ACTIONS.readWrite], resources: [table.encryptionKey.keyArn] }));
  fn.addEnvironment('TABLE_NAME', table.tableName);
}
