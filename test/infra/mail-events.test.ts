/**
 * Template tests for bounces and complaints (infra/constructs/mail-events.ts): the configuration set publishes
 * bounce, complaint and delivery events to the default bus; a rule for this configuration set's events targets
 * ses-events with retries and a failure queue; least privilege without `*`: ses-events touches `BOUNCE#`/`SESEVENT#`
 * items only, the sender may batch-read `BOUNCE#` items, the bounces API may put them. The bundle loads and, given a
 * bounce, gets as far as DynamoDB.
 */
import { readFileSync } from 'node:fs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageConfig } from '../../infra/config.js';
import { MailEvents, SES_EVENT_DETAIL_TYPES } from '../../infra/constructs/mail-events.js';
import { Reminders } from '../../infra/constructs/reminders.js';
import { bundleOf, constructTestApp, probeBundles, WILDCARD_RESOURCE_ALLOWED } from './synth.js';

let template: Template;
let testApp: ReturnType<typeof constructTestApp>;
const config = stageConfig('prod');

beforeAll(() => {
  testApp = constructTestApp('MailEvents', config);
  const { stack, table } = testApp;
  const reminders = new Reminders(stack, 'Reminders', { config, table });
  // Stands in for the HTTP function (bundled in stacks.test.ts): only its policy is under test here.
  const bouncesApi = new LambdaFunction(stack, 'BouncesApi', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('export const handler = async () => ({})') });
  new MailEvents(stack, 'MailEvents', { config, table, configurationSet: reminders.configurationSet, mailSenders: [reminders.sender], bouncesApi });
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

function sesEventsFunction(): { id: string; props: Record<string, any> } {
  const [id, fn] = Object.entries(template.findResources('AWS::Lambda::Function')).find(([, f]) => /bounces and complaints/.test(String((f as any).Properties.Description)))!;
  return { id, props: (fn as { Properties: Record<string, any> }).Properties };
}

describe('events', () => {
  it('the configuration set publishes bounces, complaints and deliveries to the default bus', () => {
    const [destination] = Object.values(template.findResources('AWS::SES::ConfigurationSetEventDestination')) as Array<{ Properties: Record<string, any> }>;
    const { EventDestination } = destination!.Properties;
    expect(EventDestination.Enabled).toBe(true);
    expect(EventDestination.MatchingEventTypes).toEqual(expect.arrayContaining(['bounce', 'complaint', 'delivery']));
    expect(JSON.stringify(EventDestination.EventBridgeDestination.EventBusArn)).toMatch(/event-bus\/default"/);
  });

  it('a rule on the default bus sends this configuration set’s bounce, complaint and delivery events to ses-events, with retries and a DLQ', () => {
    const fn = sesEventsFunction();
    const rules = Object.values(template.findResources('AWS::Events::Rule')) as Array<{ Properties: Record<string, any> }>;
    const rule = rules.find((r) => r.Properties.EventPattern?.source?.[0] === 'aws.ses')!;
    expect(rule).toBeDefined();
    expect(rule.Properties.EventBusName).toBeUndefined(); // the default bus, where SES publishes
    expect(rule.Properties.EventPattern.source).toEqual(['aws.ses']);
    expect(rule.Properties.EventPattern['detail-type']).toEqual([...SES_EVENT_DETAIL_TYPES]);
    // Only this stage's configuration set (another stage in the same account has its own rule).
    expect(rule.Properties.EventPattern.detail.mail.tags['ses:configuration-set']).toHaveLength(1);
    expect(JSON.stringify(rule.Properties.EventPattern.detail.mail.tags['ses:configuration-set'])).toMatch(/omslagroute-prod|ConfigurationSet|Mail/);
    expect(SES_EVENT_DETAIL_TYPES).toEqual(['Email Bounced', 'Email Complaint Received', 'Email Delivered', 'Email Sent']);
    const [target] = rule.Properties.Targets as Array<Record<string, any>>;
    expect(target!.Arn).toEqual({ 'Fn::GetAtt': [fn.id, 'Arn'] });
    expect(target!.RetryPolicy).toEqual({ MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 6 * 3600 });
    expect(JSON.stringify(target!.DeadLetterConfig)).toContain('MailEventsFailures');
    template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', FunctionName: { 'Fn::GetAtt': [fn.id, 'Arn'] } });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: Match.anyValue() } } });
  });

  it('the failure queue is encrypted, TLS only, and alarmed', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmDescription: Match.stringLikeRegexp('bounce/complaint'), Threshold: 1 });
    expect(sesEventsFunction().props.Environment.Variables.TABLE_NAME).toBeDefined();
  });
});

describe('least privilege', () => {
  it('no statement has a wildcard action, nor a wildcard resource beyond those AWS forces', () => {
    const all = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement);
    for (const s of all.filter((x) => x.Effect === 'Allow')) {
      for (const action of list(s.Action)) expect(action === '*' || action.endsWith(':*'), action).toBe(false);
      if (list(s.Resource as string | string[]).includes('*')) expect(list(s.Action).every((a) => WILDCARD_RESOURCE_ALLOWED.includes(a)), JSON.stringify(s)).toBe(true);
    }
  });

  it('ses-events: GetItem on BOUNCE# items, PutItem on BOUNCE#/SESEVENT# items, UpdateItem on reminder stages (CASE#), nothing else', () => {
    const statements = statementsOf('MailEventsSesEventsRole');
    const table = statements.filter((s) => list(s.Action).some((a) => a.startsWith('dynamodb:')));
    expect(table.map((s) => [list(s.Action), s.Condition])).toEqual([
      [['dynamodb:GetItem'], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['BOUNCE#*'] } }],
      [['dynamodb:PutItem'], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['BOUNCE#*', 'SESEVENT#*'] } }],
      // Issue 16: a Send/Delivery event marks the reminder stage it names sent (a conditional update).
      [['dynamodb:UpdateItem'], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CASE#*'] } }],
    ]);
    const actions = statements.flatMap((s) => list(s.Action));
    for (const forbidden of ['dynamodb:Query', 'dynamodb:Scan', 'dynamodb:DeleteItem', 'ses:SendEmail']) expect(actions).not.toContain(forbidden);
  });

  it('the reminder sender may batch-read BOUNCE# items; the bounces API may put them', () => {
    const sender = statementsOf('RemindersReminderSenderRole').find((s) => list(s.Action).includes('dynamodb:BatchGetItem'))!;
    expect(sender.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['BOUNCE#*'] } });
    const api = statementsOf('BouncesApi').find((s) => list(s.Action).includes('dynamodb:PutItem'))!;
    expect(api.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['BOUNCE#*'] } });
  });
});

describe('bundle', () => {
  it('loads under Node like Lambda does and, given a bounce, reaches DynamoDB', () => {
    const file = bundleOf(testApp.outdir, template, sesEventsFunction().id);
    const bounce = JSON.parse(readFileSync(new URL('../fixtures/ses/bounce-permanent.json', import.meta.url), 'utf8')) as unknown;
    const [result] = probeBundles([{ file, event: bounce }]);
    expect(result!.loadError).toMatch(/ECONNREFUSED/);
    expect(result!.loadError).not.toMatch(/Dynamic require|Cannot find (module|package)|Configuration error|InvalidSesEvent/);
  });
});
