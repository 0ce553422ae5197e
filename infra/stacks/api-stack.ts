/**
 * The stateless side of a stage: functions, the HTTP API and the web app's hosting (CloudFront + S3, which needs the
 * API as its `/api/*` origin); the other stateless concerns (reminders, the Wonen inbox processor, mail and bounces,
 * monitoring). It can be destroyed and redeployed at any time: it owns
 * no data (its log groups are retained in acc/prod by the stage config).
 *
 * How a concern is added, e.g. reminders:
 *   1. `infra/constructs/reminders.ts`: `export class Reminders extends Construct` taking `{ config, table, ... }`;
 *      it builds its functions with `nodeFunction(this, 'reminder-dispatch', { config, timeout })`, grants them
 *      with `grantTable(fn, table, 'readWrite')`, and exposes what others need (queues, functions) as properties.
 *   2. Instantiate it below, after the HTTP API, passing `props.table`.
 *   3. Assertions for it go in test/infra/stacks.test.ts (the shared synth there is cheap to extend).
 * Monitoring comes last and receives the other constructs (functions, queues, the API) to put alarms on them.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { ROUTES, type FunctionName } from '#http/routes.js';
import type { StageConfig } from '../config.js';
import { Api } from '../constructs/api.js';
import { grantAuditAppend, grantTable, nodeFunction, type TableAccess } from '../constructs/functions.js';
import type { JwtTrust } from '../constructs/identity.js';
import { MailEvents } from '../constructs/mail-events.js';
import { Operations } from '../constructs/operations.js';
import { Privacy } from '../constructs/privacy.js';
import { Reminders } from '../constructs/reminders.js';
import { Web } from '../constructs/web.js';

/**
 * Least privilege per HTTP function. Typed on FunctionName: a new function in routes.ts does not compile until it
 * is given an access level here. `none`: the function gets no table access and no TABLE_NAME.
 *
 * Every function behind an authenticated route also writes audit entries (shared/http/handler.ts): a `read`
 * function additionally gets `grantAuditAppend` (PutItem on audit partitions only); `readWrite` already can.
 */
export const HTTP_FUNCTION_ACCESS: Readonly<Record<FunctionName, TableAccess | 'none'>> = {
  health: 'none',
  openapi: 'none',
  'not-found': 'none',
  'get-case': 'read',
  'list-cases': 'read',
  'case-deadlines': 'read',
  'list-deadlines': 'read',
  // Reads the organisation's bounce records; clearing one is a PutItem on `BOUNCE#` items only (infra/constructs/mail-events.ts).
  'mail-bounces': 'read',
  'audit-log': 'read',
  'export-case': 'read',
  'wonen-queue': 'read',
  'monitor-figures': 'read',
  // Reads the user pool (cognito-idp:ListUsers, granted in infra/stage.ts); the table only for its audit entries.
  'organisation-users': 'read',
  'create-case': 'readWrite',
  'submit-form': 'readWrite',
  'form-drafts': 'readWrite',
  'record-consent': 'readWrite',
  'answer-akkoord': 'readWrite',
  'revoke-retention': 'readWrite',
  'wonen-item-status': 'readWrite',
  'unmatched-mail': 'readWrite',
};

/** Functions that serve an authenticated route, and so record an audit entry per request. */
export function isAudited(name: FunctionName): boolean {
  return ROUTES.some((route) => route.function === name && route.authenticated);
}

export interface ApiStackProps extends StackProps {
  readonly config: StageConfig;
  readonly table: ITableV2;
  /** Issuer and audience the JWT authorizer trusts (the stateful stack's user pool unless the stage overrides it). */
  readonly jwt: JwtTrust;
  /** The built web app (`web/dist`), deployed behind CloudFront by `Web` when it has an index.html. */
  readonly webDist: string;
}

export class ApiStack extends Stack {
  readonly functions: Readonly<Record<FunctionName, NodejsFunction>>;
  readonly api: Api;
  readonly operations: Operations;
  readonly privacy: Privacy;
  readonly web: Web;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, table } = props;

    const functions = {} as Record<FunctionName, NodejsFunction>;
    for (const [name, access] of Object.entries(HTTP_FUNCTION_ACCESS) as [FunctionName, TableAccess | 'none'][]) {
      // ALLOWED_ORIGINS: the handler's own CORS (used by the local server); on AWS the HTTP API answers CORS itself.
      const fn = nodeFunction(this, name, { config, environment: { ALLOWED_ORIGINS: config.corsOrigins.join(',') } });
      if (isAudited(name) && access === 'none') throw new Error(`'${name}' serves an authenticated route, so it writes audit entries: give it table access`);
      if (access !== 'none') grantTable(fn, table, access);
      if (isAudited(name) && access === 'read') grantAuditAppend(fn, table);
      functions[name] = fn;
    }
    this.functions = functions;

    this.api = new Api(this, 'Http', { config, routes: ROUTES, functions, jwt: props.jwt });

    // The werkplek: S3 + CloudFront, the API on the same origin under /api/* (infra/constructs/web.ts).
    this.web = new Web(this, 'Web', { config, httpApi: this.api.httpApi, distDir: props.webDist, jwt: props.jwt });

    // Later stateless concerns go here (see the comment at the top).
    this.privacy = new Privacy(this, 'Privacy', { config, table, functions });
    const reminders = new Reminders(this, 'Reminders', { config, table });
    // Bounces and complaints: SES events → undeliverable addresses; every mail path reads them before sending.
    new MailEvents(this, 'MailEvents', { config, table, configurationSet: reminders.configurationSet, mailSenders: [reminders.sender], bouncesApi: functions['mail-bounces'] });

    // Monitoring: the alarm topic, the Wonen backlog metric and the API 5xx alarm; at synth it adds an alarm for every
    // function and queue of this stack (also those added after this line or by infra/stage.ts) and the topic to every alarm.
    this.operations = new Operations(this, 'Operations', { config, table, api: this.api, wonenBacklogReporter: reminders.dispatcher });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
  }
}
