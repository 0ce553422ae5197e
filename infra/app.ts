/**
 * CDK entry point (`cdk.json`: `npx tsx infra/app.ts`). One stage per run: `npx cdk synth -c stage=prod`
 * (dev|acc|prod, default dev); per-stage settings live in infra/config.ts; `-c appBaseUrl=https://…` sets the web
 * app's address for a stage without its own domain (see infra/config.ts).
 *
 * Layout — infra mirrors code, one construct per concern:
 *   infra/config.ts              per-stage knobs (retention, CORS, throttling, mail, alarms, …)
 *   infra/stage.ts               the two stacks of a stage and how they are wired
 *   infra/stacks/stateful-stack  data that must survive a deploy: Data (table + KMS key), Identity (user pool,
 *                                managed login domain, web client, pre-token-generation trigger)
 *   infra/stacks/api-stack       everything stateless: the HTTP functions and Api, Web (CloudFront + S3 for the
 *                                web app, the API under /api/*); later concerns join here
 *   infra/constructs/*.ts        one construct per concern; functions.ts holds nodeFunction() and grantTable()
 *
 * Adding a concern (reminders: Scheduler + SQS + DLQ + SES; Wonen inbox: SES receipt rule + S3 + Lambda; mail and
 * bounces; monitoring):
 *   - write `infra/constructs/<concern>.ts` as a Construct that takes `{ config, …what it needs }` and exposes what
 *     others need as readonly properties;
 *   - its functions are `nodeFunction(this, '<name>', { config, timeout })` for `functions/<name>.ts`, and get data
 *     access only through `grantTable(fn, table, 'read' | 'readWrite')` (which also sets TABLE_NAME);
 *   - things that keep data (an S3 bucket with mail, an SES identity) go into StatefulStack; queues, schedules,
 *     functions and alarms go into ApiStack (the stateless stack); pass stateful resources across as props;
 *   - new per-stage knobs go into StageConfig with a value for every stage;
 *   - assert on it in test/infra/stacks.test.ts; keep IAM statements off `*`.
 *
 * Synth is fully offline: no lookups, the region comes from infra/config.ts and the account stays unresolved unless
 * `-c account=…` is given; notices and CLI telemetry are off in cdk.json (CDK_DISABLE_VERSION_CHECK=1 skips the
 * CLI's version check, which only runs on a terminal).
 */
import { App } from 'aws-cdk-lib';
import { stageConfig } from './config.js';
import { createStage } from './stage.js';

const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

const config = stageConfig(context('stage') ?? 'dev', { account: context('account'), region: context('region'), appBaseUrl: context('appBaseUrl') });

createStage(app, config);
app.synth();
