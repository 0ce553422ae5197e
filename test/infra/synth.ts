/**
 * Synthesises stages once for a whole test file: one App holding several stages, so each function is bundled once
 * (the asset cache is shared across stacks with equal bundling options). The App gets cdk.json's context, so the
 * feature flags are the ones `cdk synth` uses. `synthesize` runs it in a child process (see there).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { CloudAssembly, type CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { stageConfig, type StageConfig, type StageName } from '../../infra/config.js';
import { Data } from '../../infra/constructs/data.js';
import { PROJECT_ROOT } from '../../infra/constructs/functions.js';
import { createStage, stackName } from '../../infra/stage.js';

export type CfnResource = { Type: string; Properties?: Record<string, any>; Metadata?: Record<string, any>; DeletionPolicy?: string };
export type CfnTemplate = { Resources: Record<string, CfnResource>; Outputs?: Record<string, { Value: unknown }> };

export interface SynthesizedStack {
  artifact: CloudFormationStackArtifact;
  json: CfnTemplate;
  template: Template;
}

export interface SynthesizedStage {
  config: StageConfig;
  stateful: SynthesizedStack;
  api: SynthesizedStack;
}

export interface Synthesized {
  outdir: string;
  stages: Record<StageName, SynthesizedStage>;
  milliseconds: number;
  cleanup(): void;
}

export function cdkContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/**
 * A stand-in for `web/dist` (vite's output, which the tests do not build): an index.html and one hashed asset, so the
 * web app's BucketDeployments are synthesised. Returns the directory.
 */
export function tinyWebDist(parent: string): string {
  const dist = join(parent, 'web-dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="nl"><title>Omslagroute</title><script type="module" src="/assets/index-test.js"></script></html>\n');
  writeFileSync(join(dist, 'assets', 'index-test.js'), 'export {};\n');
  return dist;
}

/**
 * Synthesises in a child process (synth-child.ts, through tsx) and reads the cloud assembly it wrote. Asynchronous on
 * purpose: an in-process `app.synth()` blocks the test worker for as long as the bundling takes, and past a minute
 * (a loaded machine) vitest's worker RPC times out and fails the run with an unhandled error.
 */
export async function synthesize(stages: StageName[]): Promise<Synthesized> {
  const started = performance.now();
  const outdir = mkdtempSync(join(tmpdir(), 'omslagroute-cdk-'));
  const webDist = tinyWebDist(mkdtempSync(join(tmpdir(), 'omslagroute-web-')));
  const assembly = await synthInChild('synth-child.ts', { outdir, webDist, stages });

  const load = (name: string): SynthesizedStack => {
    const artifact = assembly.getStackByName(name);
    const json = artifact.template as CfnTemplate;
    return { artifact, json, template: Template.fromJSON(json) };
  };
  const result = {} as Record<StageName, SynthesizedStage>;
  for (const config of stages.map((stage) => stageConfig(stage))) {
    result[config.stage] = { config, stateful: load(stackName(config, 'Stateful')), api: load(stackName(config, 'Api')) };
  }
  return {
    outdir,
    stages: result,
    milliseconds: Math.round(performance.now() - started),
    cleanup: () => {
      rmSync(outdir, { recursive: true, force: true });
      rmSync(join(webDist, '..'), { recursive: true, force: true });
    },
  };
}

/**
 * Runs `test/infra/<script>` (through tsx) with `options` as JSON in argv[2]; the script synthesises into
 * `options.outdir`, which is read back as a cloud assembly. For synths too slow to run inside the test worker.
 */
export async function synthInChild(script: string, options: { outdir: string } & Record<string, unknown>): Promise<CloudAssembly> {
  const child = fileURLToPath(new URL(`./${script}`, import.meta.url));
  await promisify(execFile)(process.execPath, ['--import', 'tsx', child, JSON.stringify(options)], {
    cwd: PROJECT_ROOT,
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return new CloudAssembly(options.outdir);
}

/** What synth-child.ts runs: the stages of `synthesize`, in one App with cdk.json's context and path/asset metadata. */
export function synthesizeInProcess(options: { outdir: string; webDist: string; stages: StageName[] }): void {
  // Path and asset metadata are what the CLI turns on by default; the tests use them to find functions and bundles.
  const app = new App({
    outdir: options.outdir,
    context: { ...cdkContext(), 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true },
  });
  for (const stage of options.stages) createStage(app, stageConfig(stage), { webDist: options.webDist });
  app.synth();
}

/** Resources of one type, by logical id. */
export function resourcesOf(json: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(json.Resources).filter(([, resource]) => resource.Type === type);
}

/** `Omslagroute-prod-Api/CreateCase/Resource` → `CreateCase`. */
export function constructIdOf(resource: CfnResource): string {
  return String(resource.Metadata?.['aws:cdk:path'] ?? '').split('/')[1] ?? '';
}

export type ProbeResult = { statusCode?: number; loadError?: string; errors: string[] };

/**
 * Loads synthesised bundles in one child process (bundle-probe.mjs) with the environment Lambda would give them, and
 * invokes each with its event. DynamoDB points at a closed port: a table reader must get as far as the SDK call.
 */
export function probeBundles(probes: { file: string; event: unknown }[], environment: Record<string, string> = {}): ProbeResult[] {
  const out = execFileSync(process.execPath, [fileURLToPath(new URL('./bundle-probe.mjs', import.meta.url)), JSON.stringify(probes)], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env.PATH,
      NODE_OPTIONS: '--enable-source-maps',
      NODE_NO_WARNINGS: '1',
      TABLE_NAME: 'probe',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'probe',
      AWS_SECRET_ACCESS_KEY: 'probe',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
      AWS_MAX_ATTEMPTS: '1',
      ...environment,
    },
  });
  // The probe prints its result as the last line (a handler may log before it).
  return JSON.parse(out.trim().split('\n').pop()!) as ProbeResult[];
}

/** The bundle file of a synthesised function (asset metadata on). */
export function bundleOf(outdir: string, template: Template, logicalId: string): string {
  const resources = template.toJSON().Resources as Record<string, { Metadata: Record<string, string> }>;
  return join(outdir, resources[logicalId]!.Metadata['aws:asset:path']!, 'index.mjs');
}

/**
 * For one construct under test: an App with cdk.json's context, a stateful stack holding the real table (`Data`) and
 * an empty stack to build the construct in. `synth()` returns that stack's template; `cleanup()` removes the output.
 */
export function constructTestApp(name: string, config: StageConfig): {
  stack: Stack;
  table: ITableV2;
  outdir: string;
  synth(): Template;
  cleanup(): void;
} {
  const outdir = mkdtempSync(join(tmpdir(), `omslagroute-${name.toLowerCase()}-cdk-`));
  const app = new App({ outdir, context: { ...cdkContext(), 'aws:cdk:enable-asset-metadata': true } });
  const stateful = new Stack(app, `${name}Stateful`, { env: config.env });
  const data = new Data(stateful, 'Data', { config });
  const stack = new Stack(app, `${name}Api`, { env: config.env });
  return {
    stack,
    table: data.table,
    outdir,
    synth: () => {
      app.synth();
      return Template.fromStack(stack);
    },
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/**
 * Wildcards AWS forces on us, each with the reason; anything else on `*` fails the least-privilege tests.
 * - X-Ray (tracing in acc/prod): PutTraceSegments and PutTelemetryRecords have no resource-level permissions.
 * - SES GetAccount: the reminder sender reads the account's send rate to pace itself; it has no resource type.
 */
export const WILDCARD_RESOURCE_ALLOWED: readonly string[] = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'ses:GetAccount'];
