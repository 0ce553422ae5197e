/**
 * The Wonen concern on AWS: the woonzaken inbox (SES receipt rule → encrypted S3 bucket → `inbound-mail`) and the daily
 * digest (EventBridge Scheduler → `wonen-digest`). The queue itself needs nothing here: it is items and GSI3 of the one
 * table, and its HTTP functions are in ApiStack's HTTP_FUNCTION_ACCESS.
 *
 * Two constructs, one per stack (infra/app.ts: data in the stateful stack, functions and schedules in the stateless one):
 * - `WonenInboxStore` (StatefulStack): the bucket, encrypted with the data key (infra/constructs/data.ts), public
 *   access blocked, TLS only, EventBridge notifications on; raw mails under `raw/` expire after RAW_MAIL_DAYS (the
 *   parts the function extracted under `mail/<mailId>/` stay with the case); the SES receipt rule set with one rule for
 *   the woonzaken recipient (TLS required, spam and virus scanning on) storing each mail under `raw/`. SES may put
 *   objects (bucket policy, this account only) and use the key (key policy, this rule only).
 * - `WonenInbox` (ApiStack): `inbound-mail`, invoked by an EventBridge rule on the bucket's "Object Created" events
 *   under `raw/` (not an S3 notification: that would make the stateful stack depend on the stateless one), with
 *   retries and an encrypted failure queue; `wonen-digest` on a schedule at 08:00 Europe/Amsterdam MON-FRI (holidays
 *   are skipped in code). Each function's role gets exactly its objects, its key use and SendEmail on the mail identity.
 *
 * `addWonenInbox(config, stateful, api)` puts each part in its stack: the one line infra/stage.ts needs.
 *
 * Not done by CloudFormation: activating the receipt rule set (one active set per account and region:
 * `aws ses set-active-receipt-rule-set --rule-set-name <RuleSetName output>`), and the MX record of the inbox domain
 * (`inbound-smtp.<region>.amazonaws.com`); the gemeente's woonzaken mailbox forwards (or copies) to the recipient.
 */
import { CfnOutput, Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFn } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { BlockPublicAccess, Bucket, BucketEncryption, CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { S3 as S3Action } from 'aws-cdk-lib/aws-ses-actions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { grantTable, nodeFunction } from './functions.js';

/** Where SES stores received mail; the EventBridge rule listens to this prefix only. */
export const RAW_PREFIX = 'raw/';
/** Where the inbound function writes body text and accepted attachments. */
export const PARTS_PREFIX = 'mail/';
/** Raw mails (with any refused attachment) are kept this long for inspection, then expire. */
export const RAW_MAIL_DAYS = 30;
/** 08:00 Europe/Amsterdam on weekdays; isWerkdag in the function skips holidays. */
export const DIGEST_CRON = { minute: '0', hour: '8', weekDay: 'MON-FRI' } as const;
const RULE_NAME = 'woonzaken';

export interface WonenInboxStoreProps {
  readonly config: StageConfig;
  /** The data key (infra/constructs/data.ts): the inbox holds the same kind of data as the table. */
  readonly key: IKey;
  /** Addresses (or domains) the receipt rule accepts; default `woonzaken@<config.mail.domain>`. */
  readonly recipients?: readonly string[];
}

export class WonenInboxStore extends Construct {
  readonly bucket: Bucket;
  readonly key: IKey;
  readonly ruleSet: ReceiptRuleSet;
  readonly recipients: readonly string[];

  constructor(scope: Construct, id: string, props: WonenInboxStoreProps) {
    super(scope, id);
    const { config, key } = props;
    const { account, region } = Stack.of(this);
    this.key = key;
    this.recipients = props.recipients ?? [`woonzaken@${config.mail.domain}`];

    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [
        { id: 'raw-mail', prefix: RAW_PREFIX, expiration: Duration.days(RAW_MAIL_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: config.removalPolicy,
    });

    // EventBridge notifications as a bucket property: `eventBridgeEnabled` would add a custom resource (a Lambda with
    // s3:PutBucketNotification on *) to the stateful stack for what CloudFormation does natively.
    (this.bucket.node.defaultChild as CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };

    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', {});
    const ruleArn = `arn:aws:ses:${region}:${account}:receipt-rule-set/${this.ruleSet.receiptRuleSetName}:receipt-rule/${RULE_NAME}`;
    // The S3 action adds the bucket policy for SES (PutObject under the prefix, this account only).
    this.ruleSet.addRule('Woonzaken', {
      receiptRuleName: RULE_NAME,
      recipients: [...this.recipients],
      scanEnabled: true,
      tlsPolicy: TlsPolicy.REQUIRE,
      actions: [new S3Action({ bucket: this.bucket, objectKeyPrefix: RAW_PREFIX })],
    });
    // S3 asks KMS for a data key on SES's behalf when SES stores a mail (default bucket encryption).
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'SesStoresWoonzakenMail',
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Encrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account }, ArnLike: { 'aws:SourceArn': ruleArn } },
      }),
    );

    new CfnOutput(this, 'InboxRuleSetName', { value: this.ruleSet.receiptRuleSetName, description: 'Activate once: aws ses set-active-receipt-rule-set' });
    new CfnOutput(this, 'InboxBucketName', { value: this.bucket.bucketName });
  }
}

