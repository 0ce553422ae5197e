/**
 * Template tests for the operations concern (infra/constructs/operations.ts): an alarm on every dead-letter queue, every
 * function's errors, API 5xx, the reminder queue's age and the oldest overdue Wonen item; every alarm notifies the one
 * encrypted topic; e-mail only where the stage names an address. Coverage is generic: a function and a failure queue
 * added to the stack after Operations (as a later concern would) are covered too.
 *
 * Runtime, architecture and log-group retention of every function are asserted in stacks.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE } from '#adapters/dynamo/table.js';
import { METRIC_NAMESPACE } from '#observability/metrics.js';
import { stageConfig, type StageName } from '../../infra/config.js';
import { QUEUE_AGE_ALARM_SECONDS, WONEN_OVERDUE_ALARM_WERKDAGEN } from '../../infra/constructs/operations.js';
import { stackName } from '../../infra/stage.js';
import { resourcesOf, synthInChild, type CfnResource, type CfnTemplate } from './synth.js';

let outdir: string;
const templates = {} as Record<StageName, CfnTemplate>;
const configs = { prod: stageConfig('prod'), dev: stageConfig('dev') };

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'omslagroute-operations-cdk-'));
  // In a child process (operations-synth-child.ts): both stages plus a later concern in dev, see there.
  const assembly = await synthInChild('operations-synth-child.ts', { outdir });
  for (const stage of ['prod', 'dev'] as const) {
    templates[stage] = assembly.getStackByName(stackName(configs[stage], 'Api')).template as CfnTemplate;
  }
}, 480_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const alarmsOf = (json: CfnTemplate) => resourcesOf(json, 'AWS::CloudWatch::Alarm').map(([id, alarm]) => ({ id, p: alarm.Properties! }));
const dimension = (p: Record<string, any>, name: string) => list<any>(p.Dimensions).find((d) => d.Name === name)?.Value;

/** Logical ids of the queues something sends its failures to. */
function deadLetterQueueIds(json: CfnTemplate): Set<string> {
  const ids = new Set<string>();
  const add = (arn: any) => {
    const id = arn?.['Fn::GetAtt']?.[0];
    if (typeof id === 'string' && json.Resources[id]?.Type === 'AWS::SQS::Queue') ids.add(id);
  };
  for (const [id, resource] of Object.entries(json.Resources)) {
    const p: Record<string, any> = resource.Properties ?? {};
    if (resource.Type === 'AWS::SQS::Queue') {
      add(p.RedrivePolicy?.deadLetterTargetArn);
      if (/DeadLetter/i.test(id)) ids.add(id);
    }
    if (resource.Type === 'AWS::Lambda::Function') add(p.DeadLetterConfig?.TargetArn);
    if (resource.Type === 'AWS::Lambda::EventInvokeConfig') add(p.DestinationConfig?.OnFailure?.Destination);
    if (resource.Type === 'AWS::Events::Rule') for (const target of list<any>(p.Targets)) add(target.DeadLetterConfig?.Arn);
    if (resource.Type === 'AWS::Scheduler::Schedule') add(p.Target?.DeadLetterConfig?.Arn);
  }
  return ids;
}

function topicId(json: CfnTemplate): string {
  const topics = resourcesOf(json, 'AWS::SNS::Topic');
  expect(topics).toHaveLength(1);
  return topics[0]![0];
}

