/**
 * One stage of the system: `Omslagroute-<stage>-Stateful` and `Omslagroute-<stage>-Api`. Used by infra/app.ts (the
 * CDK CLI's entry point) and by the template tests, so both synthesise exactly the same wiring.
 */
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { StageConfig } from './config.js';
import { PROJECT_ROOT } from './constructs/functions.js';
import { ApiStack } from './stacks/api-stack.js';
import { StatefulStack } from './stacks/stateful-stack.js';
import { addWonenInbox } from './constructs/wonen-inbox.js';

export interface OmslagrouteStage {
  readonly stateful: StatefulStack;
  readonly api: ApiStack;
}

export function stackName(config: StageConfig, part: 'Stateful' | 'Api'): string {
  return `Omslagroute-${config.stage}-${part}`;
}

/** Where `npm run build:web` (vite) writes the web app; infra/constructs/web.ts deploys it when it has an index.html. */
export const WEB_DIST = join(PROJECT_ROOT, 'web', 'dist');

export interface StageOptions {
  /** The built web app; default `web/dist`. Tests pass a directory of their own. */
  readonly webDist?: string;
}

export function createStage(app: App, config: StageConfig, options: StageOptions = {}): OmslagrouteStage {
  // Stack tags must be explicit (feature flag @aws-cdk/core:explicitStackTags); CloudFormation copies them to every resource.
  const tags = { project: 'omslagroute', stage: config.stage };
  const env = config.env;

  const stateful = new StatefulStack(app, stackName(config, 'Stateful'), {
    config,
    env,
    tags,
    description: `Omslagroute ${config.stage}: data and identity (table, KMS key, user pool)`,
    terminationProtection: config.deletionProtection,
  });
  const api = new ApiStack(app, stackName(config, 'Api'), {
    config,
    env,
    tags,
    description: `Omslagroute ${config.stage}: functions, HTTP API and the web app's hosting`,
    table: stateful.data.table,
    jwt: config.jwt ?? stateful.identity.jwt,
    webDist: options.webDist ?? WEB_DIST,
  });
  // The woonzaken inbox bucket + receipt rule (stateful), inbound-mail + digest (api); the sweeper erases mail parts;
  // the unmatched list reads their text.
  addWonenInbox(config, stateful, api, { eraser: api.privacy.sweeper, mailReader: api.functions['unmatched-mail'] });
  // The organisation's users (Beheer): ListUsers on the stage's own user pool, nothing else of it.
  grantListUsers(api.functions['organisation-users'], stateful.identity.userPool);
  return { stateful, api };
}

export function grantListUsers(fn: NodejsFunction, userPool: IUserPool): void {
  fn.addEnvironment('USER_POOL_ID', userPool.userPoolId);
  fn.addToRolePolicy(new PolicyStatement({ actions: ['cognito-idp:ListUsers'], resources: [userPool.userPoolArn] }));
}
