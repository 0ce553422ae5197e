/**
 * Synthesises stages once for a whole test file: one App holding several stages, so each function is bundled once
 * (the asset cache is shared across stacks with equal bundling options). The App gets cdk.json's context, so the
 * feature flags are the ones `cdk synth` uses.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { stageConfig, type StageConfig, type StageName } from '../../infra/config.js';
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

export function synthesize(stages: StageName[]): Synthesized {
  const started = performance.now();
  const outdir = mkdtempSync(join(tmpdir(), 'omslagroute-cdk-'));
  // Path and asset metadata are what the CLI turns on by default; the tests use them to find functions and bundles.
  const app = new App({
    outdir,
    context: { ...cdkContext(), 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true },
  });
  const configs = stages.map((stage) => stageConfig(stage));
  for (const config of configs) createStage(app, config);
  const assembly = app.synth();

  const load = (name: string): SynthesizedStack => {
    const artifact = assembly.getStackByName(name);
    const json = artifact.template as CfnTemplate;
    return { artifact, json, template: Template.fromJSON(json) };
  };
  const result = {} as Record<StageName, SynthesizedStage>;
  for (const config of configs) {
    result[config.stage] = { config, stateful: load(stackName(config, 'Stateful')), api: load(stackName(config, 'Api')) };
  }
  return {
    outdir,
    stages: result,
    milliseconds: Math.round(performance.now() - started),
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/** Resources of one type, by logical id. */
export function resourcesOf(json: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(json.Resources).filter(([, resource]) => resource.Type === type);
}

/** `Omslagroute-prod-Api/CreateCase/Resource` → `CreateCase`. */
export function constructIdOf(resource: CfnResource): string {
  return String(resource.Metadata?.['aws:cdk:path'] ?? '').split('/')[1] ?? '';
}
