/**
 * How every Lambda function of the system is built and given data access. Two helpers, used by every concern:
 *
 * - `nodeFunction(scope, name, props)` bundles `functions/<name>.ts` (which exports `handler`) with the locally
 *   installed esbuild, and gives it its own role and log group.
 * - `grantTable(fn, table, access)` grants the function exactly the table actions it needs and sets TABLE_NAME, in
 *   one call, so "has access" and "knows the table" can never drift apart. `grantAuditAppend(fn, table)` adds the
 *   one write an audited read function needs.
 *
 * Bundling decisions (measured on this code base, see test/infra/stacks.test.ts for the per-function sizes):
 * - ESM output (`index.mjs`), packages' ES builds first (`mainFields: module, main`): the code is ESM (middy 6 ships
 *   ESM only) and the SDK's ES builds tree-shake ~200 KB better than its CommonJS ones. CommonJS code inside an ES
 *   module bundle has no `require`; esbuild 0.28 rewrites `require()` of Node built-ins, but not every dynamic
 *   `require(x)` / `require.resolve` a dependency may do, hence the `createRequire` banner (free when unused).
 * - The AWS SDK is bundled (`externalModules: []`), not taken from the runtime: `@aws-sdk/lib-dynamodb` and
 *   `@aws-sdk/client-dynamodb` must match, the runtime's copy changes under us without a deploy, and what we run
 *   is what the tests ran. Cost: ~0.21 MB per bundle for a DynamoDB client (minified, with the credential
 *   swap below; 0.35 MB before, 2026-11); one file to parse instead of hundreds under /var/runtime. `npm run bench`
 *   prints every bundle against its budget.
 * - The SDK's Node credential chain is replaced by the environment provider (`BUNDLE_ALIASES` in infra/bundling.ts,
 *   shared/adapters/lambda-credentials.ts): on Lambda the environment is the provider that answers; the rest of the
 *   chain was ~135 kB per bundle (issue 15).
 * - Source maps without `sourcesContent`: `--enable-source-maps` only needs the mappings to print TypeScript stack
 *   traces; shipping the sources would double the asset.
 * - `forceDockerBundling: false` and esbuild in devDependencies: NodejsFunction only falls back to Docker when it
 *   cannot find esbuild; there is no Docker on CI or here.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing, type Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { keys } from '#adapters/dynamo/table.js';
import { BUNDLE_ALIASES, ESM_REQUIRE_BANNER } from '../bundling.js';
import type { StageConfig } from '../config.js';

/** The repository root: esbuild's working directory, where package.json (with its "imports" aliases) lives. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FUNCTIONS_DIR = join(PROJECT_ROOT, 'functions');

/**
 * Lambda's Node 20 runtime is deprecated. 22 rather than 24: the closest to the Node 20 the tests run the same code
 * on, and AWS SDK releases from 2027 need ≥ 22. Move to NODEJS_24_X together with local Node (and `target`).
 */
export const NODE_RUNTIME = Runtime.NODEJS_22_X;


export interface NodeFunctionProps {
  readonly config: StageConfig;
  readonly description?: string;
  /** Default 10 s: an HTTP function answers well inside API Gateway's 30 s. Queue consumers set their own, below the visibility timeout. */
  readonly timeout?: Duration;
  /** Default 512 MB (CPU scales with memory; 512 keeps cold starts of a ~1 MB bundle short). */
  readonly memorySize?: number;
  /** Extra variables; TABLE_NAME comes from `grantTable`, never from here. */
  readonly environment?: Readonly<Record<string, string>>;
}

