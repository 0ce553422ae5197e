/**
 * Template tests for the privacy construct (infra/constructs/privacy.ts): the daily retention sweep in Dutch time, the
 * sweeper's least-privilege grants, the same retention policy for every function, and the alarms.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { stageConfig } from '../../infra/config.js';
import { Data } from '../../infra/constructs/data.js';
import { Privacy, retentionEnvironment } from '../../infra/constructs/privacy.js';
import { cdkContext } from './synth.js';

let template: Template;

beforeAll(() => {
  const config = stageConfig('prod');
  const app = new App({ context: cdkContext() });
  const stack = new Stack(app, 'PrivacyTest', { env: config.env });
  const data = new Data(stack, 'Data', { config });
  const getCase = new LambdaFunction(stack, 'GetCase', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('export const handler = async () => ({})') });
  new Privacy(stack, 'Privacy', { config, table: data.table, functions: { 'get-case': getCase } });
  template = Template.fromStack(stack);
}, 180_000);

type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };

function sweeperStatements(): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^PrivacyRetentionSweeperRole') }] } });
  return Object.values(policies).flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement);
}

describe('retention sweeper', () => {
  it('runs daily at 03:30 Europe/Amsterdam, with retries', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 3 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Amsterdam',
      State: 'ENABLED',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PrivacyRetentionSweeper'), 'Arn'] }, RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }) }),
    });
  });

  it('has the retention policy and the table in its environment, and a timeout for a long sweep', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('erase closed cases'),
      Timeout: 300,
      Environment: { Variables: Match.objectLike({ ...retentionEnvironment(), TABLE_NAME: Match.anyValue() }) },
    });
  });

  it('may only query case partitions and the retention queue, and update case and reference items', () => {
    const dynamo = sweeperStatements().filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
    const actions = dynamo.flatMap((s) => [s.Action].flat()).sort();
    expect(actions).toEqual(['dynamodb:Query', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    for (const statement of dynamo) expect(JSON.stringify(statement.Resource)).not.toBe('"*"');
    const leading = (action: string) => dynamo.find((s) => s.Action === action && s.Condition)?.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
    expect(leading('dynamodb:UpdateItem')).toEqual(['CASE#*', 'REF#*']);
    expect(leading('dynamodb:Query')).toEqual(['CASE#*']);
    const indexQuery = dynamo.find((s) => s.Action === 'dynamodb:Query' && !s.Condition);
    expect(JSON.stringify(indexQuery?.Resource)).toContain('/index/GSI3');
    // Never Scan, never Delete (TTL deletes), never the audit trail.
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions).not.toContain('dynamodb:DeleteItem');
    expect(JSON.stringify(dynamo)).not.toContain('AUDIT');
  });
});

describe('the HTTP functions', () => {
  it('get the same retention policy (the planner and the audit middleware run there)', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Environment: { Variables: Match.objectLike(retentionEnvironment()) },
    });
  });
});

describe('alarms', () => {
  it('alarms on any failed audit write and any failed sweep', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'Omslagroute',
      MetricName: 'AuditWriteFailed',
      Dimensions: [{ Name: 'service', Value: 'omslagroute-api' }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^PrivacyRetentionSweeper') } }],
      Threshold: 1,
    });
  });
});
