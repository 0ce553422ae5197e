/**
 * Bounces and complaints on AWS (stateless: ApiStack):
 *
 *   SES configuration set ──(event destination: default bus)──▶ EventBridge rule (source aws.ses, this configuration set,
 *   Email Bounced / Email Complaint Received / Email Delivered) ──▶ ses-events ──▶ DynamoDB `BOUNCE#<address>`
 *                                                                      │ (retries)
 *                                                                      └─▶ SQS failures (alarm)
 *
 * - The configuration set and its event destination are the reminder construct's (infra/constructs/reminders.ts:
 *   SES can only publish to the default bus); the rule matches this stage's configuration set only, by the
 *   `ses:configuration-set` tag SES puts on every event.
 * - Delivery: the rule retries 8 times over up to 6 hours, then puts the event in the failure queue; the function is
 *   idempotent per SES event (a marker in the same transaction as the records), so redeliveries change nothing.
 * - Least privilege, no `*`: ses-events may GetItem `BOUNCE#` items and PutItem `BOUNCE#`/`SESEVENT#` items (the
 *   transaction's puts); every function that sends mail may BatchGetItem `BOUNCE#` items (the recipient filter);
 *   `mail-bounces` (HTTP, `read` + audit) may PutItem `BOUNCE#` items (clearing).
 */
import { Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { thresholdAlarm } from './alarm.js';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { keys } from '#adapters/dynamo/table.js';
import type { StageConfig } from '../config.js';
import { KEY_ACTIONS, nodeFunction } from './functions.js';

/** The SES events the function acts on (EventBridge detail types of SES sending events). */
// Email Sent and Email Delivered confirm a reminder stage whose send was in doubt (issue 16, app/mail-health/events.ts).
export const SES_EVENT_DETAIL_TYPES = ['Email Bounced', 'Email Complaint Received', 'Email Delivered', 'Email Sent'] as const;
export const BOUNCE_PARTITION_PATTERN = `${keys.bouncePartitionPrefix}*`;
export const SES_EVENT_PARTITION_PATTERN = `${keys.sesEventPartitionPrefix}*`;
/** Reminder stages live in the case partitions (shared/adapters/dynamo/reminder-items.ts: PK=CASE#<caseId>). */
export const REMINDER_PARTITION_PATTERN = 'CASE#*';

export interface MailEventsProps {
  readonly config: StageConfig;
  readonly table: ITableV2;
  /** The configuration set every mail is sent with (its events reach the default bus). */
  readonly configurationSet: IConfigurationSet;
  /** Functions that send mail and whose table access does not already cover `BOUNCE#` items (the reminder sender). */
  readonly mailSenders: readonly LambdaFunction[];
  /** The HTTP function of `/organisations/{organisationId}/bounces…` (clears a record). */
  readonly bouncesApi: LambdaFunction;
}

export class MailEvents extends Construct {
  readonly handler: NodejsFunction;
  readonly rule: Rule;
  readonly failures: Queue;
  readonly failuresAlarm: Alarm;

  constructor(scope: Construct, id: string, props: MailEventsProps) {
    super(scope, id);
    const { config, table } = props;

    this.failures = new Queue(this, 'Failures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    this.handler = nodeFunction(this, 'ses-events', {
      config,
      description: `Omslagroute ${config.stage}: SES bounces and complaints → undeliverable addresses`,
      timeout: Duration.seconds(30),
      memorySize: 256,
    });
    grantItems(this.handler, table, ['dynamodb:GetItem'], [BOUNCE_PARTITION_PATTERN]);
    grantItems(this.handler, table, ['dynamodb:PutItem'], [BOUNCE_PARTITION_PATTERN, SES_EVENT_PARTITION_PATTERN]);
    // confirmSent: a conditional update of the reminder stage a Send/Delivery event names (CASE#<caseId>, REM#…).
    grantItems(this.handler, table, ['dynamodb:UpdateItem'], [REMINDER_PARTITION_PATTERN]);
    this.handler.addEnvironment('TABLE_NAME', table.tableName);
    // If the rule's target is ever invoked asynchronously by something else: the same failure queue.
    this.handler.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(6), onFailure: new SqsDestination(this.failures) });

    this.rule = new Rule(this, 'SesEventRule', {
      description: `SES sending events of configuration set ${props.configurationSet.configurationSetName}: bounces, complaints, deliveries`,
      eventPattern: {
        source: ['aws.ses'],
        detailType: [...SES_EVENT_DETAIL_TYPES],
        detail: { mail: { tags: { 'ses:configuration-set': [props.configurationSet.configurationSetName] } } },
      },
      targets: [new LambdaTarget(this.handler, { retryAttempts: 8, maxEventAge: Duration.hours(6), deadLetterQueue: this.failures })],
    });

    for (const sender of props.mailSenders) grantItems(sender, table, ['dynamodb:BatchGetItem'], [BOUNCE_PARTITION_PATTERN]);
    grantItems(props.bouncesApi, table, ['dynamodb:PutItem'], [BOUNCE_PARTITION_PATTERN]);

    this.failuresAlarm = thresholdAlarm(this, 'FailuresAlarm', {
      description: 'An SES bounce/complaint event could not be processed (see the failure queue): an address may still get mail',
      metric: this.failures.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
    });
  }
}

/** Item actions on the table, only for items whose partition key matches `patterns`, and the table key's use. */
function grantItems(fn: LambdaFunction, table: ITableV2, actions: string[], patterns: string[]): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions,
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': patterns } },
    }),
  );
  const writes = actions.some((action) => !/^dynamodb:(Batch)?GetItem$/.test(action));
  if (table.encryptionKey) fn.addToRolePolicy(new PolicyStatement({ actions: [...KEY_ACTIONS[writes ? 'readWrite' : 'read']], resources: [table.encryptionKey.keyArn] }));
}
