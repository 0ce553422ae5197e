/**
 * The identity construct (infra/constructs/identity.ts) for a stage whose managed login has a custom domain; the
 * prefix-domain stages, the trigger and the client are asserted on the full stage in stacks.test.ts.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { stageConfig, type StageConfig } from '../../infra/config.js';
import { Identity, loginHost } from '../../infra/constructs/identity.js';
import { cdkContext } from './synth.js';

const outdir = mkdtempSync(join(tmpdir(), 'omslagroute-identity-cdk-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

it('puts managed login (version 2) on the configured custom domain with its certificate', () => {
  const base = stageConfig('prod');
  const certificateArn = 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000';
  const config: StageConfig = { ...base, identity: { ...base.identity, loginDomain: { domainName: 'login.omslagroute.example.org', certificateArn } } };
  const app = new App({ outdir, context: cdkContext() });
  const stack = new Stack(app, 'IdentityTest', { env: config.env });
  new Identity(stack, 'Identity', { config });
  const template = Template.fromStack(stack);

  const domains = Object.values(template.findResources('AWS::Cognito::UserPoolDomain'));
  expect(domains).toHaveLength(1);
  expect(domains[0]!.Properties).toMatchObject({ Domain: 'login.omslagroute.example.org', ManagedLoginVersion: 2, CustomDomainConfig: { CertificateArn: certificateArn } });
  expect(loginHost(config)).toBe('login.omslagroute.example.org');
}, 120_000);
