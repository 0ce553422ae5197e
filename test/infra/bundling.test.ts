/**
 * The shared esbuild settings (infra/bundling.ts): the SDK's Node credential chain is replaced in every bundle by the
 * environment provider Lambda answers with (shared/adapters/lambda-credentials.ts). The synthesised bundles are
 * loaded and reach DynamoDB in stacks.test.ts; this file checks the swap itself, fast, without a synth.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BUNDLE_ALIASES, ESM_REQUIRE_BANNER } from '../../infra/bundling.js';
import { PROJECT_ROOT } from '../../infra/constructs/functions.js';
import { defaultProvider } from '../../shared/adapters/lambda-credentials.js';

describe('the credential chain of the deployed functions', () => {
  it('answers with the credentials Lambda puts in the environment', async () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' });
      await expect(defaultProvider()()).resolves.toMatchObject({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' });
      delete process.env.AWS_ACCESS_KEY_ID;
      await expect(defaultProvider()()).rejects.toThrow();
    } finally {
      process.env = saved;
    }
  });

  it('replaces the SDK chain in a bundle: no ini, SSO or STS clients carried', async () => {
    const result = await build({
      entryPoints: [join(PROJECT_ROOT, 'functions', 'get-case.ts')],
      absWorkingDir: PROJECT_ROOT,
      bundle: true,
      write: false,
      minify: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      mainFields: ['module', 'main'],
      outfile: 'out/index.mjs',
      banner: { js: ESM_REQUIRE_BANNER },
      alias: BUNDLE_ALIASES,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('shared/adapters/lambda-credentials.ts');
    expect(inputs.filter((file) => /credential-provider-(node|ini|sso|login|process|web-identity)|nested-clients/.test(file))).toEqual([]);
  });
});