/** `create-case` → `CreateCase`: the construct id of a function (readable logical ids; `<id>Logs`, `<id>Role`). */
export function functionConstructId(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

/**
 * A Lambda function for `functions/<name>.ts`: Node 22 on arm64, ESM bundle with source maps, its own log group with
 * the stage's retention, and its own role that can write to that log group only (no AWSLambdaBasicExecutionRole,
 * whose `logs:*` statements are on `*`). Data access is added with `grantTable`.
 */
export function nodeFunction(scope: Construct, name: string, props: NodeFunctionProps): NodejsFunction {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) throw new Error(`Invalid function name '${name}': use kebab-case like functions/<name>.ts`);
  const entry = join(FUNCTIONS_DIR, `${name}.ts`);
  if (!existsSync(entry)) throw new Error(`No handler file for function '${name}': expected ${entry}`);
  const { config } = props;
  const id = functionConstructId(name);

  const logGroup = new LogGroup(scope, `${id}Logs`, {
    retention: config.logRetention,
    removalPolicy: config.logRemovalPolicy,
  });
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `Omslagroute ${config.stage} function ${name}`,
  });
  logGroup.grantWrite(role);

  const fn = new NodejsFunction(scope, id, {
    entry,
    handler: 'handler',
    description: props.description ?? `Omslagroute ${config.stage} ${name}`,
    runtime: NODE_RUNTIME,
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize ?? 512,
    timeout: props.timeout ?? Duration.seconds(10),
    role,
    logGroup,
    tracing: config.tracing ? Tracing.ACTIVE : undefined,
    projectRoot: PROJECT_ROOT,
    depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
    environment: {
      NODE_OPTIONS: '--enable-source-maps',
      APP_BASE_URL: config.appBaseUrl,
      // Log lines and metrics (shared/observability): which function wrote them, and the metrics' `stage` dimension.
      OMSLAGROUTE_FUNCTION: name,
      OMSLAGROUTE_STAGE: config.stage,
      ...props.environment,
    },
    bundling: {
      format: OutputFormat.ESM,
      target: 'node22',
      minify: true,
      sourceMap: true,
      sourcesContent: false,
      // Prefer packages' ES module builds: better tree shaking of the SDK.
      mainFields: ['module', 'main'],
      banner: ESM_REQUIRE_BANNER,
      externalModules: [],
      esbuildArgs: { '--alias': Object.entries(BUNDLE_ALIASES).map(([name, path]) => `${name}=${path}`) },
      forceDockerBundling: false,
      logLevel: LogLevel.ERROR,
    },
  });
  return fn;
}

export type TableAccess = 'read' | 'readWrite';

/**
 * Item-level actions only: no Scan (the code never scans), no PartiQL, no streams, no table management.
 * Transactions need no action of their own: DynamoDB authorises each Put/Update/ConditionCheck inside one.
 */
export const TABLE_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  readWrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
  ],
};

/** What DynamoDB asks KMS on the caller's behalf for a customer-managed table key (same sets CDK's grantReadData/grantReadWriteData use). */
export const KEY_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  read: ['kms:Decrypt', 'kms:DescribeKey'],
  readWrite: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
};

/**
 * Gives `fn` read or read-write access to the table (and its indexes, and its KMS key) and sets TABLE_NAME.
 * Statements go on the function's own role: the key policy delegates to IAM, so the stateful stack is never
 * edited by a stateless one (no cross-stack cycle, no key-policy churn on deploy).
 */
export function grantTable(fn: LambdaFunction, table: ITableV2, access: TableAccess): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: [...TABLE_ACTIONS[access]],
      resources: [table.tableArn, `${table.tableArn}/index/*`],
    }),
  );
  grantKey(fn, table, access);
  fn.addEnvironment('TABLE_NAME', table.tableName);
}

function grantKey(fn: LambdaFunction, table: ITableV2, access: TableAccess): void {
  if (table.encryptionKey) {
    fn.addToRolePolicy(new PolicyStatement({ actions: [...KEY_ACTIONS[access]], resources: [table.encryptionKey.keyArn] }));
  }
}

/** Partition-key prefixes of audit entries, from the shared key builders (`AUDIT#<caseId>`, `AUDITORG#<org>`). */
export const AUDIT_PARTITION_PREFIXES: readonly string[] = [keys.auditPartition(''), keys.auditOrganisation('', '', '').PK];

/**
 * Lets a function that otherwise only reads append audit entries (shared/http/handler.ts records every authenticated
 * request, reads included: "no audit, no access"). PutItem only, and only on items whose partition key starts with an
 * audit prefix (`dynamodb:LeadingKeys`): a read function can never overwrite a case. Sets TABLE_NAME too.
 */
export function grantAuditAppend(fn: LambdaFunction, table: ITableV2): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['dynamodb:PutItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': AUDIT_PARTITION_PREFIXES.map((prefix) => `${prefix}*`) } },
    }),
  );
  grantKey(fn, table, 'readWrite');
  fn.addEnvironment('TABLE_NAME', table.tableName);
}