export interface WonenInboxProps {
  readonly config: StageConfig;
  readonly table: ITableV2;
  readonly store: WonenInboxStore;
  /** Regios the digest is sent for; default amsterdam. */
  readonly digestRegios?: readonly string[];
  /** The retention sweeper: erases a case's mail parts with the case (DeleteObject on the parts only). */
  readonly eraser?: NodejsFunction;
  /** The unmatched-mail HTTP function: reads extracted body text (`mail/…`) for the reading view. */
  readonly mailReader?: NodejsFunction;
}

export class WonenInbox extends Construct {
  readonly inboundMail: LambdaFn;
  readonly digest: LambdaFn;
  readonly failures: Queue;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: WonenInboxProps) {
    super(scope, id);
    const { config, table, store } = props;
    const { account, region } = Stack.of(this);
    const bucket = store.bucket;
    const sendMail = new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [`arn:aws:ses:${region}:${account}:identity/${config.mail.domain}`],
    });

    // Failed events (after retries) of both functions, for a person; encrypted, kept the maximum 14 days.
    this.failures = new Queue(this, 'Failures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    this.inboundMail = nodeFunction(this, 'inbound-mail', {
      config,
      description: `Omslagroute ${config.stage}: mail to woonzaken → case history or unmatched list`,
      // A 40 MB mail is parsed in memory; parsing and the S3 writes take seconds, not minutes.
      timeout: Duration.seconds(60),
      memorySize: 1024,
      environment: {
        INBOX_BUCKET: bucket.bucketName,
        INBOX_KMS_KEY_ID: store.key.keyArn,
        INBOX_REGIO: 'amsterdam',
        MAIL_FROM: config.mail.fromAddress,
      },
    });
    grantTable(this.inboundMail, table, 'readWrite');
    this.inboundMail.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects(`${RAW_PREFIX}*`)] }));
    this.inboundMail.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects(`${PARTS_PREFIX}*`)] }));
    this.inboundMail.addToRolePolicy(new PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [store.key.keyArn] }));
    this.inboundMail.addToRolePolicy(sendMail);
    // The unmatched list's reading view (GET /wonen/unmatched/{mailId}) reads a mail's extracted body text, nothing raw.
    if (props.mailReader) {
      props.mailReader.addEnvironment('INBOX_BUCKET', bucket.bucketName);
      props.mailReader.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects(`${PARTS_PREFIX}*`)] }));
      props.mailReader.addToRolePolicy(new PolicyStatement({ actions: ['kms:Decrypt'], resources: [store.key.keyArn] }));
    }
    if (props.eraser) {
      props.eraser.addEnvironment('INBOX_BUCKET', bucket.bucketName);
      props.eraser.addToRolePolicy(new PolicyStatement({ actions: ['s3:DeleteObject'], resources: [bucket.arnForObjects(`${PARTS_PREFIX}*`)] }));
    }
    // Asynchronous invocation: two retries, then the failure queue. Processing is idempotent per mail.
    this.inboundMail.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(6), onFailure: new SqsDestination(this.failures) });
    new Rule(this, 'MailStored', {
      description: 'A mail for woonzaken was stored in the inbox bucket',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [bucket.bucketName] }, object: { key: [{ prefix: RAW_PREFIX }] } },
      },
      targets: [new LambdaFunction(this.inboundMail, { retryAttempts: 8, maxEventAge: Duration.hours(6), deadLetterQueue: this.failures })],
    });

    this.digest = nodeFunction(this, 'wonen-digest', {
      config,
      description: `Omslagroute ${config.stage}: daily digest of Wonen's queue to woonzaken`,
      timeout: Duration.seconds(60),
      environment: { MAIL_FROM: config.mail.fromAddress, DIGEST_REGIOS: (props.digestRegios ?? ['amsterdam']).join(',') },
    });
    // Reads the queue index, writes the digest record (exactly once per regio and day).
    grantTable(this.digest, table, 'readWrite');
    this.digest.addToRolePolicy(sendMail);
    // Europe/Amsterdam is an IANA zone Scheduler accepts (CDK's enum lists Brussels, the zone it links to, instead).
    this.schedule = new Schedule(this, 'DigestSchedule', {
      description: "Wonen's digest: 08:00 Europe/Amsterdam on weekdays",
      schedule: ScheduleExpression.cron({ ...DIGEST_CRON, timeZone: TimeZone.of('Europe/Amsterdam') }),
      // Retries are safe: a digest already claimed for the day is not sent again.
      target: new LambdaInvoke(this.digest, { retryAttempts: 2, maxEventAge: Duration.hours(1), deadLetterQueue: this.failures }),
    });
  }
}

/** Both parts, each in its own stack: `addWonenInbox(config, stateful, api)` in infra/stage.ts. */
export function addWonenInbox(
  config: StageConfig,
  stateful: Stack & { data: { key: IKey; table: ITableV2 } },
  api: Stack,
  options: { eraser?: NodejsFunction; mailReader?: NodejsFunction } = {},
): { store: WonenInboxStore; inbox: WonenInbox } {
  const store = new WonenInboxStore(stateful, 'WonenInboxStore', { config, key: stateful.data.key });
  const inbox = new WonenInbox(api, 'WonenInbox', { config, table: stateful.data.table, store, ...options });
  return { store, inbox };
}