describe.each(['prod', 'dev'] as const)('%s: alarms', (stage) => {
  it('alarms on the depth of every dead-letter queue (SQS redrive, Lambda async failures, rule and schedule DLQs)', () => {
    const json = templates[stage];
    const dlqs = deadLetterQueueIds(json);
    expect(dlqs.size).toBeGreaterThanOrEqual(2); // the reminder DLQ and the Wonen inbox's failure queue, at least
    for (const id of dlqs) {
      const alarms = alarmsOf(json).filter(({ p }) => p.Namespace === 'AWS/SQS' && p.MetricName === 'ApproximateNumberOfMessagesVisible' && dimension(p, 'QueueName')?.['Fn::GetAtt']?.[0] === id);
      expect(alarms, id).toHaveLength(1); // exactly one: the reminder DLQ's own alarm is reused, not duplicated
      expect(alarms[0]!.p).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching' });
    }
  });

  it('alarms on the errors of every Lambda function in the stack, once each', () => {
    const json = templates[stage];
    const functions = resourcesOf(json, 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(15);
    for (const [id] of functions) {
      const alarms = alarmsOf(json).filter(({ p }) => p.Namespace === 'AWS/Lambda' && p.MetricName === 'Errors' && dimension(p, 'FunctionName')?.Ref === id);
      expect(alarms, id).toHaveLength(1);
      expect(alarms[0]!.p.Threshold, id).toBe(1);
    }
  });

  it('alarms on API 5xx of the HTTP API', () => {
    const json = templates[stage];
    const [apiId] = resourcesOf(json, 'AWS::ApiGatewayV2::Api')[0]!;
    const alarms = alarmsOf(json).filter(({ p }) => p.Namespace === 'AWS/ApiGateway' && p.MetricName === '5xx');
    expect(alarms).toHaveLength(1);
    expect(dimension(alarms[0]!.p, 'ApiId')).toEqual({ Ref: apiId });
    expect(alarms[0]!.p).toMatchObject({ Statistic: 'Sum', Threshold: 1 });
  });

  it('alarms on the age of the reminder queue (the queue the sender consumes)', () => {
    const json = templates[stage];
    const consumed = resourcesOf(json, 'AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties!.EventSourceArn['Fn::GetAtt'][0] as string);
    expect(consumed.some((id) => /RemindersQueue/.test(id))).toBe(true);
    for (const id of consumed) {
      const alarms = alarmsOf(json).filter(({ p }) => p.MetricName === 'ApproximateAgeOfOldestMessage' && dimension(p, 'QueueName')?.['Fn::GetAtt']?.[0] === id);
      expect(alarms, id).toHaveLength(1);
      expect(alarms[0]!.p).toMatchObject({ Statistic: 'Maximum', Threshold: QUEUE_AGE_ALARM_SECONDS });
    }
  });

  it('alarms on the oldest overdue Wonen item, a metric the dispatcher reports from a Query on the queue index', () => {
    const json = templates[stage];
    const alarms = alarmsOf(json).filter(({ p }) => p.Namespace === METRIC_NAMESPACE && p.MetricName === 'WonenOldestOverdueWerkdagen');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.p).toMatchObject({ Statistic: 'Maximum', Threshold: WONEN_OVERDUE_ALARM_WERKDAGEN, Dimensions: [{ Name: 'stage', Value: stage }] });

    const [dispatcherId, dispatcher] = resourcesOf(json, 'AWS::Lambda::Function').find(([, fn]) => /due reminders/.test(String(fn.Properties!.Description)))!;
    expect(dispatcher.Properties!.Environment.Variables.WONEN_REGIOS, dispatcherId).toBe('amsterdam');
    const roleId = dispatcher.Properties!.Role['Fn::GetAtt'][0];
    const statements = resourcesOf(json, 'AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties!.Roles.some((role: any) => role.Ref === roleId))
      .flatMap(([, policy]) => list<any>(policy.Properties!.PolicyDocument.Statement));
    const queueIndexQuery = statements.find((s) => s.Action === 'dynamodb:Query' && JSON.stringify(s.Resource).includes(`/index/${TABLE.indexes.byQueue.name}`));
    expect(queueIndexQuery).toBeDefined();
    expect(statements.flatMap((s) => list<string>(s.Action))).not.toContain('dynamodb:Scan');
  });

  it('sends every alarm of the stack (also those of reminders and privacy) to the one topic, firing and clearing', () => {
    const json = templates[stage];
    const topic = topicId(json);
    const alarms = alarmsOf(json);
    expect(alarms.length).toBeGreaterThan(20);
    for (const { id, p } of alarms) {
      expect(p.AlarmActions, id).toEqual([{ Ref: topic }]);
      expect(p.OKActions, id).toEqual([{ Ref: topic }]);
    }
    // The concerns' own alarms are among them.
    for (const name of ['DeadLettersAlarm', 'NeedsAttentionAlarm', 'InDoubtAlarm', 'AuditWriteFailedAlarm', 'SweeperFailedAlarm']) {
      expect(alarms.some(({ id }) => id.includes(name)), name).toBe(true);
    }
  });

  it('encrypts the topic with a rotated key that CloudWatch may use, and allows TLS only', () => {
    const json = templates[stage];
    const topic = json.Resources[topicId(json)]!;
    const keyId = topic.Properties!.KmsMasterKeyId?.['Fn::GetAtt']?.[0];
    expect(json.Resources[keyId]?.Type).toBe('AWS::KMS::Key');
    const key = json.Resources[keyId]!.Properties!;
    expect(key.EnableKeyRotation).toBe(true);
    const cloudwatch = list<any>(key.KeyPolicy.Statement).find((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com');
    expect(list(cloudwatch.Action).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    const [, policy] = resourcesOf(json, 'AWS::SNS::TopicPolicy')[0]!;
    expect(list<any>(policy.Properties!.PolicyDocument.Statement).some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
  });

  it('subscribes the alarm e-mail address when the stage names one', () => {
    const json = templates[stage];
    const subscriptions = resourcesOf(json, 'AWS::SNS::Subscription').map(([, s]) => s.Properties!);
    const email = configs[stage].alarmEmail;
    if (email) expect(subscriptions).toEqual([expect.objectContaining({ Protocol: 'email', Endpoint: email, TopicArn: { Ref: topicId(json) } })]);
    else expect(subscriptions).toEqual([]);
  });

  it('tells every function its name and stage (log lines and the metrics’ stage dimension)', () => {
    // CDK's own BucketDeployment handler (present when web/dist is built) is not ours: it logs nothing of ours.
    const ours = (resourcesOf(templates[stage], 'AWS::Lambda::Function') as [string, CfnResource][]).filter(([id]) => !id.startsWith('CustomCDKBucketDeployment'));
    for (const [id, fn] of ours) {
      expect(fn.Properties!.Environment.Variables.OMSLAGROUTE_STAGE, id).toBe(stage);
      expect(fn.Properties!.Environment.Variables.OMSLAGROUTE_FUNCTION, id).toMatch(/^[a-z0-9-]+$/);
    }
  });
});

describe('coverage is generic', () => {
  it('covers a function and a failure queue a later concern adds after Operations', () => {
    expect(configs.prod.alarmEmail).toBeDefined();
    expect(configs.dev.alarmEmail).toBeUndefined();
    const json = templates.dev;
    const [fnId] = resourcesOf(json, 'AWS::Lambda::Function').find(([id]) => id.startsWith('LateConcern'))!;
    const [queueId] = resourcesOf(json, 'AWS::SQS::Queue').find(([id]) => id.startsWith('LateConcern'))!;
    const alarms = alarmsOf(json);
    expect(alarms.some(({ p }) => p.MetricName === 'Errors' && dimension(p, 'FunctionName')?.Ref === fnId)).toBe(true);
    expect(alarms.some(({ p }) => p.MetricName === 'ApproximateNumberOfMessagesVisible' && dimension(p, 'QueueName')?.['Fn::GetAtt']?.[0] === queueId)).toBe(true);
  });
});
