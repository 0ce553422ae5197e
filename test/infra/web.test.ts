/**
 * The web app's hosting construct (infra/constructs/web.ts) on its own, without bundling a function: the CloudFront
 * Functions' rewrites (run as CloudFront would, on a viewer-request event), a stage with its own domain and
 * certificate, and a synth without `web/dist`. The full stage's template (OAC, /api/*, headers) is in stacks.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { afterAll, describe, expect, it } from 'vitest';
import { stageConfig, webOrigin, type StageConfig } from '../../infra/config.js';
import { loginHost } from '../../infra/constructs/identity.js';
import { contentSecurityPolicy, SPA_FALLBACK_SOURCE, STRIP_API_PREFIX_SOURCE, Web, webRuntimeConfig } from '../../infra/constructs/web.js';
import { cdkContext } from './synth.js';

const scratch = mkdtempSync(join(tmpdir(), 'omslagroute-web-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A CloudFront Function's handler, evaluated from its source (plain ES5-style JS, as the JS 2.0 runtime runs it). */
function cloudFrontFunction(source: string): (event: { request: { uri: string; querystring?: object } }) => { uri: string; querystring?: object } {
  return new Function(`${source}\nreturn handler;`)() as never;
}

function webStack(config: StageConfig, distDir: string): { stack: Stack; template: Template } {
  const app = new App({ context: cdkContext(), outdir: join(scratch, `out-${Math.random().toString(36).slice(2)}`) });
  const stack = new Stack(app, 'WebTest', { env: config.env });
  const httpApi = new HttpApi(stack, 'Api', { createDefaultStage: true });
  new Web(stack, 'Web', { config, httpApi, distDir, jwt: { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TEST', audience: ['web-client-id'] } });
  return { stack, template: Template.fromStack(stack) };
}

describe('deep links (viewer request of the app)', () => {
  const handler = cloudFrontFunction(SPA_FALLBACK_SOURCE);
  const uri = (path: string) => handler({ request: { uri: path } }).uri;

  it('serves index.html for every route of the app, also with the link a reminder mail carries', () => {
    expect(uri('/')).toBe('/index.html');
    expect(uri('/cases/00000000-0000-4000-8000-000000000000')).toBe('/index.html');
    expect(uri('/auth/callback')).toBe('/index.html');
    expect(uri('/termijnen/')).toBe('/index.html');
  });

  it('leaves files and the API alone', () => {
    expect(uri('/index.html')).toBe('/index.html');
    expect(uri('/assets/index-3f2a9c.js')).toBe('/assets/index-3f2a9c.js');
    expect(uri('/favicon.ico')).toBe('/favicon.ico');
    expect(uri('/api/cases')).toBe('/api/cases');
    expect(uri('/api')).toBe('/api');
  });
});

describe('the /api prefix (viewer request of /api/*)', () => {
  const handler = cloudFrontFunction(STRIP_API_PREFIX_SOURCE);

  it('strips it, and keeps the query string', () => {
    const querystring = { phase: { value: 'wachtlijst' } };
    expect(handler({ request: { uri: '/api/cases', querystring } })).toEqual({ uri: '/cases', querystring });
    expect(handler({ request: { uri: '/api/cases/1/forms/aanbod' } }).uri).toBe('/cases/1/forms/aanbod');
    expect(handler({ request: { uri: '/api' } }).uri).toBe('/');
    expect(handler({ request: { uri: '/apiary' } }).uri).toBe('/apiary');
  });
});

describe('a stage with its own domain', () => {
  const base = stageConfig('acc');
  const certificateArn = 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000';
  const config: StageConfig = {
    ...base,
    web: { certificateArn },
    identity: { ...base.identity, loginDomain: { domainName: 'login.acc.omslagroute.example.org', certificateArn } },
  };

  it('answers on the host of appBaseUrl with the certificate, TLS 1.2 at least, and names the custom login host in the CSP', () => {
    // No dist: the deployment (and the 20 MB AWS CLI layer it stages) is not what this test is about.
    const { template } = webStack(config, join(scratch, 'no-dist'));
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['acc.omslagroute.example.org'],
        ViewerCertificate: { AcmCertificateArn: certificateArn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      }),
    });
    expect(loginHost(config)).toBe('login.acc.omslagroute.example.org');
    expect(contentSecurityPolicy(config)).toContain("form-action 'self' https://login.acc.omslagroute.example.org");
    expect(template.toJSON().Outputs.WebUrl.Value).toBe('https://acc.omslagroute.example.org');
  });
});

describe('synth without a built web app', () => {
  it('still makes bucket and distribution, deploys nothing and warns', () => {
    const { stack, template } = webStack(stageConfig('dev'), join(scratch, 'no-such-dist'));
    template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    template.resourceCountIs('Custom::CDKBucketDeployment', 0);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('has no index.html'));
    expect(warnings).toHaveLength(1);
  });
});

describe('appBaseUrl from the command line (-c appBaseUrl=…)', () => {
  it('takes an https origin and refuses anything else', () => {
    expect(stageConfig('dev', { appBaseUrl: 'https://d111111abcdef8.cloudfront.net/' }).appBaseUrl).toBe('https://d111111abcdef8.cloudfront.net');
    expect(webOrigin('https://omslagroute.example.org')).toBe('https://omslagroute.example.org');
    expect(() => webOrigin('http://omslagroute.example.org')).toThrow(/https origin/);
    expect(() => webOrigin('https://omslagroute.example.org/app')).toThrow(/without a path/);
    expect(() => webOrigin('omslagroute')).toThrow(/not a URL/);
  });
});

describe('the app’s runtime configuration (config.json beside the build)', () => {
  const jwt = { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TEST', audience: ['web-client-id'] };

  it('names the user pool as the OpenID authority, its web client, the API under /api and Cognito’s logout URL', () => {
    const config = stageConfig('acc');
    const runtime = webRuntimeConfig(config, jwt);
    expect(runtime).toMatchObject({ authority: jwt.issuer, clientId: 'web-client-id', apiBase: '/api', environment: 'acc' });
    const logout = new URL(runtime.logoutUrl!);
    expect(logout.host).toBe(loginHost(config));
    expect(logout.pathname).toBe('/logout');
    expect(logout.searchParams.get('client_id')).toBe('web-client-id');
    expect(logout.searchParams.get('logout_uri')).toBe(new URL('/', config.appBaseUrl).toString());
    expect(webRuntimeConfig(stageConfig('prod'), jwt).environment).toBeUndefined();
  });

  it('is deployed with the pages (not the immutable assets): the pages deployment has the build and config.json', () => {
    const dist = mkdtempSync(join(scratch, 'dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="nl"><title>t</title></html>');
    const { template } = webStack(stageConfig('dev'), dist);
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment')) as Array<{ Properties: { SourceObjectKeys: unknown[] } }>;
    expect(deployments.map((d) => d.Properties.SourceObjectKeys.length).sort()).toEqual([1, 2]);
  });
});
