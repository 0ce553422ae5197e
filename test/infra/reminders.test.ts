/**
 * Template tests for the reminder concern (infra/constructs/reminders.ts): the schedule in Dutch time, the queue and
 * its DLQ with the settings the local stack uses too, the event source mapping with partial batch failures, the
 * sender's concurrency cap, the SES configuration set, the domain-event bus, and least-privilege IAM without `*`.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageConfig } from '../../infra/config.js';
import { Reminders, SCHEDULE_TIME_ZONE } from '../../infra/constructs/reminders.js';
import { REMINDER_QUEUE, SENDER_TIMEOUT_SECONDS } from '../../shared/adapters/sqs/queues.js';
import { bundleOf, constructTestApp, probeBundles, WILDCARD_RESOURCE_ALLOWED } from './synth.js';

let template: Template;
let reminders: Reminders;
let testApp: ReturnType<typeof constructTestApp>;
const config = stageConfig('prod');

beforeAll(() => {
  testApp = constructTestApp('Reminders', config);
  reminders = new Reminders(testApp.stack, 'Reminders', { config, table: testApp.table });
  template = testApp.synth();
}, 180_000);

afterAll(() => testApp?.cleanup());

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, unknown> };
const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

function statementsOf(logicalIdPrefix: string): Statement[] {
  return Object.entries(template.findResources('AWS::IAM::Policy'))
    .filter(([id]) => id.startsWith(logicalIdPrefix))
    .flatMap(([, p]) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement);
}

function functionNamed(description: RegExp): { id: string; props: Record<string, any> } {
  const [id, fn] = Object.entries(template.findResources('AWS::Lambda::Function')).find(([, f]) => description.test(String((f as any).Properties.Description)))!;
  return { id, props: (fn as { Properties: Record<string, any> }).Properties };
}

describe('schedule', () => {
  it('runs the dispatcher every 5 minutes in Europe/Amsterdam, without retries', () => {
    const dispatcher = functionNamed(/due reminders/);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0/5 * * * ? *)',
      ScheduleExpressionTimezone: SCHEDULE_TIME_ZONE,
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [dispatcher.id, 'Arn'] }, RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 0 }) }),
    });
    expect(SCHEDULE_TIME_ZONE).toBe('Europe/Amsterdam');
  });
});

describe('queue, DLQ and the sender', () => {
  it('the queue redrives to the DLQ after 5 receives; both encrypted; visibility ≥ 6 × the sender timeout', () => {
    const queues = template.findResources('AWS::SQS::Queue');
    const [dlqId] = Object.entries(queues).find(([id]) => id.includes('DeadLetters'))!;
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: REMINDER_QUEUE.visibilityTimeoutSeconds,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: 5 },
      SqsManagedSseEnabled: true,
    });
    template.hasResourceProperties('AWS::SQS::Queue', { MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true });
    const sender = functionNamed(/one reminder e-mail/);
    expect(sender.props.Timeout).toBe(SENDER_TIMEOUT_SECONDS);
    expect(REMINDER_QUEUE.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * sender.props.Timeout);
    // TLS only on both queues.
    const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy'));
    expect(policies).toHaveLength(2);
  });

  it('the event source mapping reports batch item failures, batches 10 and caps concurrency; the sender reserves the same', () => {
    const sender = functionNamed(/one reminder e-mail/);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: sender.id },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: REMINDER_QUEUE.maxConcurrency },
      MaximumBatchingWindowInSeconds: REMINDER_QUEUE.maxBatchingWindowSeconds,
    });
    expect(sender.props.ReservedConcurrentExecutions).toBe(REMINDER_QUEUE.senderReservedConcurrency);
    expect(REMINDER_QUEUE.senderReservedConcurrency).toBeGreaterThanOrEqual(REMINDER_QUEUE.maxConcurrency);
  });

  it('gives each function the variables its env schema requires', () => {
    const dispatcher = functionNamed(/due reminders/).props.Environment.Variables;
    expect(Object.keys(dispatcher)).toEqual(expect.arrayContaining(['TABLE_NAME', 'QUEUE_URL', 'EVENT_BUS_NAME', 'APP_BASE_URL']));
    const sender = functionNamed(/one reminder e-mail/).props.Environment.Variables;
    expect(Object.keys(sender)).toEqual(expect.arrayContaining(['TABLE_NAME', 'MAIL_FROM', 'SES_CONFIGURATION_SET', 'APP_BASE_URL']));
    expect(sender.MAIL_FROM).toBe(config.mail.fromAddress);
    expect(sender.APP_BASE_URL).toBe(config.appBaseUrl);
  });
});

describe('mail and events', () => {
  it('has an SES configuration set that suppresses bounces and complaints and publishes sending events to the default bus', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'omslagroute-prod',
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['send', 'delivery', 'bounce', 'complaint']),
        EventBridgeDestination: { EventBusArn: Match.anyValue() },
      }),
    });
  });

  it('has the sending domain as an SES identity with Easy DKIM, a MAIL FROM subdomain and the configuration set', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: config.mail.domain,
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
      MailFromAttributes: { MailFromDomain: `bounce.${config.mail.domain}` },
    });
    expect(Object.keys(template.findOutputs('*')).filter((id) => id.includes('DkimRecord'))).toHaveLength(3);
  });

  it('has the domain-event bus', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'omslagroute-prod' });
  });

  it('alarms on the DLQ, on stages that need a human, and on SES answering in doubt again and again', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    template.resourceCountIs('AWS::Logs::MetricFilter', 2);
    template.hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: '{ $.msg = "reminder failed" }', MetricTransformations: [Match.objectLike({ MetricName: 'RemindersNeedingAttention-prod' })] });
    template.hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: '{ $.msg = "reminder in-doubt" }', MetricTransformations: [Match.objectLike({ MetricName: 'RemindersInDoubt-prod' })] });
    // A doubt resolves itself (SES's Send event, or a resend after the doubt wait): nothing logs `reminder unconfirmed` any more.
    expect(JSON.stringify(template.toJSON())).not.toContain('reminder unconfirmed');
  });
});

describe('least privilege', () => {
  it('no statement has a wildcard action, nor a wildcard resource beyond those AWS forces', () => {
    const all = Object.entries(template.findResources('AWS::IAM::Policy')).flatMap(([id, p]) =>
      (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement.map((s) => ({ ...s, id })),
    );
    expect(all.length).toBeGreaterThan(5);
    for (const s of all.filter((x) => x.Effect === 'Allow')) {
      for (const action of list(s.Action)) expect(action === '*' || action.endsWith(':*'), action).toBe(false);
      if (list(s.Resource as string | string[]).includes('*')) {
        expect(list(s.Action).every((a) => WILDCARD_RESOURCE_ALLOWED.includes(a)), JSON.stringify(s)).toBe(true);
      }
    }
  });

  it('the dispatcher: Query on the due index only, UpdateItem on case partitions only, SendMessage to this queue, PutEvents to this bus', () => {
    const statements = statementsOf('RemindersReminderDispatcherRole');
    const actions = statements.flatMap((s) => list(s.Action));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 'sqs:SendMessage', 'events:PutEvents']));
    for (const forbidden of ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:Scan', 'ses:SendEmail']) expect(actions).not.toContain(forbidden);
    const query = statements.find((s) => list(s.Action).includes('dynamodb:Query'))!;
    expect(JSON.stringify(query.Resource)).toContain('/index/GSI2');
    const update = statements.find((s) => list(s.Action).includes('dynamodb:UpdateItem'))!;
    expect(update.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CASE#*'] } });
  });

  it('the sender: GetItem/UpdateItem on case partitions, SendEmail on the identity and configuration set only', () => {
    const statements = statementsOf('RemindersReminderSenderRole');
    const actions = statements.flatMap((s) => list(s.Action));
    for (const forbidden of ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'sqs:SendMessage', 'events:PutEvents']) expect(actions).not.toContain(forbidden);
    const ses = statements.find((s) => list(s.Action).includes('ses:SendEmail'))!;
    const resources = JSON.stringify(ses.Resource);
    expect(resources).toContain(`:identity/${config.mail.domain}`);
    expect(resources).toContain(':configuration-set/');
    expect(actions).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']));
  });

  it('exposes the queues and functions for monitoring', () => {
    expect(reminders.queue).toBeDefined();
    expect(reminders.deadLetterQueue).toBeDefined();
    expect(reminders.alarms.deadLetters).toBeDefined();
  });
});

describe('bundles', () => {
  it('load under Node like Lambda does: the sender answers an empty batch, the dispatcher reaches DynamoDB', () => {
    const bundle = (description: RegExp) => bundleOf(testApp.outdir, template, functionNamed(description).id);
    const [sender, dispatcher] = probeBundles(
      [
        { file: bundle(/one reminder e-mail/), event: { Records: [] } },
        { file: bundle(/due reminders/), event: {} },
      ],
      { QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/000000000000/probe', EVENT_BUS_NAME: 'probe', MAIL_FROM: 'no-reply@omslagroute.example.org' },
    );
    expect(sender!.loadError).toBeUndefined();
    expect(dispatcher!.loadError).toMatch(/ECONNREFUSED/);
    expect(dispatcher!.loadError).not.toMatch(/Dynamic require|Cannot find (module|package)|Configuration error/);
  });
});
