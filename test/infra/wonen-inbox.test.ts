/**
 * Template tests for the woonzaken inbox and the digest schedule (infra/constructs/wonen-inbox.ts): the bucket and the
 * receipt rule in the stateful stack, the functions, the event rule and the schedule in the stateless one, wired by
 * addWonenInbox without a dependency from the stateful stack on the stateless one.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { stageConfig } from '../../infra/config.js';
import { Data } from '../../infra/constructs/data.js';
import { addWonenInbox, RAW_MAIL_DAYS } from '../../infra/constructs/wonen-inbox.js';
import { cdkContext } from './synth.js';

let stateful: Template;
let api: Template;
let statefulStack: Stack;
let apiStack: Stack;

class TestStateful extends Stack {
  readonly data: Data;
  constructor(app: App, config: ReturnType<typeof stageConfig>) {
    super(app, 'WonenStateful', { env: config.env });
    this.data = new Data(this, 'Data', { config });
  }
}

beforeAll(() => {
  const config = stageConfig('prod');
  const app = new App({ context: cdkContext() });
  const s = new TestStateful(app, config);
  const a = new Stack(app, 'WonenApi', { env: config.env });
  addWonenInbox(config, s, a);
  app.synth();
  statefulStack = s;
  apiStack = a;
  stateful = Template.fromStack(s);
  api = Template.fromStack(a);
}, 180_000);

function policyStatements(template: Template): Array<{ Action: unknown; Resource: unknown }> {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: never[] } } }).Properties.PolicyDocument.Statement);
}

describe('stateful: the inbox bucket and the receipt rule', () => {
  it('encrypts the bucket with the data key, blocks public access, requires TLS and notifies EventBridge', () => {
    stateful.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() }, BucketKeyEnabled: true }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Prefix: 'raw/', ExpirationInDays: RAW_MAIL_DAYS, Status: 'Enabled' })]) },
    });
    stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' }, Action: 's3:PutObject', Condition: { StringEquals: { 'aws:SourceAccount': Match.anyValue() } } }),
        ]),
      },
    });
    // prod keeps the mail when the stack goes.
    stateful.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
    // No custom resource (and its Lambda) for the notifications.
    expect(Object.keys(stateful.findResources('Custom::S3BucketNotifications'))).toEqual([]);
    expect(Object.keys(stateful.findResources('AWS::Lambda::Function'))).toEqual([]);
  });

  it('receives mail for woonzaken with TLS and scanning, into raw/', () => {
    stateful.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: {
        Name: 'woonzaken',
        Enabled: true,
        Recipients: [Match.stringLikeRegexp('^woonzaken@')],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: [{ S3Action: { BucketName: Match.anyValue(), ObjectKeyPrefix: 'raw/' } }],
      },
    });
  });

  it('lets SES use the data key only for this rule of this account', () => {
    stateful.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'ses.amazonaws.com' },
            Action: Match.arrayWith(['kms:GenerateDataKey*']),
            Condition: { StringEquals: { 'aws:SourceAccount': Match.anyValue() }, ArnLike: { 'aws:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('does not depend on the stateless stack', () => {
    expect(statefulStack.dependencies).toEqual([]);
    expect(apiStack.dependencies).toContain(statefulStack);
  });
});

describe('stateless: inbound-mail, the event rule, the digest schedule', () => {
  it('invokes inbound-mail for objects created under raw/ in the inbox bucket, with retries and a failure queue', () => {
    api.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { bucket: { name: [Match.anyValue()] }, object: { key: [{ prefix: 'raw/' }] } },
      },
      Targets: [Match.objectLike({ DeadLetterConfig: { Arn: Match.anyValue() }, RetryPolicy: Match.anyValue() })],
    });
    api.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    api.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  it('configures the functions from the stage: bucket, key, regio, sender; TABLE_NAME from grantTable', () => {
    api.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ INBOX_BUCKET: Match.anyValue(), INBOX_KMS_KEY_ID: Match.anyValue(), INBOX_REGIO: 'amsterdam', MAIL_FROM: Match.stringLikeRegexp('@'), TABLE_NAME: Match.anyValue() }),
      },
      Timeout: 60,
      MemorySize: 1024,
    });
    api.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ DIGEST_REGIOS: 'amsterdam', MAIL_FROM: Match.stringLikeRegexp('@'), TABLE_NAME: Match.anyValue() }) },
    });
  });

  it('grants raw/ reads and mail/ writes only, key use on the data key, SendEmail on the identity: nothing on *', () => {
    const statements = policyStatements(api);
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 'ses:SendEmail', 'kms:Decrypt']));
    expect(actions).not.toContain('s3:*');
    // X-Ray (stage tracing, set by nodeFunction) accepts no resource but *; everything of this concern is scoped.
    for (const s of statements.filter((s) => !JSON.stringify(s.Action).includes('xray:'))) expect(s.Resource, JSON.stringify(s)).not.toBe('*');
    const s3 = statements.filter((s) => String(s.Action).startsWith('s3:'));
    expect(JSON.stringify(s3.find((s) => s.Action === 's3:GetObject')?.Resource)).toContain('/raw/*');
    expect(JSON.stringify(s3.find((s) => s.Action === 's3:PutObject')?.Resource)).toContain('/mail/*');
  });

  it('runs the digest at 08:00 Europe/Amsterdam on weekdays, with retries', () => {
    api.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'Europe/Amsterdam',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 }, DeadLetterConfig: { Arn: Match.anyValue() } }),
    });
  });
});
